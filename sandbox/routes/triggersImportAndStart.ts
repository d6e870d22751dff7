/**
 * Fixtures: sandbox/fixtures/triggersImportAndStart.ts.
 * Import + launch: POST /api/v1.1/campaigns/triggers/import_and_start ("Profile import + trigger
 * mailing launch"), import_and_start_batch ("Bulk profiles import + trigger mailing launch") and
 * import_and_start_batch_task ("Task for bulk profiles import + trigger launch").
 *
 * Requests follow the documented parameter tables (all three name the trigger mailing
 * `trigger_id`; the batch `data` wraps each profile: [{"data": {...}}]). The answers are NOT in
 * the stored docs:
 * - import_and_start [INF, after the success example of "API interaction", which answers a
 *   profile import with profile_id]: {"error": 0, "error_text": "Successful operation", "profile_id": "<id>"}.
 * - import_and_start_batch [INF, after start_batch's response table]: {..., "result": ["<id>", …]}.
 * - import_and_start_batch_task [INF, "Returns a response with the task id"]: {..., "data": {"id": <task id>}}.
 * The per-element key (email, phone, profile_id, field_value) follows the "Data array" page; without
 * it the sandbox takes the profile's own email, first phone or custom field [INF].
 */
import { dataArray, fieldNameOf, launchableTrigger, matchingOf, optionalObject, bad } from '../batch';
import {
	IMPORT_MATCHING,
	checkImportRequest,
	checkProfile,
	importedProfile,
	lookup,
	skipsInvalid,
} from '../importProfile';
import { checkAttach } from '../validate';
import type { Exchange, Reply } from '../http';
import { apiCall, type Route, type RouteContext } from './route';

const IMPORT = '/api/v1.1/campaigns/triggers/import_and_start';
const IMPORT_BATCH = '/api/v1.1/campaigns/triggers/import_and_start_batch';
const IMPORT_BATCH_TASK = '/api/v1.1/campaigns/triggers/import_and_start_batch_task';

function commonChecks(body: Record<string, unknown>, context: RouteContext) {
	const triggerId = launchableTrigger(body, 'trigger_id', context.catalogue);
	optionalObject(body, 'content');
	optionalObject(body, 'custom_data');
	checkAttach(body.attach);
	checkImportRequest(body, context.catalogue);
	const matching = matchingOf(body, IMPORT_MATCHING);
	return { triggerId, matching, fieldName: fieldNameOf(body, matching) };
}

function importOne(exchange: Exchange, context: RouteContext, body: Record<string, unknown>): Reply {
	const { triggerId, matching, fieldName } = commonChecks(body, context);
	if (body.data === undefined) throw bad("data is required: the profile's fields");
	const profile = checkProfile(body.data, 'data', context.catalogue, skipsInvalid(body));
	const found = lookup(body, 'request', matching, fieldName, context.catalogue, profile);
	const profileId = importedProfile(found, matching);
	context.recordLaunch(exchange, '1.1', {
		triggerId,
		matching,
		target: found.target,
		profiles: [profileId],
		endpoint: IMPORT,
		item: body.data,
	});
	return context.answers.successWith(exchange, { profile_id: profileId });
}

function importMany(
	exchange: Exchange,
	context: RouteContext,
	body: Record<string, unknown>,
	path: string,
	task: boolean,
): Reply {
	const { triggerId, matching, fieldName } = commonChecks(body, context);
	const plans = dataArray(body).map((element, index) => {
		const where = `data[${index}]`;
		if (element.data === undefined)
			throw bad(`${where}.data is required: each element wraps one profile as {"data": {...}}`);
		const profile = checkProfile(element.data, `${where}.data`, context.catalogue, skipsInvalid(body));
		const found = lookup(element, where, matching, fieldName, context.catalogue, profile);
		return { found, profileId: importedProfile(found, matching), element };
	});
	for (const { found, profileId, element } of plans) {
		context.recordLaunch(exchange, '1.1', {
			triggerId,
			matching,
			target: found.target,
			profiles: [profileId],
			endpoint: path,
			item: element.data,
		});
	}
	if (task) return context.answers.successWith(exchange, { data: { id: context.nextTaskId() } });
	return context.answers.successWith(exchange, { result: plans.map((plan) => plan.profileId) });
}

function importRoute(
	path: string,
	handle: (exchange: Exchange, context: RouteContext, body: Record<string, unknown>) => Reply,
): Route {
	return {
		path,
		methods: ['POST'],
		handle(exchange, context, requestPath) {
			return apiCall(
				exchange,
				context,
				() => {
					const body = exchange.parsed?.body;
					if (!body) throw bad('Request body required: trigger_id and data');
					return handle(exchange, context, body);
				},
				requestPath,
			);
		},
	};
}

export const triggersImportAndStart = importRoute(IMPORT, importOne);
export const triggersImportAndStartBatch = importRoute(IMPORT_BATCH, (exchange, context, body) =>
	importMany(exchange, context, body, IMPORT_BATCH, false),
);
export const triggersImportAndStartBatchTask = importRoute(IMPORT_BATCH_TASK, (exchange, context, body) =>
	importMany(exchange, context, body, IMPORT_BATCH_TASK, true),
);
