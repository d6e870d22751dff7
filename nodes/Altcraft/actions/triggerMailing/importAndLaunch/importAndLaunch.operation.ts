import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { attachmentsFor } from '../../../shared/attachments';
import {
	BACKGROUND_TASK_OPTION,
	PROFILES_PER_REQUEST_OPTION,
	batchEntry,
	batchRequests,
	launchModeField,
	readPerRequest,
	sendBatch,
	type Batch,
	type BatchEntry,
} from '../../../shared/batch';
import { checkAllThenSend } from '../../../shared/items';
import { ATTACHMENTS_FIELD, messageDigest, messageInputs, messageReader, type Message } from '../../../shared/message';
import { objectInputReader } from '../../../shared/objectFields';
import { parameterReader } from '../../../shared/parameters';
import { REQUEST_OPTIONS, readRequestSettings, type RequestSettings } from '../../../shared/requestSettings';
import { digest, launchRequestId, requestIdScope, type RequestIdScope } from '../../../shared/requestId';
import { MAX_BODY_BYTES, checkBodySize, checkSendable, sendLaunch } from '../../../shared/send';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../shared/triggerMailing';
import { apiBaseUrl } from '../../../transport';
import { withDisplay } from '../../display';
import { IMPORT_FIELDS, readImportFields } from './importOptions';
import { IMPORT_MATCHING_PROPERTIES, importMatchReader, type ImportMatch } from './matching';
import { CUSTOM_FIELDS, PROFILE_PROPERTIES, readProfile, type ProfileInput } from './profile';

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

async function importEach(ctx: IExecuteFunctions, baseUrl: string, settings: RequestSettings, scope: RequestIdScope) {
	const read = itemReader(ctx, settings.format === 'xml');
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			const fields: IDataObject = { ...requestFields(item.request), ...item.match.key, data: item.profile };
			checkSendable(ctx, settings, itemIndex, fields);
			// Attachments are counted when they are read; the rest is known now.
			if (Buffer.byteLength(JSON.stringify(fields)) > MAX_BODY_BYTES - 1024) checkBodySize(ctx, itemIndex, fields);
			return { item, fields };
		},
		send: async ({ items: [itemIndex], value: { item, fields } }) => {
			const attach = await attachmentsFor(ctx, itemIndex, item.request.message.attachments);
			const body = attach ? { ...fields, attach } : fields;
			if (attach) checkBodySize(ctx, itemIndex, body);
			const id = item.request.triggerMailingId;
			const answer = await sendLaunch(ctx, baseUrl, settings, {
				method: 'POST',
				url: IMPORT_PATH,
				body,
				itemIndex,
				summary: { triggerMailingId: id, ...item.match.summary, import: true },
				// From the request's content: one Idempotency Key over items still imports each profile,
				// and a changed profile is a new import.
				requestId: launchRequestId(
					scope,
					itemIndex,
					`import-${id}`,
					digest([fields, messageDigest([], {}, item.request.message.attachments)]),
				),
			});
			return { ...answer, launch: { ...(answer.launch as IDataObject), profileId: profileIdOf(answer) } };
		},
	});
}

async function importBatch(ctx: IExecuteFunctions, baseUrl: string, settings: RequestSettings, scope: RequestIdScope) {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const perRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const read = itemReader(ctx, settings.format === 'xml');
	let requests = 0;
	return checkAllThenSend<BatchEntry<ImportRequest>, Batch<ImportRequest>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: settings.maxParallel,
		check: (itemIndex) => {
			const { request, match, profile } = read(itemIndex);
			// [DOC] each element wraps the profile in `data`; the matching key beside it follows the
			// Data array page, which names these keys for the import batch calls too [INF].
			const element: IDataObject = { ...match.key, data: profile };
			return batchEntry(ctx, settings, itemIndex, {
				request,
				fields: requestFields(request),
				keyParts: [request.triggerMailingId, request.fields],
				element,
				what: 'The profile',
			});
		},
		group: (entries) => {
			const units = batchRequests(entries, perRequest, settings.format, requestFields);
			requests = units.length;
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request } = unit.value;
			const { answer } = await sendBatch(ctx, baseUrl, settings, scope, {
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
	const settings = readRequestSettings(this);
	const baseUrl = await apiBaseUrl(this);
	const scope = requestIdScope(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'batch'
		? importBatch(this, baseUrl, settings, scope)
		: importEach(this, baseUrl, settings, scope);
}
