import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { groupRequests, type Group, type GroupEntry } from '../engine/grouping';
import type { Checked, Unit, UnitResult } from '../engine/items';
import { alreadySentOutputs, requestOutputs, type ItemFacts } from '../engine/output';
import { profileFingerprint } from '../engine/requestId';
import { attachmentsFor } from './attachments';
import { inlineAttachmentBytes, messageDigest, type Message } from './message';
import { BODY_BUDGET_BYTES, budgetBeside } from '../helpers/bodySize';
import { jsonWithList, type JsonText } from '../helpers/jsonText';
import { digest } from '../helpers/hash';
import { omit } from '../helpers/omit';

export { sentRequests } from '../engine/grouping';

/**
 * What the bulk requests share (Bulk launch, bulk Import Profile and Launch, bulk Import Profile and Start):
 * an item's element checked and measured, the requests formed from them, and one request sent.
 */
export type BatchEntry<R> = GroupEntry<R, IDataObject>;
export type Batch<R> = Group<R, IDataObject>;

/**
 * One checked item of a bulk request: its element checked as it will travel (XML names, size),
 * measured in the format sent, and keyed by what its request shares (`keyParts` plus the
 * message), so that only items asking for the same request share one.
 */
export function batchEntry<R extends { message: Message }>(
	client: LaunchClient,
	itemIndex: number,
	entry: {
		request: R;
		/** The request's own fields, built only where they are checked per item (XML). */
		fieldsOf: (request: R) => IDataObject;
		keyParts: unknown[];
		element: IDataObject;
		what: string;
		/** What the Request-ID and the memory of sent profiles are scoped by, e.g. `trigger-84`. */
		target: string;
		/** The profile as the element names it (its matching key), without its own data. */
		profile: IDataObject;
	},
): BatchEntry<R> {
	const { request, element } = entry;
	const { bytes, text } = sizedElement(client, itemIndex, element, () => entry.fieldsOf(request), {
		what: entry.what,
		fix: 'Send less data for this item (e.g. fewer or shorter custom data values).',
	});
	const key = client.idempotencyKey(itemIndex);
	// Keyed and unkeyed items never share a request: only keyed ones are remembered.
	const requestKey = messageDigest(
		[...entry.keyParts, key !== ''],
		request.message.fields,
		request.message.attachments,
	);
	const fingerprint = key === '' ? undefined : profileFingerprint(entry.target, key, entry.profile);
	return { request, requestKey, element, bytes, text, fingerprint };
}

/**
 * An element of a bulk request's `data`, checked and measured (and in JSON serialised) once. One
 * item's element alone over the budget can never be sent: refused before anything goes.
 */
export function sizedElement(
	client: LaunchClient,
	itemIndex: number,
	element: IDataObject,
	/** The request's own fields, built only where they are checked per item (XML). */
	fieldsOf: () => IDataObject,
	say: { what: string; fix: string },
): { bytes: number; text?: string } {
	// The request's own fields travel with every element: in XML they must be sendable too.
	if (client.settings.format === 'xml') client.checkSendable(itemIndex, fieldsOf());
	const sized = client.measureElement(itemIndex, 'data', element);
	if (sized.bytes > BODY_BUDGET_BYTES) {
		const mb = (sized.bytes / 1024 / 1024).toFixed(1);
		throw new NodeOperationError(
			client.ctx.getNode(),
			`${say.what} of item ${itemIndex} is ${mb} MB, over Altcraft's 10 MB request limit`,
			{ itemIndex, description: say.fix },
		);
	}
	return sized;
}

/**
 * A bulk request's body: its fields, `data`, then `after` (attachments). Joined from the elements'
 * JSON texts where they were serialised when measured; XML bodies are built from the objects.
 */
export function bulkBody(
	fields: IDataObject,
	group: { elements: IDataObject[]; texts?: string[] },
	after: IDataObject = {},
): IDataObject | JsonText {
	if (group.texts) return jsonWithList(fields, 'data', group.texts, after);
	return { ...fields, data: group.elements, ...after };
}

/** The bulk requests of the checked items, each under the body limit once its own fields are counted. */
export function batchRequests<R extends { message: Message }>(
	client: LaunchClient,
	entries: Array<Checked<BatchEntry<R>>>,
	perRequest: number,
	fieldsOf: (request: R) => IDataObject,
): Promise<Array<Unit<Batch<R>>>> {
	const keyed = entries.some((entry) => entry.value.fingerprint !== undefined);
	return groupRequests(
		entries,
		perRequest,
		(request) =>
			budgetBeside(fieldsOf(request), inlineAttachmentBytes(request.message.attachments), client.settings.format),
		keyed ? client.sentMemory() : undefined,
	);
}

/**
 * `result` as a list of profile IDs. The judge has already refused any other shape (resultList),
 * and XML's parser reads `result` as a list however many elements it has; null is an empty list.
 */
function resultList(body: IDataObject): string[] | undefined {
	const result = body.result;
	if (result === undefined) return undefined;
	return Array.isArray(result) ? result.map((id) => String(id)) : [];
}

/**
 * The task ID of a _task answer. [INF] The docs only say "returns a response with the task id";
 * where it sits is not documented, so the usual places are tried.
 */
function taskIdOf(body: IDataObject): unknown {
	const data = body.data;
	if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
		const object = data as IDataObject;
		return object.task_id ?? object.id ?? object.taskId;
	}
	return data ?? body.task_id ?? body.id;
}

