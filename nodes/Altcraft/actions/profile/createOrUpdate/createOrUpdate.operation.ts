import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient, type LaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { PROFILES_PER_REQUEST_OPTION, launchModeField } from '../../../fields/bulk';
import { DATABASE_FIELD } from '../../../fields/database';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { IMPORT_FAMILY_MATCHING } from '../../../fields/identifyProfile';
import { OUTPUT_OPTION } from '../../../fields/output';
import { CUSTOM_FIELDS, profileProperties } from '../../../fields/profile';
import { profileIdOf } from '../../../fields/profileLookup';
import { importIdentifyProperties } from '../../../fields/profileMatching';
import { REQUEST_OPTIONS, dryRunNotice } from '../../../fields/requestOptions';
import { digest } from '../../../helpers/hash';
import { importBulk } from './bulk';
import {
	CREATE_OR_UPDATE_FIELDS,
	IMPORT_PATH,
	UPDATE_ONLY_OPTION,
	UPDATE_PATH,
	importReader,
	outcomeKey,
} from './item';

const show = { resource: ['profile'], operation: ['createOrUpdate'] };

const properties: INodeProperties[] = [
	dryRunNotice('send them'),
	DATABASE_FIELD,
	{
		...launchModeField(
			'Both modes create each profile, or update the one that matches. Bulk sends fewer requests but cannot add to segments.',
			[
				{
					name: 'One Profile per Item',
					value: 'eachItem',
					description: 'Each item is imported on its own. For a form or a webhook that brings one person.',
				},
				{
					name: 'Many Profiles, Sent in Bulk',
					value: 'batch',
					description:
						'Up to 1,000 profiles per request (Options → Profiles per Request), each item its own profile. For rows from a CRM, a database or a file.',
				},
			],
		),
		// Nothing is launched here: the choice keeps its parameter (launchMode) but not the word.
		displayName: 'Mode',
	},
	...importIdentifyProperties(IMPORT_FAMILY_MATCHING),
	// The database's own fields to pick from, where Altcraft lists them (databases/fields_get/).
	...profileProperties({ ...CUSTOM_FIELDS, nameList: 'getDatabaseFields' }),
	additionalFieldsCollection(CREATE_OR_UPDATE_FIELDS),
	optionsCollection([UPDATE_ONLY_OPTION, PROFILES_PER_REQUEST_OPTION, OUTPUT_OPTION, ...REQUEST_OPTIONS]),
];

export const option: INodePropertyOptions = {
	name: 'Create or Update',
	value: 'createOrUpdate',
	action: 'Create or update a profile',
	description: 'Create a profile, or update the one that matches, e.g. from a form or a CRM row',
};

export const description = withDisplay(properties, show);

async function importEach(client: LaunchClient, updateOnly: boolean): Promise<INodeExecutionData[]> {
	const { ctx } = client;
	const read = importReader(ctx, client.settings.format === 'xml');
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const item = read(itemIndex);
			const body: IDataObject = {
				db_id: item.dbId,
				...item.match.request,
				...item.match.key,
				...item.flags,
				...item.segments,
				data: item.profile,
			};
			client.checkSendable(itemIndex, body);
			if (client.nearLimit(body)) client.checkBodySize(itemIndex, body);
			return { body, summary: item.match.summary };
		},
		send: async ({ items: [itemIndex], value: { body, summary } }) => {
			const call = await client.call({
				method: 'POST',
				url: updateOnly ? UPDATE_PATH : IMPORT_PATH,
				body,
				itemIndex,
				// From the request's content: a changed profile is a new import, a retry is not.
				requestId: client.requestId(itemIndex, `profile-${String(body.db_id)}`, digest([body])),
			});
			const profileId = (call.response && profileIdOf(call.response)) ?? summary.profileId ?? null;
			return successJson({ [outcomeKey(updateOnly)]: true }, { profileId, databaseId: body.db_id, ...summary }, call);
		},
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const updateOnly = client.options.updateOnly === true;
	const mode = this.getNodeParameter('launchMode', 0) as string;
	return mode === 'batch' ? importBulk(client, updateOnly) : importEach(client, updateOnly);
}
