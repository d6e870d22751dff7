import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { parameterReader } from '../../../engine/parameters';
import { attachmentsFor } from '../../../fields/attachments';
import {
	BACKGROUND_TASK_OPTION,
	PROFILES_PER_REQUEST_OPTION,
	launchModeField,
	readPerRequest,
} from '../../../fields/bulk';
import { withDisplay } from '../../../fields/display';
import { ATTACHMENTS_FIELD, messageDigest, messageInputs, messageReader, type Message } from '../../../fields/message';
import { objectInputReader } from '../../../fields/objectFields';
import { REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../fields/triggerMailing';
import { digest } from '../../../helpers/hash';
import { batchEntry, batchRequests, sendBatch, type Batch, type BatchEntry } from '../bulk';
import { IMPORT_FIELDS, readImportFields } from '../../../fields/importOptions';
import { IMPORT_MATCHING_PROPERTIES, importMatchReader, type ImportMatch } from '../../../fields/profileMatching';
import { CUSTOM_FIELDS, PROFILE_PROPERTIES, readProfile, type ProfileInput } from '../../../fields/profile';

/** Altcraft "Profile import + trigger mailing launch" and its bulk and task variants. */
export const IMPORT_PATH = '/api/v1.1/campaigns/triggers/import_and_start';
export const IMPORT_BATCH_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch';
export const IMPORT_BATCH_TASK_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch_task';

const show = { resource: ['triggerMailing'], operation: ['importAndLaunch'] };

const properties: INodeProperties[] = [
	TRIGGER_MAILING_FIELD,
	launchModeField([
		{
			name: 'Per Item',
			value: 'eachItem',
			description: 'One request per item: for a form or a webhook that brings one person',
		},
		{
			name: 'Bulk (Each Item Its Own Data)',
			value: 'batch',
			description: 'Up to 1,000 items per request, each its own profile: for rows from a database or a file',
		},
	]),
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
		options: [PROFILES_PER_REQUEST_OPTION, BACKGROUND_TASK_OPTION, ...REQUEST_OPTIONS].sort((a, b) =>
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

/** What a request of this operation shares besides the profiles it carries. */
interface ImportRequest {
	triggerMailingId: number;
	/** matching, field_name, resource_id, skip_*, detect_geo, timeout. */
	fields: IDataObject;
	message: Message;
}

interface ImportItem {
	request: ImportRequest;
	match: ImportMatch;
	profile: IDataObject;
}

function requestFields(request: ImportRequest): IDataObject {
	return { trigger_id: request.triggerMailingId, ...request.fields, ...request.message.fields };
}

/** Reads and checks one item: its profile, how it is matched, and the request fields it asks for. */
function itemReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ImportItem {
	const triggerMailingId = triggerMailingIdReader(ctx);
	const match = importMatchReader(ctx, xml);
	const email = parameterReader(ctx, 'email');
	const phone = parameterReader(ctx, 'phone');
	const profileFields = parameterReader<IDataObject>(ctx, 'profileFields', {});
	const subscriptions = parameterReader<ProfileInput['subscriptions']>(ctx, 'subscriptions', {});
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const customFields = objectInputReader(ctx, CUSTOM_FIELDS);
	const readMessage = messageReader(ctx);
	return (itemIndex) => {
		const fields = additionalFields(itemIndex);
		const profile = readProfile(
			ctx,
			itemIndex,
			{
				email: email(itemIndex),
				phone: phone(itemIndex),
				fields: profileFields(itemIndex),
				custom: customFields(itemIndex),
				subscriptions: subscriptions(itemIndex),
			},
			xml,
		);
		const matched = match(itemIndex, profile);
		const request: ImportRequest = {
			triggerMailingId: triggerMailingId(itemIndex),
			fields: { ...matched.request, ...readImportFields(ctx, itemIndex, fields) },
			message: readMessage(itemIndex, fields),
		};
		return { request, match: matched, profile };
	};
}

/** The profile ID Altcraft answered with, where its answer has one [INF: profiles/import answers profile_id]. */
function profileIdOf(answer: IDataObject): unknown {
	const data = answer.data;
	const nested =
		data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject).profile_id : undefined;
	return answer.profile_id ?? nested ?? null;
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
			const answer = await client.launch({
				method: 'POST',
				url: IMPORT_PATH,
				body,
				itemIndex,
				summary: { triggerMailingId: id, ...item.match.summary, import: true },
				// From the request's content: one Idempotency Key over items still imports each profile,
				// and a changed profile is a new import.
				requestId: client.requestId(
					itemIndex,
					`import-${id}`,
					digest([fields, messageDigest([], {}, item.request.message.attachments)]),
				),
			});
			return { ...answer, launch: { ...(answer.launch as IDataObject), profileId: profileIdOf(answer) } };
		},
	});
}

async function importBatch(client: LaunchClient) {
	const { ctx, options } = client;
	const perRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const read = itemReader(ctx, client.settings.format === 'xml');
	let requests = 0;
	return checkAllThenSend<BatchEntry<ImportRequest>, Batch<ImportRequest>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const { request, match, profile } = read(itemIndex);
			// [DOC] each element wraps the profile in `data`; the matching key beside it follows the
			// Data array page, which names these keys for the import batch calls too [INF].
			const element: IDataObject = { ...match.key, data: profile };
			return batchEntry(client, itemIndex, {
				request,
				fields: requestFields(request),
				keyParts: [request.triggerMailingId, request.fields],
				element,
				what: 'The profile',
				target: `import-${request.triggerMailingId}`,
				profile: match.key,
			});
		},
		group: async (entries) => {
			const units = await batchRequests(client, entries, perRequest, requestFields);
			requests = units.length;
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request } = unit.value;
			const { answer } = await sendBatch(client, {
				unit,
				fields: requestFields(request),
				url: task ? IMPORT_BATCH_TASK_PATH : IMPORT_BATCH_PATH,
				summary: {
					triggerMailingId: request.triggerMailingId,
					matching: request.fields.matching,
					import: true,
					request: unitIndex + 1,
					requests,
				},
				target: `import-${request.triggerMailingId}`,
				task,
			});
			return answer;
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'batch' ? importBatch(client) : importEach(client);
}
