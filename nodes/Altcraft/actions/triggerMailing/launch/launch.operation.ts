import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { BACKGROUND_TASK_OPTION, launchModeField } from '../../../fields/bulk';
import { withDisplay } from '../../../fields/display';
import { messageInputs } from '../../../fields/message';
import { REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../fields/triggerMailing';
import { digest } from '../../../helpers/hash';
import { AUDIENCE_OPTIONS, launchAudience } from './audience';
import { ITEM_CUSTOM_DATA_INPUT, launchBatch } from './batch';
import { MATCHING_PROPERTIES } from '../../../fields/matching';
import { PAYLOAD_FIELDS, launchBody, singleLaunchReader } from '../../../fields/payload';
import { LAUNCH_PATH } from './request';

const show = { resource: ['triggerMailing'], operation: ['launch'] };

const properties: INodeProperties[] = [
	TRIGGER_MAILING_FIELD,
	launchModeField([
		{
			name: 'Per Item',
			value: 'eachItem',
			description: 'One request per item: for a few items, or when each needs its own content or attachments',
		},
		{
			name: 'Audience (All Items Together)',
			value: 'audience',
			description:
				'All items get the same message, sent to up to 1,000 profiles per request (Options → Profiles per Request)',
		},
		{
			name: 'Bulk (Each Item Its Own Data)',
			value: 'batch',
			description:
				'Up to 1,000 items per request, each profile with its own Item Custom Data: for rows from a database or a file',
		},
	]),
	...MATCHING_PROPERTIES,
	{
		displayName: 'Items with the same message share requests; items whose content differs get requests of their own',
		name: 'audienceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['audience'] } },
	},
	{
		displayName:
			'Each item is one profile with its own Item Custom Data; items whose content differs get requests of their own',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['batch'] } },
	},
	...messageInputs(),
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
		options: [...AUDIENCE_OPTIONS, BACKGROUND_TASK_OPTION, ...REQUEST_OPTIONS].sort((a, b) =>
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
	const readLaunch = singleLaunchReader(client);
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const id = triggerMailingId(itemIndex);
			return { id, ...readLaunch(itemIndex, { id }) };
		},
		send: async ({ items: [itemIndex], value: { id, target, payload } }) =>
			client.launch({
				method: 'POST',
				url: LAUNCH_PATH,
				body: await launchBody(client, itemIndex, { id, ...target.params }, payload),
				itemIndex,
				summary: { triggerMailingId: id, ...target.summary },
				// The recipient is part of the ID: one Idempotency Key for many items still launches each.
				requestId: client.requestId(itemIndex, `trigger-${id}`, digest([target.params])),
			}),
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	if (launchMode === 'batch') return launchBatch(client);
	return launchMode === 'audience' ? launchAudience(client) : launchEach(client);
}
