import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { failItem, failureOutputs } from '../../../engine/failures';
import { groupRequests, type Group, type GroupEntry } from '../../../engine/grouping';
import { checkAllThenSend, type Unit, type UnitResult } from '../../../engine/items';
import { requestOutputs, type ItemFacts } from '../../../engine/output';
import { readPerRequest } from '../../../fields/bulk';
import { bulkBody, sizedElement } from '../../../fields/bulkRequests';
import { outputPerRequest } from '../../../fields/output';
import { budgetBeside } from '../../../helpers/bodySize';
import { digest, digestText } from '../../../helpers/hash';
import { importReader, outcomeKey, type ProfileImport } from './item';
import { omit } from '../../../helpers/omit';

/** Altcraft "Import multiple profiles" and "Update multiple profiles". */
export const IMPORT_BATCH_PATH = '/api/v1.1/profiles/import_batch';
const UPDATE_BATCH_PATH = '/api/v1.1/profiles/update_batch';

/**
 * A subscription in the shape of the batch pages: the contact nested (`email_data`, `phone_data`)
 * where single imports send it flat [DOC: Import multiple profiles; Subscription object].
 */
export function nestedSubscription(flat: IDataObject): IDataObject {
	const { channel, email, phone, ...rest } = flat;
	return {
		channel,
		...(email !== undefined ? { email_data: { email } } : {}),
		...(phone !== undefined ? { phone_data: { phone } } : {}),
		...rest,
	};
}

/**
 * One item's element of `data`: the profile, subscriptions nested, and its own lookup value
 * inside it (email and phones are already there; a profile ID or the custom field is added).
 * [INF] The batch table lists the keys at the root, but each profile needs its own; the page's
 * sample carries them in each element.
 */
function elementOf(item: ProfileImport): IDataObject {
	const { subscriptions, ...data } = item.profile;
	const element: IDataObject = { ...data };
	if (Array.isArray(subscriptions)) element.subscriptions = (subscriptions as IDataObject[]).map(nestedSubscription);
	const { key, request } = item.match;
	if (key.profile_id !== undefined) element.profile_id = key.profile_id;
	if (key.field_value !== undefined) element[request.field_name as string] = key.field_value;
	return element;
}

interface BulkRequest {
	fields: IDataObject;
}

type Entry = GroupEntry<BulkRequest, IDataObject>;

function entryOf(client: LaunchClient, itemIndex: number, item: ProfileImport): Entry {
	const { ctx } = client;
	if (Object.keys(item.segments).length > 0) {
		failItem(
			ctx,
			itemIndex,
			`Add to Segments and Remove From Segments cannot be sent in Bulk mode (item ${itemIndex})`,
			'The bulk import calls take no segments. Set Mode to Per Item, or add the profiles with Segment → Add Profile after the import.',
		);
	}
	const fields: IDataObject = { db_id: item.dbId, ...item.match.request, ...item.flags };
	const element = elementOf(item);
	const { bytes, text } = sizedElement(client, itemIndex, element, () => fields, {
		what: 'The profile',
		fix: 'Send less data for this profile (fewer or shorter custom field values).',
	});
	return { request: { fields }, requestKey: digest([fields]), element, bytes, text };
}

/** `result` of a batch answer as a list of entries (one XML element parses as a single object). */
function resultEntries(answer: IDataObject): IDataObject[] | undefined {
	const result = answer.result;
	if (result === undefined || result === null || result === '') return undefined;
	const list = Array.isArray(result) ? result : [result];
	return list.every((entry) => entry !== null && typeof entry === 'object') ? (list as IDataObject[]) : undefined;
}

const UNTOLD =
	"Altcraft's answer does not tell this profile's result: its result list is missing or has another length than the request's profiles";

/** The error of a `result` entry that refused its profile; undefined for a success. */
function entryError(client: LaunchClient, itemIndex: number, position: number, entry: IDataObject, request: number) {
	if (Number(entry.error ?? 0) === 0) return undefined;
	return new NodeOperationError(
		client.ctx.getNode(),
		`Altcraft refused the profile of item ${itemIndex}: ${String(entry.error_text ?? 'no reason given')} (error ${String(entry.error)})`,
		{
			itemIndex,
			description: `Profile ${position + 1} of bulk request ${request} failed; the request's other profiles were processed. Fix this item and run it again.`,
		},
	);
}

