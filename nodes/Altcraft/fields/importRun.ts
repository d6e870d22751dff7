import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { checkAllThenSend } from '../engine/items';
import { successJson } from '../engine/output';
import { readPerRequest } from './bulk';
import {
	batchEntry,
	batchRequests,
	rowOutcome,
	sendBatch,
	sentRequests,
	type Batch,
	type BatchEntry,
} from './bulkRequests';
import { profileIdOf, singleImportBody, singleImportFields, type ImportItem } from './importItem';
import type { Message } from './message';
import { outputPerRequest } from './output';

/** What a request of an import + launch call shares besides its profiles: what it launches, the import's fields, the message. */
export interface ImportRequest {
	/** matching, field_name and the import flags. */
	fields: IDataObject;
	message: Message;
}

/**
 * An import + launch operation (Import Profile and Launch, Import Profile and Start) as the
 * shared runner needs it: how an item is read, what its request sends, and its words.
 */
interface ImportOperation<R extends ImportRequest> {
	read: (itemIndex: number) => ImportItem & { request: R };
	/** The request-level fields: what is launched, the import's fields, the message. */
	requestFields: (request: R) => IDataObject;
	/** What, besides the import's fields and the message, puts items in requests of their own. */
	keyParts: (request: R) => unknown[];
	/** What every output item of the request names, e.g. `{ triggerMailingId }`. */
	shared: (request: R) => IDataObject;
	/** What the Request-ID and the memory of sent profiles are scoped by, e.g. `import-84`. */
	target: (request: R) => string;
	/** The operation's verb besides `imported`: `launched`, `started`. */
	verb: string;
	paths: { single: string; batch: string; task: string };
}

/** One request per item; its output names the profile Altcraft answered with. */
function importEach<R extends ImportRequest>(client: LaunchClient, op: ImportOperation<R>) {
	const { ctx } = client;
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = op.read(itemIndex);
			return { item, fields: singleImportFields(client, itemIndex, op.requestFields(item.request), item) };
		},
		send: async ({ items: [itemIndex], value: { item, fields } }) => {
			const { body, idPart } = await singleImportBody(client, itemIndex, fields, item.message);
			const call = await client.call({
				method: 'POST',
				url: op.paths.single,
				body,
				itemIndex,
				// From the request's content: one Idempotency Key over items still imports each profile,
				// and a changed profile is a new import.
				requestId: client.requestId(itemIndex, op.target(item.request), idPart),
			});
			const profileId = call.response ? profileIdOf(call.response) : undefined;
			const facts = { ...op.shared(item.request), ...item.match.summary, ...(profileId ? { profileId } : {}) };
			return successJson({ imported: true, [op.verb]: true }, facts, call);
		},
	});
}

/**
 * Many profiles per request (the _batch call, or its _task): items whose request-level fields are
 * equal share requests, up to Profiles per Request and under 10 MB each; one output item per input
 * item with what the answer tells of its row (`imported` where the row is known to be reached).
 * Under an Idempotency Key a profile already sent for the same target is held back (bulkRequests.ts).
 */
function importBatch<R extends ImportRequest>(client: LaunchClient, op: ImportOperation<R>) {
	const { ctx, options } = client;
	const profilesPerRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const perRequest = outputPerRequest(options);
	// Each item's recipient as its matching names it, for its own output.
	const recipients: IDataObject[] = [];
	let requests = 0;
	return checkAllThenSend<BatchEntry<R>, Batch<R>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const { request, match, profile } = op.read(itemIndex);
			recipients[itemIndex] = match.summary;
			return batchEntry(client, itemIndex, {
				request,
				fieldsOf: op.requestFields,
				keyParts: [...op.keyParts(request), request.fields],
				// [DOC] each element wraps the profile in `data`; the matching key beside it follows the
				// Data array page, which names these keys for the import batch calls too [INF].
				element: { ...match.key, data: profile },
				what: 'The profile',
				target: op.target(request),
				// The profile as its matching key names it: what the memory of sent profiles remembers.
				profile: match.key,
			});
		},
		group: async (entries) => {
			const units = await batchRequests(client, entries, profilesPerRequest, op.requestFields);
			requests = sentRequests(units);
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request } = unit.value;
			return sendBatch(client, {
				unit,
				fields: op.requestFields(request),
				url: task ? op.paths.task : op.paths.batch,
				shared: { ...op.shared(request), matching: request.fields.matching },
				request: { number: unitIndex + 1, of: requests },
				item: (itemIndex, answer) => {
					const recipient = recipients[itemIndex];
					const own = recipient.matching === 'profile_id' ? String(recipient.profileId) : undefined;
					const { launched, profileId, note } = rowOutcome(answer, own);
					// A profile the request reached was imported; one it did not reach may still have been.
					const verbs = { imported: launched === true ? true : null, [op.verb]: launched };
					return { verbs, facts: { ...recipient, ...(profileId ? { profileId } : {}) }, note };
				},
				target: op.target(request),
				task,
				perRequest,
			});
		},
	});
}

/** Runs an import + launch operation in the Launch Mode it is set to. */
export async function runImport<R extends ImportRequest>(
	client: LaunchClient,
	op: ImportOperation<R>,
): Promise<INodeExecutionData[]> {
	const launchMode = client.ctx.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'batch' ? importBatch(client, op) : importEach(client, op);
}
