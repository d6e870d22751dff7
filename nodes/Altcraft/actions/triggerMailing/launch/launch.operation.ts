import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { attachmentsFor } from '../../../shared/attachments';
import { failItem } from '../../../shared/failures';
import { checkAllThenSend } from '../../../shared/items';
import { checkKey, checkQueryCarried } from '../../../shared/keys';
import { parameterReader } from '../../../shared/parameters';
import { REQUEST_OPTIONS, readRequestSettings, type RequestSettings } from '../../../shared/requestSettings';
import { digest, launchRequestId, requestIdScope, type RequestIdScope } from '../../../shared/requestId';
import { MAX_BODY_BYTES, checkBodySize, checkSendable, sendLaunch } from '../../../shared/send';
import { BACKGROUND_TASK_OPTION, launchModeField, readPerRequest } from '../../../shared/batch';
import { inlineAttachmentBytes, messageInputs } from '../../../shared/message';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../shared/triggerMailing';
import { checkPresent } from '../../../shared/validators';
import { apiBaseUrl } from '../../../transport';
import { withDisplay } from '../../display';
import {
	AUDIENCE_OPTIONS,
	DEFAULT_QUERY_FIELD,
	audienceQuery,
	groupAudience,
	messageKeyOf,
	type AudienceMember,
	type AudienceRequest,
	type AudienceMode,
} from './audience';
import { ITEM_CUSTOM_DATA_INPUT, launchBatch } from './batch';
import { MATCHING_PROPERTIES, matchValueReader, targetReader, type MatchingMode } from './matching';
import { PAYLOAD_FIELDS, payloadReader, type Payload } from './payload';

export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';

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

export const description = withDisplay(properties, show);

/** The request body of one launch, attachments read now (only when it is sent). */
async function launchBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	payload: Payload,
): Promise<IDataObject> {
	const attach = await attachmentsFor(ctx, itemIndex, payload.attachments);
	const body: IDataObject = { ...fields, ...payload.fields, ...(attach ? { attach } : {}) };
	if (attach || payload.fields.content) checkBodySize(ctx, itemIndex, body);
	return checkQueryCarried(ctx, itemIndex, body);
}

async function launchEach(ctx: IExecuteFunctions, baseUrl: string, settings: RequestSettings, scope: RequestIdScope) {
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readTarget = targetReader(ctx);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readPayload = payloadReader(ctx);
	const queries = new Map<string, number>();
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: settings.maxParallel,
		check: (itemIndex) => {
			const id = triggerMailingId(itemIndex);
			const target = readTarget(itemIndex);
			const customQuery = 'custom_request' in target.params;
			const payload = readPayload(itemIndex, additionalFields(itemIndex), { customQuery });
			checkSendable(ctx, settings, itemIndex, { id, ...target.params, ...payload.fields });
			// Last, so that only an item that will be sent counts as the first with its query.
			if (customQuery)
				refuseRepeatedQuery(ctx, queries, itemIndex, `${id}|${JSON.stringify(target.params.custom_request)}`);
			return { id, target, payload };
		},
		send: async ({ items: [itemIndex], value: { id, target, payload } }) =>
			sendLaunch(ctx, baseUrl, settings, {
				method: 'POST',
				url: LAUNCH_PATH,
				body: await launchBody(ctx, itemIndex, { id, ...target.params }, payload),
				itemIndex,
				summary: { triggerMailingId: id, ...target.summary },
				// The recipient is part of the ID: one Idempotency Key for many items still launches each.
				requestId: launchRequestId(scope, itemIndex, `trigger-${id}`, digest([target.params])),
			}),
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

/** Bytes a custom request may take once the rest of the body is counted (attachments by their inline size). */
function queryByteBudget(payload: Payload, field: string): number {
	const fixed = Buffer.byteLength(JSON.stringify({ ...payload.fields, ...audienceQuery(field, []) }));
	return MAX_BODY_BYTES - fixed - inlineAttachmentBytes(payload.attachments) - 1024;
}

/**
 * The items as audiences: each item contributes its match value; items that ask for the same
 * message (trigger mailing, content, attachments, ...) share requests of up to Profiles per
 * Request profiles, sent as custom queries.
 */
const withMessageKey = (member: AudienceMember): AudienceMember => ({ ...member, messageKey: messageKeyOf(member) });

async function launchAudience(
	ctx: IExecuteFunctions,
	baseUrl: string,
	settings: RequestSettings,
	scope: RequestIdScope,
) {
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Custom Query cannot be combined with Launch Mode "Audience (All Items Together)"',
			{
				description:
					'A custom query already selects its audience. Set Launch Mode to "Per Item" to send the query, or pick Email, Phone, Profile ID or Custom Field to build the audience from the items.',
			},
		);
	}
	const audienceMode = mode as AudienceMode;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const perRequest = readPerRequest(ctx, options);
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readValue = matchValueReader(ctx, audienceMode);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readPayload = payloadReader(ctx);
	const queryField = String(options.audienceField ?? '').trim() || DEFAULT_QUERY_FIELD[audienceMode];
	const fieldName = queryField ? () => queryField : parameterReader(ctx, 'fieldName');

	let requests = 0;
	return checkAllThenSend<AudienceMember, AudienceRequest>(ctx, {
		count: ctx.getInputData().length,
		concurrency: settings.maxParallel,
		check: (itemIndex) => {
			const member = withMessageKey({
				triggerMailingId: triggerMailingId(itemIndex),
				value: readValue(itemIndex),
				field: checkKey(
					ctx,
					itemIndex,
					'Audience Query Field',
					queryField || checkPresent(ctx, itemIndex, 'Field Name', fieldName(itemIndex)),
				),
				payload: readPayload(itemIndex, additionalFields(itemIndex), { customQuery: true }),
			});
			checkSendable(ctx, settings, itemIndex, {
				id: member.triggerMailingId,
				custom_request: audienceQuery(member.field, [member.value]),
				...member.payload.fields,
			});
			return member;
		},
		group: async (members) => {
			const units = await groupAudience(members, perRequest, queryByteBudget);
			requests = units.length;
			return units;
		},
		send: async ({ items, value: request }, unitIndex) => {
			const id = request.triggerMailingId;
			const fields = { id, custom_request: audienceQuery(request.field, request.values) };
			return sendLaunch(ctx, baseUrl, settings, {
				method: 'POST',
				url: LAUNCH_PATH,
				body: await launchBody(ctx, items[0], fields, request.payload),
				itemIndex: items[0],
				summary: {
					triggerMailingId: id,
					matching: 'custom_request',
					audienceField: request.field,
					profiles: request.values.length,
					items: items.length,
					request: unitIndex + 1,
					requests,
				},
				// Each request is told apart by its message and the profiles it carries: a re-run with the
				// same Idempotency Key and a grown audience sends only the requests with new profiles.
				requestId: launchRequestId(
					scope,
					items[0],
					`trigger-${id}`,
					`audience-${digest([request.messageKey, request.values])}`,
				),
			});
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const settings = readRequestSettings(this);
	const baseUrl = await apiBaseUrl(this);
	const scope = requestIdScope(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	if (launchMode === 'batch') return launchBatch(this, baseUrl, settings, scope);
	return launchMode === 'audience'
		? launchAudience(this, baseUrl, settings, scope)
		: launchEach(this, baseUrl, settings, scope);
}
