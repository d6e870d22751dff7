import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { groupRequests, type Group, type GroupEntry } from '../engine/grouping';
import type { Checked, Unit } from '../engine/items';
import { attachmentsFor } from './attachments';
import { inlineAttachmentBytes, messageDigest, type Message } from './message';
import { BODY_BUDGET_BYTES, budgetBeside, elementBytes } from '../helpers/bodySize';
import { digest } from '../helpers/hash';

/**
 * What the bulk requests of trigger mailings share (Bulk launch, bulk Import Profile and Launch):
 * an item's element checked and measured, the requests formed from them, and one request sent.
 */
export type BatchEntry<R> = GroupEntry<R, IDataObject>;
export type Batch<R> = Group<R, IDataObject>;

/**
 * One checked item of a bulk request: its element checked as it will travel (XML names, size),
 * measured in the format sent, and keyed by what its request shares (`keyParts` plus the
 * message), so that only items asking for the same request share one.
 */
export function batchEntry<R extends { message: Message }>(
	client: LaunchClient,
	itemIndex: number,
	entry: { request: R; fields: IDataObject; keyParts: unknown[]; element: IDataObject; what: string },
): BatchEntry<R> {
	const { request, element } = entry;
	client.checkSendable(itemIndex, { ...entry.fields, data: [element] });
	const bytes = elementBytes('data', element, client.settings.format);
	// One item's element alone over the budget can never be sent: refused before anything goes.
	if (bytes > BODY_BUDGET_BYTES) {
		const mb = (bytes / 1024 / 1024).toFixed(1);
		throw new NodeOperationError(
			client.ctx.getNode(),
			`${entry.what} of item ${itemIndex} is ${mb} MB, over Altcraft's 10 MB request limit`,
			{ itemIndex, description: 'Send less data for this item (e.g. fewer or shorter custom data values).' },
		);
	}
	const requestKey = messageDigest(entry.keyParts, request.message.fields, request.message.attachments);
	return { request, requestKey, element, bytes };
}

/** The bulk requests of the checked items, each under the body limit once its own fields are counted. */
export function batchRequests<R extends { message: Message }>(
	client: LaunchClient,
	entries: Array<Checked<BatchEntry<R>>>,
	perRequest: number,
	fieldsOf: (request: R) => IDataObject,
): Promise<Array<Unit<Batch<R>>>> {
	return groupRequests(entries, perRequest, (request) =>
		budgetBeside(fieldsOf(request), inlineAttachmentBytes(request.message.attachments), client.settings.format),
	);
}

/** `result` as a list, whichever format it came in (one XML element parses as a single value). */
function resultList(body: IDataObject): string[] | undefined {
	const result = body.result;
	if (result === undefined) return undefined;
	if (result === null || result === '') return [];
	return (Array.isArray(result) ? result : [result]).map((id) => String(id));
}

/**
 * The task ID of a _task answer. [INF] The docs only say "returns a response with the task id";
 * where it sits is not documented, so the usual places are tried.
 */
function taskIdOf(body: IDataObject): unknown {
	const data = body.data;
	if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
		const object = data as IDataObject;
		return object.task_id ?? object.id ?? object.taskId;
	}
	return data ?? body.task_id ?? body.id;
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
	client: LaunchClient,
	call: BatchCall,
): Promise<{ answer: IDataObject; result?: string[] }> {
	const { request, requestKey, elements } = call.unit.value;
	const first = call.unit.items[0];
	const attach = await attachmentsFor(client.ctx, first, request.message.attachments);
	const body: IDataObject = { ...call.fields, data: elements, ...(attach ? { attach } : {}) };
	if (attach) client.checkBodySize(first, body);
	const answer = await client.launch({
		method: 'POST',
		url: call.url,
		body,
		itemIndex: first,
		summary: { ...call.summary, bulk: true, ...(call.task ? { backgroundTask: true } : {}) },
		requestId: client.requestId(first, call.target, `bulk-${digest([requestKey, call.task, elements])}`),
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
