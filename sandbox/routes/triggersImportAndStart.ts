/**
 * Fixtures: sandbox/fixtures/triggersImportAndStart.ts.
 * Import + launch: POST /api/v1.1/campaigns/triggers/import_and_start ("Profile import + trigger
 * mailing launch"), import_and_start_batch ("Bulk profiles import + trigger mailing launch") and
 * import_and_start_batch_task ("Task for bulk profiles import + trigger launch"); the shared import
 * part and the [INF] answers: ./importAndStart.ts.
 *
 * Requests follow the documented parameter tables (all three name the trigger mailing
 * `trigger_id`; the batch `data` wraps each profile: [{"data": {...}}]). [INF] The tables have no
 * db_id: profiles go to the trigger mailing's database (list_id).
 */
import { fieldNameOf, launchableTrigger, matchingOf, optionalObject } from '../batch';
import { IMPORT_MATCHING } from '../importProfile';
import { DEFAULT_DB_ID } from '../profiles';
import { checkAttach } from '../validate';
import { importAndStartRoutes } from './importAndStart';

export const [triggersImportAndStart, triggersImportAndStartBatch, triggersImportAndStartBatchTask] =
	importAndStartRoutes({
		paths: {
			one: '/api/v1.1/campaigns/triggers/import_and_start',
			batch: '/api/v1.1/campaigns/triggers/import_and_start_batch',
			task: '/api/v1.1/campaigns/triggers/import_and_start_batch_task',
		},
		target(body, context) {
			const triggerId = launchableTrigger(body, 'trigger_id', context.catalogue);
			optionalObject(body, 'content');
			optionalObject(body, 'custom_data');
			checkAttach(body.attach);
			const matching = matchingOf(body, IMPORT_MATCHING);
			return {
				dbId: context.catalogue.triggersById.get(triggerId)?.list_id ?? DEFAULT_DB_ID,
				matching,
				fieldName: fieldNameOf(body, matching),
				launch(exchange, found, profileId, endpoint, item) {
					const plan = { triggerId, matching, target: found.target, profiles: [profileId], endpoint, item };
					context.recordLaunch(exchange, '1.1', plan);
				},
			};
		},
	});
