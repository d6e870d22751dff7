import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import {
	AUDIENCE_OPTIONS,
	DEFAULT_QUERY_FIELD,
	audienceQuery,
	collectAudience,
	readPerRequest,
	type AudienceMode,
} from '../../shared/audience';
import { checkAllThenSend, errorForItem, errorItem, failItem, forEachItem } from '../../shared/items';
import { MAX_BODY_BYTES, checkBodySize, sendLaunch } from '../../shared/launch';
import { MATCHING_PROPERTIES, checkPresent, targetReader, type MatchingMode } from '../../shared/matching';
import { parameterReader } from '../../shared/parameters';
import { REQUEST_OPTIONS, readRequestSettings, type RequestSettings } from '../../shared/options';
import { PAYLOAD_FIELDS, attachmentsFor, readPayload, type Payload } from '../../shared/payload';
import { digest, launchRequestId, requestIdScope, type RequestIdScope } from '../../shared/requestId';
import { apiBaseUrl } from '../../transport';
import { withDisplay } from '../display';

export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';

const show = { resource: ['triggerMailing'], operation: ['launch'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Trigger Mailing',
		name: 'triggerMailing',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'An active trigger mailing whose event is "when using a special API call"',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTriggerMailings', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 84',
				validation: [
					{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A trigger mailing ID is a whole number' } },
				],
			},
		],
	},
	{
		displayName: 'Launch Mode',
		name: 'launchMode',
		type: 'options',
		noDataExpression: true,
		default: 'eachItem',
		options: [
			{
				name: 'Per Item',
				value: 'eachItem',
				description: 'Each input item launches the trigger mailing for the profile(s) it names',
			},
			{
				name: 'Audience (All Items Together)',
				value: 'audience',
				description: 'All input items form one audience, sent as custom queries of at most Profiles per Request profiles each (one request per 1,000 by default)',
			},
		],
	},
	...MATCHING_PROPERTIES,
	{
		displayName: 'Altcraft ignores the subscription filter when a custom query selects the audience',
		name: 'customQueryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { matching: ['customQuery'] } },
	},
	{
		displayName: 'The audience is sent as a custom query, so Altcraft ignores a subscription filter, and the message (content, attachments and the other fields) comes from the first item',
		name: 'audienceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['audience'] } },
	},
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
		options: [...AUDIENCE_OPTIONS, ...REQUEST_OPTIONS].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = withDisplay(properties, show);

function triggerMailingIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'triggerMailing', '', { extractValue: true });
	return (itemIndex) => checkTriggerMailingId(ctx, itemIndex, raw(itemIndex));
}

function checkTriggerMailingId(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): number {
	const id = checkPresent(ctx, itemIndex, 'Trigger Mailing', raw);
	if (!/^\d+$/.test(id)) {
		failItem(
			ctx,
			itemIndex,
			`Trigger Mailing "${id}" is not a trigger mailing ID (item ${itemIndex})`,
			'A trigger mailing ID is a whole number, e.g. 84. Pick the trigger mailing from the list to be sure.',
		);
	}
	return Number(id);
}

