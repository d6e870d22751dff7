import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { readPerRequest } from '../../../fields/bulk';
import { outputPerRequest } from '../../../fields/output';
import { batchEntry, batchRequests, rowOutcome, sendBatch, sentRequests, type Batch, type BatchEntry } from '../bulk';
import { itemReader, requestFields, type ImportRequest } from './item';

/** Altcraft "Profile import + trigger mailing launch", bulk and as a background task. */
export const IMPORT_BATCH_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch';
export const IMPORT_BATCH_TASK_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch_task';

/**
 * Many Profiles, Sent in Bulk: the items' profiles imported and launched in bulk requests, one
 * output item per input item (engine/output.ts); under an Idempotency Key a profile already sent
 * is held back (bulk.ts).
 */
export async function importBatch(client: LaunchClient): Promise<INodeExecutionData[]> {
	const { ctx, options } = client;
	const profilesPerRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const perRequest = outputPerRequest(options);
	const read = itemReader(ctx, client.settings.format === 'xml');
	// Each item's recipient as its matching names it, for its own output.
	const recipients: IDataObject[] = [];
	let requests = 0;
	return checkAllThenSend<BatchEntry<ImportRequest>, Batch<ImportRequest>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const { request, match, profile } = read(itemIndex);
			recipients[itemIndex] = match.summary;
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
			const units = await batchRequests(client, entries, profilesPerRequest, requestFields);
			requests = sentRequests(units);
			return units;
		},
		send: async (unit, unitIndex) => {
			const { request } = unit.value;
			const byProfileId = request.fields.matching === 'profile_id';
			return sendBatch(client, {
				unit,
				fields: requestFields(request),
				url: task ? IMPORT_BATCH_TASK_PATH : IMPORT_BATCH_PATH,
				shared: { triggerMailingId: request.triggerMailingId, matching: request.fields.matching },
				request: { number: unitIndex + 1, of: requests },
				item: (itemIndex, answer) => {
					const recipient = recipients[itemIndex];
					const own = byProfileId ? String(recipient.profileId) : undefined;
					const { launched, profileId, note } = rowOutcome(answer, own);
					// A profile the mailing went to was imported; one it did not go to may still have been.
					const verbs = { imported: launched === true ? true : null, launched };
					return { verbs, facts: { ...recipient, ...(profileId ? { profileId } : {}) }, note };
				},
				target: `import-${request.triggerMailingId}`,
				task,
				perRequest,
			});
		},
	});
}
