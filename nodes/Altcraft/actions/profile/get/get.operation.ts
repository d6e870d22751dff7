import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createClient } from '../../../client';
import { pinToItem } from '../../../engine/failures';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { optionsCollection, withDisplay } from '../../../fields/display';
import { IMPORT_FAMILY_MATCHING } from '../../../fields/identifyProfile';
import {
	PROFILE_GET_PATH,
	isProfileNotFound,
	lookupProperties,
	notFoundError,
	profileIdOf,
	profileOf,
	selectorReader,
} from '../../../fields/profileLookup';
import { REQUEST_OPTIONS, dryRunNotice } from '../../../fields/requestOptions';
import { resourceField } from '../../../fields/resource';
import { omit } from '../../../helpers/omit';

const show = { resource: ['profile'], operation: ['get'] };

const IF_NOT_FOUND: INodeProperties = {
	displayName: 'If Not Found',
	name: 'ifNotFound',
	type: 'options',
	default: 'fail',
	description: 'What happens to an item whose profile Altcraft does not find',
	options: [
		{ name: 'Fail the Item', value: 'fail', description: 'The item fails with a message that says so' },
		{
			name: 'Output an Item Saying Not Found',
			value: 'output',
			description: 'The item comes out with found set to false, for an If node to branch on',
		},
	],
};

const properties: INodeProperties[] = [
	dryRunNotice('send them'),
	...lookupProperties(IMPORT_FAMILY_MATCHING, 'How Altcraft finds the profile'),
	optionsCollection([
		IF_NOT_FOUND,
		resourceField({ show: { '/matching': ['email', 'email_profile', 'email_sub', 'phone', 'phone_sub'] } }),
		...REQUEST_OPTIONS.filter((option) => option.name !== 'idempotencyKey'),
	]),
];

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a profile',
	description: "Get a profile's data by email, phone, profile ID or a custom field",
};

export const description = withDisplay(properties, show);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClient(this);
	const outputNotFound = client.options.ifNotFound === 'output';
	const select = selectorReader(client);
	return checkAllThenSend(this, {
		count: this.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const { target, body } = select(itemIndex);
			return { target, body, summary: { databaseId: target.dbId, ...target.match.summary } };
		},
		send: async ({ items: [itemIndex], value: { target, body, summary } }) => {
			try {
				// A read: no Request-ID, nothing to deduplicate.
				const call = await client.call({ method: 'POST', url: PROFILE_GET_PATH, body, itemIndex });
				const answer = call.response;
				const found = answer ? { profileId: profileIdOf(answer) ?? null, profile: profileOf(answer) ?? null } : {};
				return successJson({ found: true }, { ...found, ...summary }, call);
			} catch (error) {
				if (!isProfileNotFound(error)) throw pinToItem(this, error, itemIndex);
				if (!outputNotFound) throw notFoundError(this, target, itemIndex);
				const response = (error as { errorResponse?: IDataObject }).errorResponse ?? {};
				return { found: false, profileId: null, ...summary, response: omit(response, 'httpCode') };
			}
		},
	});
}
