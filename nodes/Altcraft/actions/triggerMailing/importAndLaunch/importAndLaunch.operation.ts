import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { attachmentsFor } from '../../../fields/attachments';
import { BACKGROUND_TASK_OPTION, PROFILES_PER_REQUEST_OPTION, launchModeField } from '../../../fields/bulk';
import { withDisplay } from '../../../fields/display';
import { ATTACHMENTS_FIELD, messageDigest, messageInputs } from '../../../fields/message';
import { OUTPUT_OPTION } from '../../../fields/output';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { TRIGGER_MAILING_FIELD } from '../../../fields/triggerMailing';
import { digest } from '../../../helpers/hash';
import { IMPORT_FIELDS } from '../../../fields/importOptions';
import { IMPORT_MATCHING_PROPERTIES } from '../../../fields/profileMatching';
import { PROFILE_PROPERTIES } from '../../../fields/profile';
import { importBatch } from './batch';
import { itemReader, requestFields } from './item';

/** Altcraft "Profile import + trigger mailing launch" for one profile; the bulk variants: batch.ts. */
export const IMPORT_PATH = '/api/v1.1/campaigns/triggers/import_and_start';

const show = { resource: ['triggerMailing'], operation: ['importAndLaunch'] };

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	TRIGGER_MAILING_FIELD,
	launchModeField(
		"Both modes create or update each item's profile, then launch the trigger mailing for it. For profiles that already exist, the Launch operation is simpler.",
		[
			{
				name: 'One Profile per Item',
				value: 'eachItem',
				description: 'Each item is imported and launched on its own. For a form or a webhook that brings one person.',
			},
			{
				name: 'Many Profiles, Sent in Bulk',
				value: 'batch',
				description: 'Many items imported and launched together. For rows from a database or a file.',
			},
		],
	),
	...IMPORT_MATCHING_PROPERTIES,
	...PROFILE_PROPERTIES,
	...messageInputs(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [ATTACHMENTS_FIELD, ...IMPORT_FIELDS].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [PROFILES_PER_REQUEST_OPTION, BACKGROUND_TASK_OPTION, OUTPUT_OPTION, ...REQUEST_OPTIONS].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const option: INodePropertyOptions = {
	name: 'Import Profile and Launch',
	value: 'importAndLaunch',
	action: 'Import profile and launch trigger mailing',
	description: 'Create or update a profile, then launch a trigger mailing for it, e.g. for a form sign-up',
};

export const description = withDisplay(properties, show);

/** The profile ID Altcraft answered with, where its answer has one [INF: profiles/import answers profile_id]. */
function profileIdOf(answer: IDataObject): unknown {
	const data = answer.data;
	const nested =
		data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject).profile_id : undefined;
	return answer.profile_id ?? nested;
}

async function importEach(client: LaunchClient) {
	const { ctx } = client;
	const read = itemReader(ctx, client.settings.format === 'xml');
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			const fields: IDataObject = { ...requestFields(item.request), ...item.match.key, data: item.profile };
			client.checkSendable(itemIndex, fields);
			// Attachments are counted when they are read; the rest is known now.
			if (client.nearLimit(fields)) client.checkBodySize(itemIndex, fields);
			return { item, fields };
		},
		send: async ({ items: [itemIndex], value: { item, fields } }) => {
			const attach = await attachmentsFor(ctx, itemIndex, item.request.message.attachments);
			const body = attach ? { ...fields, attach } : fields;
			if (attach) client.checkBodySize(itemIndex, body);
			const id = item.request.triggerMailingId;
			const call = await client.call({
				method: 'POST',
				url: IMPORT_PATH,
				body,
				itemIndex,
				// From the request's content: one Idempotency Key over items still imports each profile,
				// and a changed profile is a new import.
				requestId: client.requestId(
					itemIndex,
					`import-${id}`,
					digest([fields, messageDigest([], {}, item.request.message.attachments)]),
				),
			});
			const profileId = call.response ? profileIdOf(call.response) : undefined;
			const recipient = { triggerMailingId: id, ...item.match.summary };
			return successJson(
				{ imported: true, launched: true },
				{ ...recipient, ...(profileId ? { profileId } : {}) },
				call,
			);
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'batch' ? importBatch(client) : importEach(client);
}