/** What a bulk answer tells about its profiles (nothing for a background task). */
interface BatchAnswer {
	task: boolean;
	/** Profiles (elements of data) the request carried. */
	profiles: number;
	/** IDs of the profiles the mailing went to ([DOC: Bulk trigger launch] `result`), as a list. */
	result?: string[];
	launchedIds?: Set<string>;
}

interface BatchCall {
	unit: Unit<Batch<{ message: Message }>>;
	/** The request-level fields (trigger mailing, matching, content, ...): everything but data and attach. */
	fields: IDataObject;
	url: string;
	/** What every item of the request shares in the output (trigger mailing, matching, ...). */
	shared: IDataObject;
	/** Where the request stands among the execution's requests: `{ number, of }`. */
	request: IDataObject;
	/** What is known of one item from the answer: its verbs, recipient, profile ID, or a note. */
	item: (itemIndex: number, answer: BatchAnswer) => ItemFacts;
	/** What the Request-ID is scoped by, e.g. `trigger-84`. */
	target: string;
	task: boolean;
	perRequest: boolean;
}

/** Said of every item of a request sent as a background task. */
const TASK_NOTE =
	'Sent as a background task: Altcraft answered with its task ID before sending, so which profiles it reached is not known here';

/** Said where the answer's profile IDs cannot be matched to rows. */
const UNMATCHED_NOTE =
	"Altcraft's answer lists the IDs of the profiles the request reached, not which row each belongs to: see request.profilesLaunched";

/**
 * What the answer tells of one row. `result` is unordered as far as the docs say [DOC: open
 * question], so a row is known only by its own profile ID (Profile ID matching), when the answer
 * names no profile (none launched), or when the request carried this row alone.
 */
export function rowOutcome(
	answer: BatchAnswer,
	ownProfileId: string | undefined,
): { launched: boolean | null; profileId?: string; note?: string } {
	if (answer.task) return { launched: null, note: TASK_NOTE };
	const { result, launchedIds } = answer;
	if (!result || !launchedIds) return { launched: null, note: UNMATCHED_NOTE };
	if (ownProfileId !== undefined) return { launched: launchedIds.has(ownProfileId) };
	if (result.length === 0) return { launched: false };
	if (answer.profiles === 1 && result.length === 1) return { launched: true, profileId: result[0] };
	return { launched: null, note: UNMATCHED_NOTE };
}

/**
 * A bulk request's Request-ID. Keyed: from the key and the profiles it carries, so the same
 * remaining profiles always get the same ID (grouping.ts forms the same chunks for them) and a
 * request answered as a duplicate sends nothing new. Unkeyed: from the execution and the items,
 * the same when n8n's Retry On Fail runs the node again.
 */
function batchRequestId(client: LaunchClient, call: BatchCall): string {
	const { items, value } = call.unit;
	const part = value.fingerprints
		? digest([call.task, value.fingerprints])
		: digest([value.requestKey, call.task, items.length, items[items.length - 1]]);
	return client.requestId(items[0], call.target, `bulk-${part}`);
}

/**
 * Sends one bulk request (launch or import, synchronous or as a task) and shapes its output (see
 * engine/output.ts): per input item by default, with what the answer tells of it; per request on
 * demand, with `result` always as a list. A unit of profiles already sent under their key sends
 * nothing and says so per item. The profiles of a request Altcraft accepted are remembered.
 */
export async function sendBatch(client: LaunchClient, call: BatchCall): Promise<UnitResult> {
	const { request, elements, fingerprints, remembered } = call.unit.value;
	const told: BatchAnswer = { task: call.task, profiles: elements.length };
	if (remembered) {
		return alreadySentOutputs({
			items: call.unit.items,
			perRequest: call.perRequest,
			dryRun: client.settings.dryRun,
			shared: call.shared,
			profiles: elements.length,
			item: (itemIndex) => call.item(itemIndex, told),
		});
	}
	const first = call.unit.items[0];
	const attach = await attachmentsFor(client.ctx, first, request.message.attachments);
	const body = bulkBody(call.fields, call.unit.value, attach ? { attach } : {});
	if (attach) client.checkBodySize(first, body);
	const outcome = await client.call({
		method: 'POST',
		url: call.url,
		body,
		itemIndex: first,
		requestId: batchRequestId(client, call),
		resultList: !call.task,
	});
	// Altcraft accepted the request (or had already): its profiles count as sent under their key.
	if (fingerprints && !client.settings.dryRun) client.sentMemory().record(fingerprints);
	const answer = outcome.response;
	const facts: IDataObject = { ...call.request, items: call.unit.items.length, profiles: elements.length };
	if (call.task) {
		Object.assign(facts, { backgroundTask: true, taskId: answer ? (taskIdOf(answer) ?? null) : null });
	} else if (answer) {
		const result = resultList(answer);
		if (result) {
			answer.result = result;
			facts.profilesLaunched = result.length;
			told.result = result;
			told.launchedIds = new Set(result);
		}
	}
	return requestOutputs({
		items: call.unit.items,
		perRequest: call.perRequest,
		call: outcome,
		shared: call.shared,
		request: facts,
		item: (itemIndex) => call.item(itemIndex, told),
		// Each item repeats the answer without the `result` list of the whole request.
		itemResponse: (response) => omit(response, 'result'),
	});
}
