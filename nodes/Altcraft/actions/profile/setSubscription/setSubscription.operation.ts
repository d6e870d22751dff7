import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { failItem } from '../../../engine/failures';
import { parameterReader } from '../../../engine/parameters';
import { checkId, scalar } from '../../../engine/validators';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { IMPORT_FAMILY_MATCHING } from '../../../fields/identifyProfile';
import { objectInput, objectInputReader } from '../../../fields/objectFields';
import { SUBSCRIPTION_STATUS_OPTIONS } from '../../../fields/profile';
import { CHANGE_LOOKUP_DESCRIPTION, changeProfiles, skipTriggersField } from '../../../fields/profileChange';
import { lookupProperties, targetReader } from '../../../fields/profileLookup';
import { REQUEST_OPTIONS, dryRunNotice } from '../../../fields/requestOptions';
import { resourceField } from '../../../fields/resource';
import { CHANNEL_PROPERTIES, channelReader } from './channel';

/** Altcraft "Add or edit subscription". */
const SUBSCRIPTION_PATH = '/api/v1.1/subscriptions/set';

const show = { resource: ['profile'], operation: ['setSubscription'] };

const SUBSCRIPTION_FIELDS = {
	displayName: 'Subscription Fields',
	name: 'subscriptionFields',
	itemName: 'Field',
	valuesName: 'Subscription Field Values',
	description: "The resource's subscription fields, by their names in Altcraft (custom_fields)",
	jsonExample: '{"_browser_name": "Chrome", "_device_type": "web"}',
	example: ['_device_type', 'web'] as [string, string],
};

const properties: INodeProperties[] = [
	dryRunNotice('send them'),
	...lookupProperties(IMPORT_FAMILY_MATCHING, CHANGE_LOOKUP_DESCRIPTION),
	{
		...resourceField(undefined),
		displayName: 'Resource',
		name: 'subscriptionResource',
		required: true,
		description: 'The resource (site, app or channel setup in Altcraft) the subscription belongs to',
	},
	...CHANNEL_PROPERTIES,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: '',
		description: 'Set it only to change the status; a new subscription without one is subscribed',
		options: SUBSCRIPTION_STATUS_OPTIONS,
	},
	...objectInput(SUBSCRIPTION_FIELDS),
	additionalFieldsCollection([
		{
			displayName: 'Categories',
			name: 'categories',
			type: 'string',
			default: '',
			placeholder: 'e.g. news, offers',
			description: "Names of the resource's categories the subscription receives, separated by commas (cats)",
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10',
			description:
				"The subscription's priority among the profile's subscriptions (a whole number). Setting it turns off the resource's automatic priority for new subscriptions.",
		},
		skipTriggersField('the change'),
	]),
	optionsCollection(REQUEST_OPTIONS),
];

export const option: INodePropertyOptions = {
	name: 'Set Subscription',
	value: 'setSubscription',
	action: 'Add or edit a subscription of a profile',
	description: "Add a subscription to a profile, or change one's status, priority or fields",
};

export const description = withDisplay(properties, show);

function readPriority(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	const text = scalar(ctx, itemIndex, 'Priority', value);
	if (text === '') return undefined;
	if (!/^\d{1,9}$/.test(text)) {
		failItem(
			ctx,
			itemIndex,
			`Priority "${text}" is not a whole number (item ${itemIndex})`,
			'Set Priority as a whole number of 0 or more, e.g. 10, or leave it empty.',
		);
	}
	return Number(text);
}

function readCategories(value: unknown): string[] | undefined {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((entry) => String(entry ?? '').trim())
		.filter((entry) => entry !== '');
	return list.length > 0 ? list : undefined;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const read = targetReader(this, client.settings.format === 'xml');
	const resource = parameterReader(this, 'subscriptionResource', '', { extractValue: true });
	const channel = channelReader(this);
	const status = parameterReader(this, 'status', '');
	const customFields = objectInputReader(this, SUBSCRIPTION_FIELDS);
	const additionalFields = parameterReader<IDataObject>(this, 'additionalFields', {});
	return changeProfiles(client, {
		url: SUBSCRIPTION_PATH,
		scope: 'subscription',
		check: (itemIndex) => {
			const target = read(itemIndex);
			const fields = additionalFields(itemIndex);
			const resourceId = checkId(this, itemIndex, 'Resource', resource(itemIndex), '24');
			const wanted = scalar(this, itemIndex, 'Status', status(itemIndex));
			const priority = readPriority(this, itemIndex, fields.priority);
			const cats = readCategories(fields.categories);
			const custom = customFields(itemIndex);
			const subscription: IDataObject = {
				resource_id: resourceId,
				...channel(itemIndex),
				...(wanted !== '' ? { status: wanted } : {}),
				...(priority !== undefined ? { priority } : {}),
				...(custom ? { custom_fields: custom } : {}),
				...(cats ? { cats } : {}),
				...(fields.skipTriggers === true ? { skip_triggers: true } : {}),
			};
			return {
				target,
				fields: subscription,
				summary: { channel: subscription.channel, resourceId, status: wanted === '' ? null : wanted },
			};
		},
		// What the call set: `subscribed` is null when the status was left as it was.
		outcome: (change) => {
			const set = change.fields.status as string | undefined;
			return { subscribed: set === undefined ? null : set === 'subscribed' };
		},
	});
}
