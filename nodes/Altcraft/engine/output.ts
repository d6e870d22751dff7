import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { eventLoopTurns, type UnitResult } from './items';

/*
 * The one output convention of every operation (docs/output.md): what happened first, in the
 * user's words (`launched`, `imported`, ..., the key acted on), then the call's Request-ID,
 * `duplicate` and `attempts`, then Altcraft's answer as it came under `response`. No status
 * envelope at the top: a success item has no `error` key, so "error exists" means failure.
 */

/** What one call to Altcraft gave, in the terms every output shares. */
export interface CallOutcome {
	requestId?: string;
	/** Altcraft answered from its deduplication store: nothing new was sent. */
	duplicate: boolean;
	attempts: number;
	/** Altcraft's answer as it came; absent in a dry run. */
	response?: IDataObject;
	/** Dry run: the request as it would have gone out (method, url, headers, body; token masked). */
	preview?: IDataObject;
}

/** What happened, by its verbs (`launched`, `imported`, ...): true, false, or null where unknown. */
export type Verbs = Record<string, boolean | null>;

/** Nothing happened (a dry run, a profile already sent): every verb is false. */
function falseVerbs(verbs: Verbs): Verbs {
	const result: Verbs = {};
	for (const key of Object.keys(verbs)) result[key] = false;
	return result;
}

/**
 * A success item's JSON for a call that concerned one item. A read (no Request-ID) has no
 * `requestId` and no `duplicate`: Altcraft deduplicates only calls that carry one.
 */
export function successJson(verbs: Verbs, facts: IDataObject, call: CallOutcome): IDataObject {
	const { requestId, duplicate, attempts, response, preview } = call;
	const dedup = requestId === undefined ? {} : { requestId, duplicate };
	if (preview) {
		const id = requestId === undefined ? {} : { requestId };
		return { dryRun: true, ...falseVerbs(verbs), ...facts, ...id, request: preview };
	}
	return { ...verbs, ...facts, ...dedup, attempts, response };
}

/** One input item's part of a request that concerned several. */
export interface ItemFacts {
	verbs: Verbs;
	/** The recipient as this item named it, and what else is known of it alone (e.g. its profile ID). */
	facts: IDataObject;
	/** Said where Altcraft's answer cannot tell this item's fate. */
	note?: string;
}

interface RequestOutput {
	/** The request's items, in input order. */
	items: number[];
	/** One item per request (paired with all its items) instead of one per input item. */
	perRequest: boolean;
	call: CallOutcome;
	/** What every item of the request shares: the trigger mailing, how profiles are matched, ... */
	shared: IDataObject;
	/** The request among the others: number, of, items, profiles, and what the answer counts. */
	request: IDataObject;
	/** Item `position` of the request (its input index `itemIndex`). */
	item: (itemIndex: number, position: number) => ItemFacts;
	/**
	 * Altcraft's answer as every item repeats it: without the lists of one entry per profile (a
	 * 1,000-profile request would copy 1,000 IDs into each of its 1,000 items).
	 */
	itemResponse?: (response: IDataObject) => IDataObject;
}

/**
 * The output of a request that carried several items. By default one item per input item, paired
 * with its own input: its own facts first, then the request's outcome under `request`. In a dry
 * run the request's body is shown once, on its first item. With One Item per Request: one item
 * for the request, paired with all its items, with Altcraft's whole answer.
 */
export async function requestOutputs(output: RequestOutput): Promise<UnitResult> {
	const { call, shared } = output;
	const { requestId, duplicate, attempts, response, preview } = call;
	if (output.perRequest) {
		if (preview) return { dryRun: true, ...shared, requestId, request: { ...output.request, ...preview } };
		return { ...shared, request: { ...output.request }, requestId, duplicate, attempts, response };
	}
	const repeated = response && output.itemResponse ? output.itemResponse(response) : response;
	const { body, ...previewHead } = preview ?? {};
	// What every item repeats, built once: per item each is one flat copy (a copy per item keeps
	// the items independent for nodes downstream that change them in place). A literal that spreads
	// several objects and adds keys costs several times as much, and a request has up to 10,000 items.
	const requestHead: IDataObject = preview
		? { ...output.request, requestId, ...previewHead }
		: { ...output.request, requestId, duplicate, attempts };
	const firstRequest: IDataObject | undefined = preview ? { ...requestHead, body } : undefined;
	const turns = eventLoopTurns();
	const outputs: INodeExecutionData[] = [];
	for (let position = 0; position < output.items.length; position++) {
		if (turns.due()) await turns.give();
		const itemIndex = output.items[position];
		const { verbs, facts, note } = output.item(itemIndex, position);
		const json: IDataObject = preview ? { dryRun: true } : {};
		Object.assign(json, preview ? falseVerbs(verbs) : verbs, facts);
		if (note !== undefined && !preview) json.note = note;
		Object.assign(json, shared);
		json.request = position === 0 && firstRequest ? firstRequest : { ...requestHead };
		if (!preview) json.response = repeated === undefined ? undefined : { ...repeated };
		outputs.push({ json, pairedItem: { item: itemIndex } });
	}
	return outputs;
}

/** Said of an item not sent because its profile already went out under its Idempotency Key. */
const ALREADY_SENT_NOTE =
	'Not sent again: this profile already went out under this Idempotency Key (earlier in this run, or in a run within the last day). The earlier Request-ID is not kept';

/** Items held back because their profiles already went out under their key (engine/memory.ts). */
interface AlreadySentOutput {
	/** The held-back items, in input order. */
	items: number[];
	/** One item for all of them (paired with each) instead of one per input item. */
	perRequest: boolean;
	/** A dry run shows what a real run would hold back. */
	dryRun: boolean;
	/** What the items share, as for a request (trigger mailing, matching, ...). */
	shared: IDataObject;
	/** The distinct profiles among the items. */
	profiles: number;
	/** The item's recipient; its verbs are all false and its note is ALREADY_SENT_NOTE. */
	item: (itemIndex: number, position: number) => ItemFacts;
}

/**
 * The output of items that were not sent because their profiles already went out under their
 * Idempotency Key. Like a request's, one item per input item (paired with it) by default: its
 * verbs false, `alreadySent` and `duplicate` true, the recipient, `requestId: null` (no request
 * went out, and the memory keeps profiles, not Request-IDs), `attempts: 0`, a note; no `request`
 * and no `response`, as nothing was sent. With One Item per Request: one item for them all.
 */
export async function alreadySentOutputs(output: AlreadySentOutput): Promise<UnitResult> {
	const head: IDataObject = output.dryRun ? { dryRun: true } : {};
	const outcome = { requestId: null, attempts: 0, note: ALREADY_SENT_NOTE };
	if (output.perRequest) {
		const counts = { items: output.items.length, profiles: output.profiles };
		return { ...head, alreadySent: true, duplicate: true, ...output.shared, request: counts, ...outcome };
	}
	const turns = eventLoopTurns();
	const outputs: INodeExecutionData[] = [];
	for (let position = 0; position < output.items.length; position++) {
		if (turns.due()) await turns.give();
		const itemIndex = output.items[position];
		const { verbs, facts } = output.item(itemIndex, position);
		const json: IDataObject = Object.assign({}, head, falseVerbs(verbs));
		json.alreadySent = true;
		json.duplicate = true;
		Object.assign(json, facts, output.shared, outcome);
		outputs.push({ json, pairedItem: { item: itemIndex } });
	}
	return outputs;
}
