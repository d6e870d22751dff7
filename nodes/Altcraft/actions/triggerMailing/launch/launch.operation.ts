import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { failItem } from '../../../engine/failures';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { parameterReader } from '../../../engine/parameters';
import { BACKGROUND_TASK_OPTION, launchModeField } from '../../../fields/bulk';
import { withDisplay } from '../../../fields/display';
import { messageInputs } from '../../../fields/message';
import { OUTPUT_OPTION } from '../../../fields/output';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../fields/triggerMailing';
import { digest } from '../../../helpers/hash';
import { AUDIENCE_OPTIONS, launchAudience } from './audience';
import { ITEM_CUSTOM_DATA_INPUT, launchBatch } from './batch';
import { MATCHING_PROPERTIES, targetReader } from './matching';
import { LAUNCH_PATH, launchBody } from './request';
import { PAYLOAD_FIELDS, payloadReader } from './payload';

const show = { resource: ['triggerMailing'], operation: ['launch'] };

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	TRIGGER_MAILING_FIELD,
	launchModeField(
		'Who gets the message and how the items are sent. To create or update the profile before launching, use the Import Profile and Launch operation instead.',
		[
			{
				name: 'One Message per Item',
				value: 'eachItem',
				description: 'Each item names one recipient and gets its own message. For a form, a webhook or a few items.',
			},
			{
				name: 'Same Message to All Items',
				value: 'audience',
				description:
					'The recipients of all items get one and the same message, sent together. For a list of people who should all hear the same news.',
			},
			{
				name: 'Own Data per Item, Sent in Bulk',
				value: 'batch',
				description:
					'Many recipients sent together, each with their own Recipient Custom Data for the message. For rows from a database or a file.',
			},
			{
				name: 'Profiles Matching a Query',
				value: 'query',
				description: 'Every profile a query over profile data selects gets the message; the items name no recipients',
			},
		],
	),
	...MATCHING_PROPERTIES,
	{
		displayName:
			'Each item adds its recipient to one shared message; items whose content, custom data or attachments differ get a message of their own',
		name: 'audienceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['audience'] } },
	},
	{
		displayName:
			'Each item is one recipient with its own Recipient Custom Data; Content and Custom Data for All Recipients are the same for every recipient sent together',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['batch'] } },
	},
	{
		displayName:
			'Every profile the query selects gets the message. Each item sends its query and two items may not send the same one: let one item run it (Settings → Execute Once) unless the query depends on the item',
		name: 'queryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['query'] } },
	},
	...messageInputs(['batch']),
	...ITEM_CUSTOM_DATA_INPUT,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: PAYLOAD_FIELDS,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...AUDIENCE_OPTIONS, BACKGROUND_TASK_OPTION, OUTPUT_OPTION, ...REQUEST_OPTIONS].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const option: INodePropertyOptions = {
	name: 'Launch',
	value: 'launch',
	action: 'Launch trigger mailing',
	description: 'Launch a trigger mailing for one profile, an audience or many profiles at once',
};

export const description = withDisplay(properties, show);

async function launchEach(client: LaunchClient) {
	const { ctx } = client;
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readTarget = targetReader(ctx);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readPayload = payloadReader(ctx);
	const queries = new Map<string, number>();
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const id = triggerMailingId(itemIndex);
			const target = readTarget(itemIndex);
			const customQuery = 'custom_request' in target.params;
			const payload = readPayload(itemIndex, additionalFields(itemIndex), { customQuery });
			client.checkSendable(itemIndex, { id, ...target.params, ...payload.fields });
			// Last, so that only an item that will be sent counts as the first with its query.
			if (customQuery)
				refuseRepeatedQuery(ctx, queries, itemIndex, `${id}|${JSON.stringify(target.params.custom_request)}`);
			return { id, target, payload };
		},
		send: async ({ items: [itemIndex], value: { id, target, payload } }) =>
			successJson(
				{ launched: true },
				{ triggerMailingId: id, ...target.summary },
				await client.call({
					method: 'POST',
					url: LAUNCH_PATH,
					body: await launchBody(client, itemIndex, { id, ...target.params }, payload),
					itemIndex,
					// The recipient is part of the ID: one Idempotency Key for many items still launches each.
					requestId: client.requestId(itemIndex, `trigger-${id}`, digest([target.params])),
				}),
			),
	});
}

/** The same audience query for two items would send every profile it matches the message twice. */
function refuseRepeatedQuery(ctx: IExecuteFunctions, seen: Map<string, number>, itemIndex: number, key: string) {
	const first = seen.get(key);
	if (first !== undefined) {
		failItem(
			ctx,
			itemIndex,
			`Item ${itemIndex} would launch the same custom query as item ${first}`,
			'Every profile the query matches would get the message once per item. Let the node run once (Settings → Execute Once), or make the query depend on the item.',
		);
	}
	seen.set(key, itemIndex);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	if (launchMode === 'batch') return launchBatch(client);
	// "Profiles Matching a Query" is a single launch per item whose recipients the query selects.
	return launchMode === 'audience' ? launchAudience(client) : launchEach(client);
}
