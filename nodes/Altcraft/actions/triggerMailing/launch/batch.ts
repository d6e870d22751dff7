import { NodeOperationError, type IDataObject, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { parameterReader } from '../../../engine/parameters';
import { checkPresent } from '../../../engine/validators';
import { readPerRequest } from '../../../fields/bulk';
import { messageReader, type Message } from '../../../fields/message';
import { outputPerRequest } from '../../../fields/output';
import { objectInput, objectInputReader } from '../../../fields/objectFields';
import { triggerMailingIdReader } from '../../../fields/triggerMailing';
import {
	batchEntry,
	batchRequests,
	rowOutcome,
	sendBatch,
	sentRequests,
	type Batch,
	type BatchEntry,
} from '../../../fields/bulkRequests';
import { RECIPIENT_KEY, matchValueReader, type MatchingMode } from '../../../fields/matching';

/*
 * Launch Mode "Bulk": one trigger mailing for many profiles per request, each input item one
 * element of `data` with its own custom data.
 */

/** Altcraft "Bulk trigger launch". */
const BATCH_PATH = '/api/v1.1/campaigns/triggers/start_batch';
/** Altcraft "Task for bulk trigger launch": the same, answered at once with a task ID. */
const BATCH_TASK_PATH = '/api/v1.1/campaigns/triggers/start_batch_task';

const batchOnly = { show: { '/launchMode': ['batch'] } };

/** Custom data of the item's own element of `data` (v74: custom_data "separately in each data object"). */
const ITEM_CUSTOM_DATA = {
	displayName: 'Recipient Custom Data',
	name: 'itemCustomData',
	itemName: 'Entry',
	valuesName: 'Recipient Custom Data Entries',
	description:
		"This item's recipient's own data for the trigger mailing's integration actions, usually an expression, e.g. {{ $json.order }}",
	jsonExample: '{{ $json.details }}',
	example: ['order_id', '{{ $json.order_id }}'] as [string, string],
};

export const ITEM_CUSTOM_DATA_INPUT: INodeProperties[] = objectInput({
	...ITEM_CUSTOM_DATA,
	displayOptions: batchOnly,
});

/** Key of an item's element by matching mode ([DOC: Data array]). */
const ELEMENT_KEY: Record<Exclude<MatchingMode, 'customQuery'>, string> = {
	email: 'email',
	email_profile: 'email',
	phone: 'phone',
	profile_id: 'profile_id',
	custom: 'field_value',
};

/** What a bulk request shares: everything but `data`. */
interface BatchRequest {
	triggerMailingId: number;
	fieldName?: string;
	message: Message;
}

function requestFields(request: BatchRequest, matching: string, task: boolean): IDataObject {
	return {
		// The task endpoint names the trigger mailing `id`, the synchronous one `trigger_id` [DOC].
		[task ? 'id' : 'trigger_id']: request.triggerMailingId,
		matching,
		...(request.fieldName !== undefined ? { field_name: request.fieldName } : {}),
		...request.message.fields,
	};
}

export async function launchBatch(client: LaunchClient): Promise<INodeExecutionData[]> {
	const { ctx, options } = client;
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Custom Query cannot be combined with Launch Mode "Own Data per Item, Sent in Bulk"',
			{
				description:
					'A custom query already selects its recipients. Set Launch Mode to "Profiles Matching a Query" to send the query, or set Identify Profile By to Email, Phone, Profile ID or Custom Field so that each item names its recipient.',
			},
		);
	}
	const profilesPerRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readValue = matchValueReader(ctx, mode);
	const fieldName = mode === 'custom' ? parameterReader(ctx, 'fieldName') : undefined;
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readMessage = messageReader(ctx);
	const itemCustomData = objectInputReader(ctx, ITEM_CUSTOM_DATA);
	const elementKey = ELEMENT_KEY[mode];
	const recipientKey = RECIPIENT_KEY[mode];
	const perRequest = outputPerRequest(options);
	const fieldsOf = (request: BatchRequest) => requestFields(request, mode, task);
	// Each item's own match value, for its output: keyed chunks order their elements by profile, not by item.
	const values: unknown[] = [];
	let requests = 0;

	return checkAllThenSend<BatchEntry<BatchRequest>, Batch<BatchRequest>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const fields = additionalFields(itemIndex);
			const request: BatchRequest = {
				triggerMailingId: triggerMailingId(itemIndex),
				fieldName: fieldName ? checkPresent(ctx, itemIndex, 'Field Name', fieldName(itemIndex)) : undefined,
				message: readMessage(itemIndex, fields),
			};
			const profile: IDataObject = { [elementKey]: readValue(itemIndex) };
			values[itemIndex] = profile[elementKey];
			const element: IDataObject = { ...profile };
			const customData = itemCustomData(itemIndex);
			if (customData) element.custom_data = customData;
			return batchEntry(client, itemIndex, {
				request,
				fieldsOf,
				keyParts: [request.triggerMailingId, request.fieldName],
				element,
				what: 'The element of data',
				target: `trigger-${request.triggerMailingId}`,
				profile,
			});
		},
		group: async (entries) => {
			const units = await batchRequests(client, entries, profilesPerRequest, fieldsOf);
			requests = sentRequests(units);
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request } = unit.value;
			return sendBatch(client, {
				unit,
				fields: fieldsOf(request),
				url: task ? BATCH_TASK_PATH : BATCH_PATH,
				shared: {
					triggerMailingId: request.triggerMailingId,
					matching: mode,
					...(request.fieldName !== undefined ? { fieldName: request.fieldName } : {}),
				},
				request: { number: unitIndex + 1, of: requests },
				item: (itemIndex, answer) => {
					const value = values[itemIndex];
					const { launched, profileId, note } = rowOutcome(answer, mode === 'profile_id' ? String(value) : undefined);
					const facts: IDataObject = { [recipientKey]: value as IDataObject[string] };
					if (profileId) facts.profileId = profileId;
					return { verbs: { launched }, facts, note };
				},
				target: `trigger-${request.triggerMailingId}`,
				task,
				perRequest,
			});
		},
	});
}
