import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { RequestFormat } from '../transport';
import { buildXml } from '../helpers/xml';
import { attachmentsFor } from './attachments';
import type { Checked, Unit } from './items';
import { inlineAttachmentBytes, messageDigest, type Message } from './message';
import { digest, launchRequestId, type RequestIdScope } from './requestId';
import type { RequestSettings } from './requestSettings';
import { MAX_BODY_BYTES, checkBodySize, checkSendable, sendLaunch } from './send';

/**
 * What the operations that send many profiles in one request share (Audience and Bulk launch,
 * bulk Import Profile and Launch): the chunk size option, the task option, and the grouping of
 * items into requests that never mixes two items' request-level fields.
 */
export const DEFAULT_PROFILES_PER_REQUEST = 1000;
export const MAX_PROFILES_PER_REQUEST = 10000;

export const PROFILES_PER_REQUEST_OPTION: INodeProperties = {
	displayName: 'Profiles per Request',
	name: 'profilesPerRequest',
	type: 'number',
	default: DEFAULT_PROFILES_PER_REQUEST,
	typeOptions: { minValue: 1, maxValue: MAX_PROFILES_PER_REQUEST },
	description:
		"At most this many profiles in one request; more items make more requests. Altcraft recommends at most 10,000. A request is also kept under Altcraft's 10 MB body limit.",
	displayOptions: { show: { '/launchMode': ['audience', 'batch'] } },
};

export const BACKGROUND_TASK_OPTION: INodeProperties = {
	displayName: 'Run as Background Task',
	name: 'backgroundTask',
	type: 'boolean',
	default: false,
	description:
		'Whether Altcraft queues each request and answers at once with a task ID; the output then does not say which profiles got the message',
	displayOptions: { show: { '/launchMode': ['batch'] } },
};

export function readPerRequest(ctx: IExecuteFunctions, options: IDataObject): number {
	const perRequest = Math.floor(Number(options.profilesPerRequest ?? DEFAULT_PROFILES_PER_REQUEST));
	if (!(perRequest >= 1 && perRequest <= MAX_PROFILES_PER_REQUEST)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Profiles per Request must be between 1 and ${MAX_PROFILES_PER_REQUEST}`,
			{
				description: 'Altcraft recommends at most 10,000 profiles per request.',
			},
		);
	}
	return perRequest;
}

/** Bytes one element of `data` adds to the body in the format it travels in (XML: `<data>…</data>`). */
export function elementBytes(element: IDataObject, format: RequestFormat): number {
	if (format === 'xml') return Buffer.byteLength(buildXml({ data: element })) - '<xml></xml>'.length;
	return Buffer.byteLength(JSON.stringify(element)) + 1;
}

/** Room left for `data` once the request-level fields (and inline attachments) are counted. */
export function dataByteBudget(fixed: IDataObject, inlineBytes: number, format: RequestFormat): number {
	const fixedBytes = format === 'xml' ? Buffer.byteLength(buildXml(fixed)) : Buffer.byteLength(JSON.stringify(fixed));
	// 1 KB for the token the credential adds and the array's brackets.
	return MAX_BODY_BYTES - fixedBytes - inlineBytes - 1024;
}

/** One checked item of a bulk request: the request it belongs to and its own element of `data`. */
export interface BatchEntry<R> {
	request: R;
	/** Equal for items whose request-level fields are all equal (trigger mailing, content, ...). */
	requestKey: string;
	element: IDataObject;
	bytes: number;
}

export interface Batch<R> {
	request: R;
	requestKey: string;
	/** One element per item of the unit, in the same order. */
	elements: IDataObject[];
}

/**
 * Items whose request-level fields are equal share requests, in chunks of at most `perRequest`
 * elements and `byteBudget` bytes; items whose fields differ get requests of their own, so no
 * item is ever sent with another item's content. Each item is one element (none merged), and
 * chunks keep input order: a re-run with more items rebuilds the same first chunks.
 */
export function batchUnits<R>(
	entries: Array<Checked<BatchEntry<R>>>,
	perRequest: number,
	byteBudget: (request: R) => number,
): Array<Unit<Batch<R>>> {
	const groups = new Map<string, Array<Checked<BatchEntry<R>>>>();
	for (const entry of entries) {
		const group = groups.get(entry.value.requestKey);
		if (group) group.push(entry);
		else groups.set(entry.value.requestKey, [entry]);
	}
	const units: Array<Unit<Batch<R>>> = [];
	for (const [requestKey, members] of groups) {
		const { request } = members[0].value;
		const budget = byteBudget(request);
		let current: Unit<Batch<R>> | undefined;
		let bytes = 0;
		for (const { itemIndex, value } of members) {
			if (!current || current.items.length >= perRequest || bytes + value.bytes > budget) {
				current = { items: [], value: { request, requestKey, elements: [] } };
				units.push(current);
				bytes = 0;
			}
			current.items.push(itemIndex);
			current.value.elements.push(value.element);
			bytes += value.bytes;
		}
	}
	return units;
}

/**
 * One checked item of a bulk request: its element checked as it will travel (XML names, size),
 * measured, and keyed by what its request shares (`keyParts` plus the message), so that only
 * items asking for the same request share one.
 */
export function batchEntry<R extends { message: Message }>(
	ctx: IExecuteFunctions,
	settings: RequestSettings,
	itemIndex: number,
	entry: { request: R; fields: IDataObject; keyParts: unknown[]; element: IDataObject; what: string },
): BatchEntry<R> {
	const { request, element } = entry;
	checkSendable(ctx, settings, itemIndex, { ...entry.fields, data: [element] });
	const bytes = elementBytes(element, settings.format);
	checkElementSize(ctx, itemIndex, entry.what, bytes);
	const requestKey = messageDigest(entry.keyParts, request.message.fields, request.message.attachments);
	return { request, requestKey, element, bytes };
}

/** The bulk requests of the checked items, each under the body limit once its own fields are counted. */
export function batchRequests<R extends { message: Message }>(
	entries: Array<Checked<BatchEntry<R>>>,
	perRequest: number,
	format: RequestFormat,
	fieldsOf: (request: R) => IDataObject,
): Array<Unit<Batch<R>>> {
	return batchUnits(entries, perRequest, (request) =>
		dataByteBudget(fieldsOf(request), inlineAttachmentBytes(request.message.attachments), format),
	);
}

/** `result` as a list, whichever format it came in (one XML element parses as a single value). */
export function resultList(body: IDataObject): string[] | undefined {
	const result = body.result;
	if (result === undefined) return undefined;
	if (result === null || result === '') return [];
	return (Array.isArray(result) ? result : [result]).map((id) => String(id));
}

/**
 * The task ID of a _task answer. [INF] The docs only say "returns a response with the task id";
 * where it sits is not documented, so the usual places are tried.
 */
export function taskIdOf(body: IDataObject): unknown {
	const data = body.data;
	if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
		const object = data as IDataObject;
		return object.task_id ?? object.id ?? object.taskId;
	}
	return data ?? body.task_id ?? body.id;
}

/** One item's element alone over the body limit can never be sent: refused before anything goes. */
export function checkElementSize(ctx: IExecuteFunctions, itemIndex: number, what: string, bytes: number): void {
	if (bytes > MAX_BODY_BYTES - 1024) {
		const mb = (bytes / 1024 / 1024).toFixed(1);
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} of item ${itemIndex} is ${mb} MB, over Altcraft's 10 MB request limit`,
			{
				itemIndex,
				description: 'Send less data for this item (e.g. fewer or shorter custom data values).',
			},
		);
	}
}

