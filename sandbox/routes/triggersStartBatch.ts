/**
 * Fixtures: sandbox/fixtures/triggersStartBatch.ts.
 * Bulk launch: POST /api/v1.1/campaigns/triggers/start_batch (Altcraft "Bulk trigger launch") and
 * its task twin start_batch_task ("Task for bulk trigger launch").
 *
 * Requests follow the documented parameter tables and examples. The answers are NOT in the stored
 * docs, so they are built from what the pages state:
 * - start_batch [INF, after the response parameter table of "Bulk trigger launch": error,
 *   error_text, result = "Profile IDs to which the campaign was sent"]:
 *   {"error": 0, "error_text": "Successful operation", "result": ["<profile id>", …]};
 *   elements whose profile is not found are skipped, not an error [INF].
 * - start_batch_task [INF, after "Returns a response with the task id, without waiting for
 *   completion"]: {"error": 0, "error_text": "Successful operation", "data": {"id": <task id>}}.
 *   The sandbox runs the task at once, so its launches can be inspected.
 */
import {
	bad,
	dataArray,
	fieldNameOf,
	launchableTrigger,
	lookup,
	matchingOf,
	optionalObject,
	BATCH_MATCHING,
} from '../batch';
import { checkAttach } from '../validate';
import type { Exchange, Reply } from '../http';
import { apiCall, type Route, type RouteContext } from './route';

const START_BATCH = '/api/v1.1/campaigns/triggers/start_batch';
const START_BATCH_TASK = '/api/v1.1/campaigns/triggers/start_batch_task';

/** Validates the whole request first (nothing is launched for a bad one), then records one launch per element. */
function launchBatch(exchange: Exchange, context: RouteContext, endpoint: string, task: boolean): string[] {
	const body = exchange.parsed?.body;
	if (!body) throw bad('Request body required: trigger_id (id for the task) and data');
	// [DOC] start_batch names the trigger mailing trigger_id, start_batch_task names it id.
	const triggerId = launchableTrigger(body, task ? 'id' : 'trigger_id', context.catalogue);
	optionalObject(body, 'content');
	optionalObject(body, 'custom_data');
	checkAttach(body.attach);
	const matching = matchingOf(body, BATCH_MATCHING);
	const fieldName = fieldNameOf(body, matching);
	const elements = dataArray(body);
	const plans = elements.map((element, index) => {
		optionalObject(element, 'custom_data', `data[${index}].`);
		return { element, ...lookup(element, `data[${index}]`, matching, fieldName, context.catalogue) };
	});
	const launched = new Set<string>();
	for (const { element, target, profiles } of plans) {
		context.recordLaunch(exchange, '1.1', { triggerId, matching, target, profiles, endpoint, item: element });
		for (const profile of profiles) launched.add(profile);
	}
	return [...launched];
}

function batchRoute(path: string, task: boolean): Route {
	return {
		path,
		methods: ['POST'],
		handle(exchange, context, requestPath) {
			return apiCall(
				exchange,
				context,
				(): Reply => {
					const result = launchBatch(exchange, context, path, task);
					return task
						? context.answers.successWith(exchange, { data: { id: context.nextTaskId() } })
						: context.answers.successWith(exchange, { result });
				},
				requestPath,
			);
		},
	};
}

export const triggersStartBatch = batchRoute(START_BATCH, false);
export const triggersStartBatchTask = batchRoute(START_BATCH_TASK, true);
