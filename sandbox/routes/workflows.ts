/**
 * Scenario launches on the shared store. Fixtures: sandbox/fixtures/scenarios.ts.
 * - POST /api/v1.1/workflows/start ("Engage profile in scenario"; the user guide writes
 *   workflows/start/): the scenario is `id`; matching email, phone, profile_id, custom, or
 *   custom_request; answer [INF] {"data": null, "error": 0, "error_text": "Successful operation"}.
 * - POST /api/v1.1/workflows/import_and_start (+ _batch, _batch_task): the scenario is
 *   `workflow_id`, matching is required; import part and answers: ./importAndStart.ts.
 * Only active scenarios start [INF, as trigger mailings]: 400 for an inactive one, 404 for an unknown one.
 * Profiles are found in the scenario's database (list_id).
 */
import { bad, fieldNameOf, matchingOf, optionalObject, positiveInt } from '../batch';
import { isPlainObject } from '../codec';
import type { SandboxScenario } from '../demo-data';
import { IMPORT_MATCHING } from '../importProfile';
import {
	ApiError,
	checkAttach,
	checkResource,
	checkSubscriptionFilter,
	resolveAudience,
	type Catalogue,
} from '../validate';
import { databaseOf, documentedRoute } from './documented';
import { importAndStartRoutes } from './importAndStart';

function startableScenario(
	body: Record<string, unknown>,
	name: 'id' | 'workflow_id',
	catalogue: Catalogue,
): SandboxScenario {
	const other = name === 'id' ? 'workflow_id' : 'id';
	if (body[name] === undefined && body[other] !== undefined)
		throw bad(`${name} is required: this call names the scenario "${name}", not "${other}"`);
	const id = positiveInt(body, name, 'the scenario ID');
	const scenario = catalogue.scenariosById.get(id);
	if (!scenario) throw new ApiError(404, `Scenario not found (${name} ${id})`);
	if (!scenario.is_active)
		throw bad(`scenario is not active (${name} ${id}): activate it before starting profiles in it`);
	return scenario;
}

export const workflowsStart = documentedRoute({
	paths: ['/api/v1.1/workflows/start', '/api/v1.1/workflows/start/'],
	changesData: true,
	handle(body, exchange, context) {
		const { catalogue } = context;
		const scenario = startableScenario(body, 'id', catalogue);
		for (const name of ['content', 'custom_data', 'subscription_filter']) optionalObject(body, name);
		checkSubscriptionFilter(body.subscription_filter);
		checkAttach(body.attach);
		checkResource(body, catalogue);
		const audience = resolveAudience(body, catalogue);
		const profiles = catalogue.profiles.inDatabase(audience.profiles, scenario.list_id);
		context.recordOperation(exchange, { endpoint: '/api/v1.1/workflows/start', scenarioId: scenario.id, profiles });
		return context.answers.success(exchange);
	},
});

/** [DOC] attach here is "array of {name, flie_key, data, mimetype}" (sic): [INF] objects with a name. */
function checkScenarioAttach(value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	const list = [value].flat();
	list.forEach((item, index) => {
		if (!isPlainObject(item) || typeof item.name !== 'string' || item.name.trim() === '')
			throw bad(`attach[${index}] must be an object with a file name: {name, flie_key, data, mimetype}`);
	});
}

export const [workflowsImportAndStart, workflowsImportAndStartBatch, workflowsImportAndStartBatchTask] =
	importAndStartRoutes({
		paths: {
			one: '/api/v1.1/workflows/import_and_start',
			batch: '/api/v1.1/workflows/import_and_start_batch',
			task: '/api/v1.1/workflows/import_and_start_batch_task',
		},
		target(body, context) {
			const scenario = startableScenario(body, 'workflow_id', context.catalogue);
			if (body.matching === undefined || body.matching === '')
				throw bad(`matching is required for this call: one of ${IMPORT_MATCHING.join(', ')}`);
			const matching = matchingOf(body, IMPORT_MATCHING);
			const dbId = body.db_id === undefined ? scenario.list_id : databaseOf(body, context.catalogue);
			optionalObject(body, 'content');
			optionalObject(body, 'custom_data');
			checkScenarioAttach(body.attach);
			return {
				dbId,
				matching,
				fieldName: fieldNameOf(body, matching),
				launch(exchange, _found, profileId, endpoint, item) {
					context.recordOperation(exchange, { endpoint, scenarioId: scenario.id, profiles: [profileId], item });
				},
			};
		},
	});