async function launchEach(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	baseUrl: string,
	settings: RequestSettings,
	scope: RequestIdScope,
) {
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readTarget = targetReader(ctx);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const queries = new Map<string, number>();
	const check = (itemIndex: number) => {
		const id = triggerMailingId(itemIndex);
		const target = readTarget(itemIndex);
		const customQuery = 'custom_request' in target.params;
		if (customQuery) refuseRepeatedQuery(ctx, queries, itemIndex, `${id}|${JSON.stringify(target.params.custom_request)}`);
		const payload: Payload = readPayload(ctx, itemIndex, additionalFields(itemIndex), { customQuery });
		return { id, target, payload };
	};
	return checkAllThenSend(ctx, items.length, settings.maxParallel, check, async (itemIndex, { id, target, payload }) => {
		const attach = await attachmentsFor(ctx, itemIndex, payload.attachments);
		const body: IDataObject = { id, ...target.params, ...payload.fields, ...(attach ? { attach } : {}) };
		if (attach || payload.fields.content) checkBodySize(ctx, itemIndex, body);
		const json = await sendLaunch(ctx, baseUrl, settings, {
			method: 'POST',
			url: LAUNCH_PATH,
			body,
			itemIndex,
			summary: { triggerMailingId: id, ...target.summary },
			// The recipient is part of the ID: one Idempotency Key for many items still launches each.
			requestId: launchRequestId(scope, itemIndex, `trigger-${id}`, digest([target.params])),
		});
		return [{ json, pairedItem: { item: itemIndex } }];
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

/**
 * One audience from all items: the trigger mailing, content and attachments come from the first
 * item (they are the same message for everyone); each item contributes only its match value.
 */
async function launchAudience(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	baseUrl: string,
	settings: RequestSettings,
	scope: RequestIdScope,
) {
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		throw new NodeOperationError(ctx.getNode(), 'Custom Query cannot be combined with Launch Mode "Audience (All Items Together)"', {
			description: 'A custom query already selects its audience. Set Launch Mode to "Per Item" to send the query, or pick Email, Phone, Profile ID or Custom Field to build the audience from the items.',
		});
	}
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const perRequest = readPerRequest(ctx, options);
	const id = triggerMailingIdReader(ctx)(0);
	const audienceMode = mode as AudienceMode;
	const field =
		String(options.audienceField ?? '').trim() ||
		DEFAULT_QUERY_FIELD[audienceMode] ||
		checkPresent(ctx, 0, 'Field Name', ctx.getNodeParameter('fieldName', 0));
	const fields = ctx.getNodeParameter('additionalFields', 0, {}) as IDataObject;
	const payload = readPayload(ctx, 0, fields, { customQuery: true });
	const attach = await attachmentsFor(ctx, 0, payload.attachments);
	const base: IDataObject = { id, ...payload.fields, ...(attach ? { attach } : {}) };
	const baseBytes = Buffer.byteLength(JSON.stringify(base)) + Buffer.byteLength(JSON.stringify(audienceQuery(field, [])));
	const { chunks, failed } = collectAudience(ctx, items.length, audienceMode, perRequest, MAX_BODY_BYTES - baseBytes - 1024);

	const outputs = await forEachItem(ctx, chunks.length, settings.maxParallel, async (chunkIndex) => {
		const chunk = chunks[chunkIndex];
		const paired = chunk.items.map((item) => ({ item }));
		try {
			const json = await sendLaunch(ctx, baseUrl, settings, {
				method: 'POST',
				url: LAUNCH_PATH,
				body: { ...base, custom_request: audienceQuery(field, chunk.values) },
				itemIndex: chunk.items[0],
				summary: {
					triggerMailingId: id,
					matching: 'custom_request',
					audienceField: field,
					profiles: chunk.values.length,
					items: chunk.items.length,
					request: chunkIndex + 1,
					requests: chunks.length,
				},
				// Each request is told apart by the profiles it carries: a re-run with the same
				// Idempotency Key and a grown audience sends only the requests with new profiles.
				requestId: launchRequestId(scope, 0, `trigger-${id}`, `audience-${digest(chunk.values)}`),
			});
			return [{ json, pairedItem: paired }];
		} catch (error) {
			// A failed chunk concerns every item in it, not only the first.
			const pinned = errorForItem(ctx, error, chunk.items[0]);
			if (!ctx.continueOnFail()) throw pinned;
			return [errorItem(pinned, paired)];
		}
	});
	// In input order: each output sits where its first paired item stood.
	const firstItem = (output: INodeExecutionData) => {
		const paired = output.pairedItem;
		return Array.isArray(paired) ? (paired[0]?.item ?? 0) : typeof paired === 'object' ? paired.item : 0;
	};
	return [...outputs, ...failed.map((failure) => failure.output)].sort((a, b) => firstItem(a) - firstItem(b));
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readRequestSettings(this);
	const baseUrl = await apiBaseUrl(this);
	const scope = requestIdScope(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'audience'
		? launchAudience(this, items, baseUrl, settings, scope)
		: launchEach(this, items, baseUrl, settings, scope);
}
