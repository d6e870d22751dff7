import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { failItem, failureOutput } from '../../../engine/failures';
import { groupRequests, type Group, type GroupEntry } from '../../../engine/grouping';
import { checkAllThenSend, type Unit } from '../../../engine/items';
import { readPerRequest } from '../../../fields/bulk';
import { BODY_BUDGET_BYTES, budgetBeside, elementBytes } from '../../../helpers/bodySize';
import { digest } from '../../../helpers/hash';
import { importReader, outcomeKey, type ProfileImport } from './item';

/** Altcraft "Import multiple profiles" and "Update multiple profiles". */
export const IMPORT_BATCH_PATH = '/api/v1.1/profiles/import_batch';
export const UPDATE_BATCH_PATH = '/api/v1.1/profiles/update_batch';

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
export function elementOf(item: ProfileImport): IDataObject {
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
	client.checkSendable(itemIndex, { ...fields, data: [element] });
	const bytes = elementBytes('data', element, client.settings.format);
	if (bytes > BODY_BUDGET_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The profile of item ${itemIndex} is over Altcraft's 10 MB request limit`,
			{
				itemIndex,
				description: 'Send less data for this profile (fewer or shorter custom field values).',
			},
		);
	}
	return { request: { fields }, requestKey: digest([fields]), element, bytes };
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

/**
 * One output per item. [INF] The answer's `result` is matched to the items by position, only when
 * it has one entry per profile sent (the order is undocumented); an entry with its own error fails
 * that item alone.
 */
function perItem(
	client: LaunchClient,
	unit: Unit<Group<BulkRequest, IDataObject>>,
	answer: IDataObject,
	request: IDataObject,
	outcome: { key: string; summaries: Map<number, IDataObject> },
): INodeExecutionData[] {
	const { key, summaries } = outcome;
	const entries = resultEntries(answer);
	const told = entries !== undefined && entries.length === unit.items.length;
	return unit.items.map((itemIndex, position) => {
		const summary = summaries.get(itemIndex);
		if (!told)
			return {
				json: { [key]: null, note: UNTOLD, ...summary, request, response: answer },
				pairedItem: { item: itemIndex },
			};
		const entry = entries[position];
		if (Number(entry.error) !== 0) {
			const error = new NodeOperationError(
				client.ctx.getNode(),
				`Altcraft refused the profile of item ${itemIndex}: ${String(entry.error_text ?? 'no reason given')} (error ${String(entry.error)})`,
				{
					itemIndex,
					description: `Profile ${position + 1} of bulk request ${String(request.number)} failed; the request's other profiles were processed. Fix this item and run it again.`,
				},
			);
			return failureOutput(client.ctx, error, [itemIndex]);
		}
		const profileId = entry.profile_id ?? null;
		return { json: { [key]: true, profileId, ...summary, request, response: entry }, pairedItem: { item: itemIndex } };
	});
}

export async function importBulk(client: LaunchClient, updateOnly: boolean): Promise<INodeExecutionData[]> {
	const { ctx } = client;
	const perRequest = readPerRequest(ctx, client.options);
	const read = importReader(ctx, client.settings.format === 'xml');
	const key = outcomeKey(updateOnly);
	// What each item's output says about its profile, whichever request carries it.
	const summaries = new Map<number, IDataObject>();
	let requests = 0;
	return checkAllThenSend<Entry, Group<BulkRequest, IDataObject>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			const entry = entryOf(client, itemIndex, item);
			summaries.set(itemIndex, { databaseId: item.dbId, ...item.match.summary });
			return entry;
		},
		group: async (entries) => {
			const format = client.settings.format;
			const units = await groupRequests(entries, perRequest, (request) => budgetBeside(request.fields, 0, format));
			requests = units.length;
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request: shared, elements, requestKey } = unit.value;
			const { fields } = shared;
			const first = unit.items[0];
			const requestId = client.requestId(
				first,
				`profiles-${String(fields.db_id)}`,
				`bulk-${digest([requestKey, elements])}`,
			);
			const response = await client.request({
				method: 'POST',
				url: updateOnly ? UPDATE_BATCH_PATH : IMPORT_BATCH_PATH,
				body: { ...fields, data: elements },
				itemIndex: first,
				requestId,
			});
			if (client.settings.dryRun)
				return { dryRun: true, request: response.body.request, requestId, profiles: elements.length };
			const request = {
				number: unitIndex + 1,
				of: requests,
				items: unit.items.length,
				requestId,
				duplicate: response.duplicate,
			};
			return perItem(client, unit, response.body, request, { key, summaries });
		},
	});
}