interface BulkSend {
	key: string;
	summaries: Map<number, IDataObject>;
	requests: number;
	perRequest: boolean;
	url: string;
}

/**
 * Sends one bulk request and shapes its output (engine/output.ts): one item per input item by
 * default. [INF] The answer's `result` is matched to the items by position, only when it has one
 * entry per profile sent (the order is undocumented); an entry with its own error fails that item
 * alone, through the failure path every operation shares.
 */
async function sendBulk(
	client: LaunchClient,
	unit: Unit<Group<BulkRequest, IDataObject>>,
	unitIndex: number,
	spec: BulkSend,
): Promise<UnitResult> {
	const { request: shared, elements, texts, requestKey } = unit.value;
	const { fields } = shared;
	const first = unit.items[0];
	// From the content, as digest([requestKey, elements]) would give it, but from the texts the
	// elements were serialised to when they were measured.
	const content = texts
		? digestText(`[${JSON.stringify(requestKey)},[${texts.join(',')}]]`)
		: digest([requestKey, elements]);
	const requestId = client.requestId(first, `profiles-${String(fields.db_id)}`, `bulk-${content}`);
	const call = await client.call({
		method: 'POST',
		url: spec.url,
		body: bulkBody(fields, unit.value),
		itemIndex: first,
		requestId,
	});
	const entries = call.response ? resultEntries(call.response) : undefined;
	const told = entries !== undefined && entries.length === unit.items.length;
	const number = unitIndex + 1;
	const errors = unit.items.map((itemIndex, position) =>
		told ? entryError(client, itemIndex, position, entries[position], number) : undefined,
	);
	const request: IDataObject = { number, of: spec.requests, items: unit.items.length, profiles: elements.length };
	if (told) request.profilesRefused = errors.filter((error) => error !== undefined).length;
	const item = (itemIndex: number, position: number): ItemFacts => {
		const summary = spec.summaries.get(itemIndex) ?? {};
		if (!told) return { verbs: { [spec.key]: null }, facts: summary, note: UNTOLD };
		const entry = entries[position];
		return { verbs: { [spec.key]: true }, facts: { profileId: entry.profile_id ?? null, ...summary, result: entry } };
	};
	const outputs = await requestOutputs({
		items: unit.items,
		perRequest: spec.perRequest,
		call,
		shared: { databaseId: fields.db_id, matching: fields.matching },
		request,
		item,
		// Each item repeats the answer without the `result` list of the whole request.
		itemResponse: (response) => omit(response, 'result'),
	});
	if (!Array.isArray(outputs)) return outputs;
	return outputs.map((output, position): INodeExecutionData => {
		const error = errors[position];
		return error ? failureOutputs(client.ctx, error, [unit.items[position]])[0] : output;
	});
}

export async function importBulk(client: LaunchClient, updateOnly: boolean): Promise<INodeExecutionData[]> {
	const { ctx } = client;
	const perRequest = readPerRequest(ctx, client.options);
	const read = importReader(ctx, client.settings.format === 'xml');
	// What each item's output says about its profile, whichever request carries it.
	const summaries = new Map<number, IDataObject>();
	const spec: BulkSend = {
		key: outcomeKey(updateOnly),
		summaries,
		requests: 0,
		perRequest: outputPerRequest(client.options),
		url: updateOnly ? UPDATE_BATCH_PATH : IMPORT_BATCH_PATH,
	};
	return checkAllThenSend<Entry, Group<BulkRequest, IDataObject>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			const entry = entryOf(client, itemIndex, item);
			summaries.set(itemIndex, item.match.summary);
			return entry;
		},
		group: async (entries) => {
			const format = client.settings.format;
			const units = await groupRequests(entries, perRequest, (request) => budgetBeside(request.fields, 0, format));
			spec.requests = units.length;
			return units;
		},
		send: (unit, unitIndex) => sendBulk(client, unit, unitIndex, spec),
	});
}
