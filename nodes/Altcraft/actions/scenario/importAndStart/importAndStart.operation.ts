import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { outcome } from '../../../client/outcome';
import { checkAllThenSend } from '../../../engine/items';
import { BACKGROUND_TASK_OPTION, PROFILES_PER_REQUEST_OPTION, launchModeField } from '../../../fields/bulk';
import { databaseField } from '../../../fields/database';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { profileIdOf, singleImportBody, singleImportFields } from '../../../fields/importItem';
import { IMPORT_FIELDS } from '../../../fields/importOptions';
import { ATTACHMENTS_FIELD, messageInputs } from '../../../fields/message';
import { PROFILE_PROPERTIES } from '../../../fields/profile';
import { IMPORT_MATCHING_PROPERTIES } from '../../../fields/profileMatching';
import { REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { SCENARIO_FIELD } from '../../../fields/scenario';
import { importAndStartBatch } from './bulk';
import { IMPORT_START_PATH, itemReader, requestFields } from './request';

const show = { resource: ['scenario'], operation: ['importAndStart'] };

/** [DOC: Import and engage profile in scenario] has no launch delay (timeout) and no resource_id. */
const SCENARIO_IMPORT_FIELDS = IMPORT_FIELDS.filter((field) => !['launchDelay', 'resourceId'].includes(field.name));

const properties: INodeProperties[] = [
	SCENARIO_FIELD,
	launchModeField([
		{
			name: 'Per Item',
			value: 'eachItem',
			description: 'One request per item: for a form, a webhook or a CRM event that brings one person',
		},
		{
			name: 'Bulk (Each Item Its Own Data)',
			value: 'batch',
			description: 'Up to 1,000 items per request, each its own profile: for rows from a database or a file',
		},
	]),
	...IMPORT_MATCHING_PROPERTIES,
	...PROFILE_PROPERTIES,
	...messageInputs(),
	additionalFieldsCollection([
		ATTACHMENTS_FIELD,
		databaseField(
			false,
			"The database the profile is imported into (db_id); empty: the scenario's own database, as Altcraft decides",
		),
		...SCENARIO_IMPORT_FIELDS,
	]),
	optionsCollection([PROFILES_PER_REQUEST_OPTION, BACKGROUND_TASK_OPTION, ...REQUEST_OPTIONS]),
];

export const option: INodePropertyOptions = {
	name: 'Import Profile and Start',
	value: 'importAndStart',
	action: 'Import profile and start scenario',
	description: 'Create or update a profile, then start an automation scenario for it, e.g. for a qualified lead',
};

export const description = withDisplay(properties, show);

async function importAndStartEach(client: LaunchClient) {
	const { ctx } = client;
	const read = itemReader(ctx, client.settings.format === 'xml');
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			return { item, fields: singleImportFields(client, itemIndex, requestFields(item.request), item) };
		},
		send: async ({ items: [itemIndex], value: { item, fields } }) => {
			const { body, idPart } = await singleImportBody(client, itemIndex, fields, item.message);
			const { scenarioId } = item.request;
			const requestId = client.requestId(itemIndex, `scenario-import-${scenarioId}`, idPart);
			const response = await client.request({ method: 'POST', url: IMPORT_START_PATH, body, itemIndex, requestId });
			const facts: IDataObject = { ...item.match.summary, scenarioId };
			if (response.body.dryRun !== true) facts.profileId = profileIdOf(response.body) as string | null;
			return outcome('started', facts, response, requestId);
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const launchMode = this.getNodeParameter('launchMode', 0) as string;
	return launchMode === 'batch' ? importAndStartBatch(client) : importAndStartEach(client);
}