export interface BatchCall {
	unit: Unit<Batch<{ message: Message }>>;
	/** The request-level fields (trigger mailing, matching, content, ...): everything but data and attach. */
	fields: IDataObject;
	url: string;
	summary: IDataObject;
	/** What the Request-ID is scoped by, e.g. `trigger-84`. */
	target: string;
	task: boolean;
}

/**
 * Sends one bulk request (launch or import, synchronous or as a task) and shapes its output:
 * Altcraft's answer, `result` always as a list, and a `launch` summary with the counts and, for a
 * task, its ID. The Request-ID comes from the request's message and the profiles it carries: a
 * re-run with the same Idempotency Key and more items sends only the requests with new profiles.
 */
export async function sendBatch(
	ctx: IExecuteFunctions,
	baseUrl: string,
	settings: RequestSettings,
	scope: RequestIdScope,
	call: BatchCall,
): Promise<{ answer: IDataObject; result?: string[] }> {
	const { request, requestKey, elements } = call.unit.value;
	const first = call.unit.items[0];
	const attach = await attachmentsFor(ctx, first, request.message.attachments);
	const body: IDataObject = { ...call.fields, data: elements, ...(attach ? { attach } : {}) };
	if (attach) checkBodySize(ctx, first, body);
	const answer = await sendLaunch(ctx, baseUrl, settings, {
		method: 'POST',
		url: call.url,
		body,
		itemIndex: first,
		summary: { ...call.summary, bulk: true, ...(call.task ? { backgroundTask: true } : {}) },
		requestId: launchRequestId(scope, first, call.target, `bulk-${digest([requestKey, call.task, elements])}`),
	});
	const launch: IDataObject = {
		...(answer.launch as IDataObject),
		profiles: elements.length,
		items: call.unit.items.length,
	};
	if (call.task) return { answer: { ...answer, launch: { ...launch, taskId: taskIdOf(answer) ?? null } } };
	// One <result> element in XML parses as a single value: always a list, as in JSON.
	const result = resultList(answer);
	return { answer: { ...answer, ...(result ? { result } : {}), launch }, result };
}

/**
 * The Launch Mode choice of an operation that can send per item or in bulk: Per Item first and the
 * default; `options` say what each mode means for that operation.
 */
export function launchModeField(options: INodeProperties['options']): INodeProperties {
	return {
		displayName: 'Launch Mode',
		name: 'launchMode',
		type: 'options',
		noDataExpression: true,
		default: 'eachItem',
		options,
	};
}
