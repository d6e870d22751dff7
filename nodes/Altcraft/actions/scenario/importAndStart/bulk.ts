import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { checkAllThenSend, type Unit } from '../../../engine/items';
import { readPerRequest } from '../../../fields/bulk';
import { batchEntry, batchRequests, sendBatch, type Batch, type BatchEntry } from '../../../fields/bulkRequests';
import {
	IMPORT_START_BATCH_PATH,
	IMPORT_START_BATCH_TASK_PATH,
	itemReader,
	requestFields,
	type ScenarioImportRequest,
} from './request';

/**
 * One output item per input item, paired to it: the item's outcome as far as the answer tells it.
 * [INF] `result` lists the profile IDs in `data` order (as the trigger batch calls): with one ID
 * per profile, each item gets its own; otherwise, and for a background task, the item says that
 * the answer cannot tell.
 */
function perItem(unit: Unit<Batch<ScenarioImportRequest>>, answer: IDataObject, facts: IDataObject[], task: boolean) {
	const { launch, result, ...response } = answer;
	const summary = launch as IDataObject;
	const request: IDataObject = {
		number: summary.request,
		of: summary.requests,
		items: unit.items.length,
		requestId: summary.requestId,
		...(answer.dryRun === true ? {} : { duplicate: summary.duplicate, attempts: summary.attempts }),
		...(task ? { taskId: summary.taskId } : {}),
	};
	const ids = Array.isArray(result) ? (result as string[]) : undefined;
	const told = ids !== undefined && ids.length === unit.items.length;
	const note = task
		? 'Queued as a background task: Altcraft answers with the task ID only, not per profile'
		: `Altcraft answered ${ids?.length ?? 'no'} profile IDs for ${unit.items.length} profiles: which is whose cannot be told`;
	return unit.items.map((itemIndex, position): INodeExecutionData => {
		const own = { ...facts[position], scenarioId: unit.value.request.scenarioId };
		const json: IDataObject =
			answer.dryRun === true
				? { dryRun: true, ...own, request: response.request, requestId: summary.requestId }
				: told
					? { started: true, ...own, profileId: ids[position], request, response }
					: { started: null, ...own, profileId: null, note, request, response };
		return { json, pairedItem: { item: itemIndex } };
	});
}

/**
 * Import Profile and Start in bulk: import_and_start_batch (or _task), items whose request-level
 * fields (scenario, database, matching, flags, content, custom data, attachments) are equal share
 * requests, up to Profiles per Request and under 10 MB each.
 */
export async function importAndStartBatch(client: LaunchClient): Promise<INodeExecutionData[]> {
	const { ctx, options } = client;
	const perRequest = readPerRequest(ctx, options);
	const task = options.backgroundTask === true;
	const read = itemReader(ctx, client.settings.format === 'xml');
	const summaries = new Map<number, IDataObject>();
	let requests = 0;
	return checkAllThenSend<BatchEntry<ScenarioImportRequest>, Batch<ScenarioImportRequest>>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const { request, match, profile } = read(itemIndex);
			summaries.set(itemIndex, match.summary);
			return batchEntry(client, itemIndex, {
				request,
				fields: requestFields(request),
				keyParts: [request.scenarioId, request.dbId, request.fields],
				// [INF] each element wraps the profile in `data`, its key beside it, as the trigger batch calls.
				element: { ...match.key, data: profile },
				what: 'The profile',
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
				url: task ? IMPORT_START_BATCH_TASK_PATH : IMPORT_START_BATCH_PATH,
				summary: { request: unitIndex + 1, requests },
				target: `scenario-import-${request.scenarioId}`,
				task,
			});
			// Each item's profile as identified, kept from its check.
			const facts = unit.items.map((itemIndex) => summaries.get(itemIndex) ?? {});
			return perItem(unit, answer, facts, task);
		},
	});
}
