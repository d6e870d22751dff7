/**
 * Import + launch, shared by the trigger mailing calls (campaigns/triggers/import_and_start…) and
 * the scenario calls (workflows/import_and_start…): each imports profiles into the store, then
 * launches what its request names. The launch part (trigger or scenario, its checks and record)
 * comes from the caller; the import part, the three paths and the answers are the same.
 *
 * Answers are NOT in the stored docs of either family [INF]:
 * - one profile: {"error": 0, "error_text": "Successful operation", "profile_id": "<id>"} (after "API interaction");
 * - _batch: {..., "result": ["<id>", …]} (after start_batch's response table);
 * - _batch_task: {..., "data": {"id": <task id>}} ("Returns a response with the task id"); run at once.
 * The per-element key (email, phone, profile_id, field_value) follows the "Data array" page; without
 * it the sandbox takes the profile's own email, first phone or custom field [INF].
 */
import { bad, dataArray, type Lookup } from '../batch';
import { checkImportRequest, checkProfile, importedProfile, lookup, skipsInvalid } from '../importProfile';
import type { Exchange, Reply } from '../http';
import { documentedRoute } from './documented';
import type { Route, RouteContext } from './route';

/** What the launch part of a request resolved to. */
export interface LaunchTarget {
	/** The database the profiles are imported into. */
	dbId: number;
	matching: string;
	fieldName?: string;
	/** Records the launch for one imported profile. */
	launch(exchange: Exchange, found: Lookup, profileId: string, endpoint: string, item: unknown): void;
}

export interface ImportAndStartSpec {
	/** The documented paths of the single, batch and task calls. */
	paths: { one: string; batch: string; task: string };
	/** Checks the launch part of a request (what to launch, matching, content, attach); throws ApiError. */
	target(body: Record<string, unknown>, context: RouteContext): LaunchTarget;
}

function importOne(exchange: Exchange, context: RouteContext, body: Record<string, unknown>, spec: ImportAndStartSpec) {
	const target = spec.target(body, context);
	checkImportRequest(body, context.catalogue);
	if (body.data === undefined) throw bad("data is required: the profile's fields");
	const profile = checkProfile(body.data, 'data', context.catalogue, skipsInvalid(body));
	const found = lookup(body, 'request', target.matching, target.fieldName, context.catalogue, profile);
	const profileId = importedProfile(found, target.matching, context.catalogue, target.dbId, profile, target.fieldName);
	target.launch(exchange, found, profileId, spec.paths.one, body.data);
	return context.answers.successWith(exchange, { profile_id: profileId });
}

/** Checks every element first (nothing is imported for a bad request), then imports and launches in order. */
function importMany(
	exchange: Exchange,
	context: RouteContext,
	body: Record<string, unknown>,
	spec: ImportAndStartSpec,
	task: boolean,
): Reply {
	const target = spec.target(body, context);
	checkImportRequest(body, context.catalogue);
	const checked = dataArray(body).map((element, index) => {
		const where = `data[${index}]`;
		if (element.data === undefined)
			throw bad(`${where}.data is required: each element wraps one profile as {"data": {...}}`);
		const profile = checkProfile(element.data, `${where}.data`, context.catalogue, skipsInvalid(body));
		const found = lookup(element, where, target.matching, target.fieldName, context.catalogue, profile);
		return { found, profile, element };
	});
	const endpoint = task ? spec.paths.task : spec.paths.batch;
	const result = checked.map(({ found, profile, element }) => {
		const profileId = importedProfile(
			found,
			target.matching,
			context.catalogue,
			target.dbId,
			profile,
			target.fieldName,
		);
		target.launch(exchange, found, profileId, endpoint, element.data);
		return profileId;
	});
	if (task) return context.answers.successWith(exchange, { data: { id: context.nextTaskId() } });
	return context.answers.successWith(exchange, { result });
}

function route(path: string, spec: ImportAndStartSpec, handle: typeof importOne): Route {
	return documentedRoute({
		paths: [path],
		changesData: true,
		handle: (body, exchange, context) => handle(exchange, context, body, spec),
	});
}

/** The single, batch and task routes of one import + launch family. */
export function importAndStartRoutes(spec: ImportAndStartSpec): [Route, Route, Route] {
	return [
		route(spec.paths.one, spec, importOne),
		route(spec.paths.batch, spec, (exchange, context, body) => importMany(exchange, context, body, spec, false)),
		route(spec.paths.task, spec, (exchange, context, body) => importMany(exchange, context, body, spec, true)),
	];
}
