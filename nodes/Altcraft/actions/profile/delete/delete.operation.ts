import {
	NodeApiError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { optionsCollection, withDisplay } from '../../../fields/display';
import { DELETE_MATCHING } from '../../../fields/identifyProfile';
import {
	isProfileNotFound,
	lookupProperties,
	notFoundError,
	profileIdOf,
	selectorReader,
} from '../../../fields/profileLookup';
import { REQUEST_OPTIONS, dryRunNotice } from '../../../fields/requestOptions';
import { resourceField } from '../../../fields/resource';
import { digest } from '../../../helpers/hash';

/** Altcraft "Delete profile". */
const DELETE_PATH = '/api/v1.1/profiles/delete';

const show = { resource: ['profile'], operation: ['delete'] };

const properties: INodeProperties[] = [
	dryRunNotice('send them'),
	{
		displayName:
			'Deleting is permanent: the profile goes with its event history and its relations, and cannot be restored. Try it with Options → Dry Run first.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	// Profile ID first and by default: a deletion should name exactly one profile.
	...lookupProperties(DELETE_MATCHING, 'How Altcraft finds the profile to delete; Profile ID names exactly one'),
	optionsCollection([resourceField({ show: { '/matching': ['email', 'phone'] } }), ...REQUEST_OPTIONS]),
];

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a profile',
	description: 'Delete a profile for good, with its event history and relations, e.g. on a deletion request',
};

export const description = withDisplay(properties, show);

/**
 * [DOC: Delete profile] The token's role needs the "delete profiles" permission. [INF] How Altcraft
 * refuses without it is undocumented: a 403, or an error text about access or permission.
 */
function explainPermission(error: unknown): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const code = /^Altcraft error (\d+):/.exec(error.message)?.[1];
	if (
		code === '403' ||
		error.httpCode === '403' ||
		/permission|access denied|forbidden|not allowed/i.test(error.message)
	) {
		error.description =
			'Deleting profiles needs a dedicated permission: the role of this API token in Altcraft must allow deleting profiles. Ask an Altcraft admin to add it to the role (or use a token whose role has it), then run again.';
	}
	return error;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const select = selectorReader(client);
	return checkAllThenSend(this, {
		count: this.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: select,
		send: async ({ items: [itemIndex], value: { target, body } }) => {
			try {
				const call = await client.call({
					method: 'POST',
					url: DELETE_PATH,
					body,
					itemIndex,
					requestId: client.requestId(itemIndex, `delete-${target.dbId}`, digest([body])),
				});
				const profileId = (call.response && profileIdOf(call.response)) ?? target.match.key.profile_id ?? null;
				return successJson({ deleted: true }, { profileId, databaseId: target.dbId, ...target.match.summary }, call);
			} catch (error) {
				if (isProfileNotFound(error)) throw notFoundError(this, target, itemIndex);
				throw explainPermission(error);
			}
		},
	});
}
