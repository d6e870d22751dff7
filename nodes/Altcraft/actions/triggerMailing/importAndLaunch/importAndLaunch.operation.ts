import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { BACKGROUND_TASK_OPTION, PROFILES_PER_REQUEST_OPTION, launchModeField } from '../../../fields/bulk';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { importItemReader } from '../../../fields/importItem';
import { IMPORT_FIELDS } from '../../../fields/importOptions';
import { runImport, type ImportRequest } from '../../../fields/importRun';
import { ATTACHMENTS_FIELD, messageInputs } from '../../../fields/message';
import { OUTPUT_OPTION } from '../../../fields/output';
import { PROFILE_PROPERTIES } from '../../../fields/profile';
import { IMPORT_MATCHING_PROPERTIES } from '../../../fields/profileMatching';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { TRIGGER_MAILING_FIELD, triggerMailingIdReader } from '../../../fields/triggerMailing';

/** Altcraft "Profile import + trigger mailing launch" and its bulk and task variants. */
export const IMPORT_PATH = '/api/v1.1/campaigns/triggers/import_and_start';
export const IMPORT_BATCH_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch';
const IMPORT_BATCH_TASK_PATH = '/api/v1.1/campaigns/triggers/import_and_start_batch_task';

const show = { resource: ['triggerMailing'], operation: ['importAndLaunch'] };

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	TRIGGER_MAILING_FIELD,
	launchModeField(
		"Both modes create or update each item's profile, then launch the trigger mailing for it. For profiles that already exist, the Launch operation is simpler.",
		[
			{
				name: 'One Profile per Item',
				value: 'eachItem',
				description: 'Each item is imported and launched on its own. For a form or a webhook that brings one person.',
			},
			{
				name: 'Many Profiles, Sent in Bulk',
				value: 'batch',
				description: 'Many items imported and launched together. For rows from a database or a file.',
			},
		],
	),
	...IMPORT_MATCHING_PROPERTIES,
	...PROFILE_PROPERTIES,
	...messageInputs(),
	additionalFieldsCollection([ATTACHMENTS_FIELD, ...IMPORT_FIELDS]),
	optionsCollection([PROFILES_PER_REQUEST_OPTION, BACKGROUND_TASK_OPTION, OUTPUT_OPTION, ...REQUEST_OPTIONS]),
];

export const option: INodePropertyOptions = {
	name: 'Import Profile and Launch',
	value: 'importAndLaunch',
	action: 'Import profile and launch trigger mailing',
	description: 'Create or update a profile, then launch a trigger mailing for it, e.g. for a form sign-up',
};

export const description = withDisplay(properties, show);

/** The trigger mailing a request launches besides its import's fields and message. */
interface LaunchImportRequest extends ImportRequest {
	triggerMailingId: number;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const triggerMailingId = triggerMailingIdReader(this);
	const readImport = importItemReader(this, client.settings.format === 'xml');
	return runImport<LaunchImportRequest>(client, {
		read: (itemIndex) => {
			const item = readImport(itemIndex);
			const request = { triggerMailingId: triggerMailingId(itemIndex), fields: item.fields, message: item.message };
			return { ...item, request };
		},
		requestFields: (request) => ({
			trigger_id: request.triggerMailingId,
			...request.fields,
			...request.message.fields,
		}),
		keyParts: (request) => [request.triggerMailingId],
		shared: (request) => ({ triggerMailingId: request.triggerMailingId }),
		target: (request) => `import-${request.triggerMailingId}`,
		verb: 'launched',
		paths: { single: IMPORT_PATH, batch: IMPORT_BATCH_PATH, task: IMPORT_BATCH_TASK_PATH },
	});
}
