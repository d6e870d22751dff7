import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { BACKGROUND_TASK_OPTION, PROFILES_PER_REQUEST_OPTION, launchModeField } from '../../../fields/bulk';
import { databaseField } from '../../../fields/database';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { IMPORT_FIELDS } from '../../../fields/importOptions';
import { runImport } from '../../../fields/importRun';
import { ATTACHMENTS_FIELD, messageInputs } from '../../../fields/message';
import { OUTPUT_OPTION } from '../../../fields/output';
import { PROFILE_PROPERTIES } from '../../../fields/profile';
import { IMPORT_MATCHING_PROPERTIES } from '../../../fields/profileMatching';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { SCENARIO_FIELD } from '../../../fields/scenario';
import {
	IMPORT_START_BATCH_PATH,
	IMPORT_START_BATCH_TASK_PATH,
	IMPORT_START_PATH,
	itemReader,
	requestFields,
} from './request';

const show = { resource: ['scenario'], operation: ['importAndStart'] };

/** [DOC: Import and engage profile in scenario] has no launch delay (timeout) and no resource_id. */
const SCENARIO_IMPORT_FIELDS = IMPORT_FIELDS.filter((field) => !['launchDelay', 'resourceId'].includes(field.name));

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	SCENARIO_FIELD,
	launchModeField(
		"Both modes create or update each item's profile, then start the scenario for it. For profiles that already exist, the Start operation is simpler.",
		[
			{
				name: 'One Profile per Item',
				value: 'eachItem',
				description:
					'Each item is imported and started on its own. For a form, a webhook or a CRM event that brings one person.',
			},
			{
				name: 'Many Profiles, Sent in Bulk',
				value: 'batch',
				description: 'Many items imported and started together. For rows from a database or a file.',
			},
		],
	),
	...IMPORT_MATCHING_PROPERTIES,
	...PROFILE_PROPERTIES,
	...messageInputs(),
	additionalFieldsCollection([
		ATTACHMENTS_FIELD,
		databaseField(
			false,
			"The database the profile is imported into; empty: the scenario's own database, as Altcraft decides",
		),
		...SCENARIO_IMPORT_FIELDS,
	]),
	optionsCollection([PROFILES_PER_REQUEST_OPTION, BACKGROUND_TASK_OPTION, OUTPUT_OPTION, ...REQUEST_OPTIONS]),
];

export const option: INodePropertyOptions = {
	name: 'Import Profile and Start',
	value: 'importAndStart',
	action: 'Import profile and start scenario',
	description: 'Create or update a profile, then start an automation scenario for it, e.g. for a qualified lead',
};

export const description = withDisplay(properties, show);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	return runImport(client, {
		read: itemReader(this, client.settings.format === 'xml'),
		requestFields,
		keyParts: (request) => [request.scenarioId, request.dbId],
		shared: (request) => ({ scenarioId: request.scenarioId }),
		target: (request) => `scenario-import-${request.scenarioId}`,
		verb: 'started',
		paths: { single: IMPORT_START_PATH, batch: IMPORT_START_BATCH_PATH, task: IMPORT_START_BATCH_TASK_PATH },
	});
}
