import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { checkFieldNames } from '../engine/keys';
import { EMAIL_MODES, PHONE_MODES } from './identifyProfile';
import { parameterReader } from '../engine/parameters';
import { objectInput, objectInputReader, type ObjectInputSpec } from './objectFields';
import { PROFILE_FIELDS_PROPERTY, readSystemFields } from './profileFields';
import { checkEmail, checkPhone, isWholeNumber, scalar } from '../engine/validators';
import { RESOURCE_MODES, resourceValue } from './resource';

/**
 * The profile an import sends (`data`), with Altcraft's field names [DOC: Types of fields in the
 * database; Import profile; Subscription object; Subscription status].
 */
export const CUSTOM_FIELDS = {
	displayName: 'Custom Fields',
	name: 'customFields',
	itemName: 'Field',
	valuesName: 'Custom Field Values',
	description: 'Fields of the profile database you created in Altcraft, by their names there, e.g. CRM_ID',
	jsonExample: '{"CRM_ID": 123420, "Tags": ["vip"]}',
	example: ['CRM_ID', '{{ $json.crmId }}'] as [string, string],
};

/** [DOC: Subscription status] The statuses a subscription can be set to; sent only to change it. */
export const SUBSCRIPTION_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Complained', value: 'complained' },
	{ name: 'Do Not Change', value: '' },
	{ name: 'Hardbounced', value: 'hardbounced' },
	{ name: 'Invalid', value: 'invalid' },
	{ name: 'Subscribed', value: 'subscribed' },
	{ name: 'Suspended', value: 'suspended' },
	{ name: 'Unconfirmed', value: 'unconfirmed' },
	{ name: 'Unsubscribed', value: 'unsubscribed' },
];

/**
 * A profile's email or phone: required when "Identify Profile By" finds the profile by it, optional
 * otherwise. n8n shows one of the two same-named properties, whichever the mode selects.
 */
function contact(base: INodeProperties, matchedBy: string[]): INodeProperties[] {
	return [
		{ ...base, required: true, displayOptions: { show: { matching: matchedBy } } },
		{ ...base, displayOptions: { hide: { matching: matchedBy } } },
	];
}

const SUBSCRIPTIONS: INodeProperties = {
	displayName: 'Subscriptions',
	name: 'subscriptions',
	type: 'fixedCollection',
	placeholder: 'Add Subscription',
	default: {},
	typeOptions: { multipleValues: true },
	description:
		'Subscriptions of the profile to resources. The trigger mailing reaches the profile through one of them.',
	options: [
		{
			displayName: 'Subscription',
			name: 'subscription',
			values: [
				{
					displayName: 'Channel',
					name: 'channel',
					type: 'options',
					default: 'email',
					options: [
						{ name: 'Email', value: 'email' },
						{ name: 'SMS', value: 'sms' },
					],
				},
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					default: '',
					placeholder: 'e.g. john@example.com',
					description: "Address of the subscription; empty: the profile's Email",
					displayOptions: { show: { channel: ['email'] } },
				},
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: 'e.g. +79000000000',
					description: "Number of the subscription; empty: the profile's Phone",
					displayOptions: { show: { channel: ['sms'] } },
				},
				{
					displayName: 'Resource',
					name: 'resourceId',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					required: true,
					description: 'The resource (site, app or channel setup in Altcraft) to subscribe the profile to',
					modes: RESOURCE_MODES,
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					default: '',
					description: 'Set it only when the status should change',
					options: SUBSCRIPTION_STATUS_OPTIONS,
				},
			],
		},
	],
};

/** The profile inputs; `custom` may offer the database's fields to pick from. */
export function profileProperties(custom: ObjectInputSpec = CUSTOM_FIELDS): INodeProperties[] {
	return [
		...contact(
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. john@example.com',
				default: '',
				description: "The profile's email; when Identify Profile By is Email, it also finds the profile to update",
			},
			EMAIL_MODES,
		),
		...contact(
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				placeholder: 'e.g. +79000000000',
				default: '',
				description:
					"The profile's phone in international format; when Identify Profile By is Phone, it also finds the profile to update",
			},
			PHONE_MODES,
		),
		PROFILE_FIELDS_PROPERTY,
		...objectInput(custom),
		SUBSCRIPTIONS,
	];
}

export const PROFILE_PROPERTIES: INodeProperties[] = profileProperties();

interface ProfileInput {
	email: unknown;
	phone: unknown;
	fields: IDataObject;
	/** Custom Fields as read from their input; undefined when none. */
	custom: IDataObject | undefined;
	subscriptions: { subscription?: IDataObject[] };
}

function readSubscription(
	ctx: IExecuteFunctions,
	itemIndex: number,
	position: number,
	entry: IDataObject,
	profile: IDataObject,
): IDataObject {
	const label = `Subscription ${position + 1}`;
	const resource = scalar(ctx, itemIndex, `${label} → Resource`, resourceValue(entry.resourceId));
	if (!isWholeNumber(resource)) {
		failItem(
			ctx,
			itemIndex,
			`${label} has no valid Resource (item ${itemIndex})`,
			'Pick the resource to subscribe to from the list, or give its ID, a whole number such as 24.',
		);
	}
	const channel = entry.channel === 'sms' ? 'sms' : 'email';
	const subscription: IDataObject = { resource_id: Number(resource), channel };
	if (channel === 'email') {
		const own = scalar(ctx, itemIndex, `${label} → Email`, entry.email);
		if (own === '' && profile.email === undefined) {
			failItem(
				ctx,
				itemIndex,
				`${label} (email channel) has no email (item ${itemIndex})`,
				"An email subscription needs an address: set the profile's Email, or the subscription's own Email.",
			);
		}
		subscription.email = own === '' ? profile.email : checkEmail(ctx, itemIndex, own, undefined, `${label} → Email`);
	} else {
		const own = scalar(ctx, itemIndex, `${label} → Phone`, entry.phone);
		const phones = profile.phones as string[] | undefined;
		if (own === '' && !phones) {
			failItem(
				ctx,
				itemIndex,
				`${label} (SMS channel) has no phone (item ${itemIndex})`,
				"An SMS subscription needs a phone number: set the profile's Phone, or the subscription's own Phone.",
			);
		}
		subscription.phone = own === '' ? phones![0] : checkPhone(ctx, itemIndex, own, `${label} → Phone`);
	}
	if (typeof entry.status === 'string' && entry.status !== '') subscription.status = entry.status;
	return subscription;
}

/** The profile data of one item: custom fields first, Altcraft's system fields on top. */
export function readProfile(ctx: IExecuteFunctions, itemIndex: number, input: ProfileInput, xml: boolean): IDataObject {
	const { fields } = input;
	const custom = input.custom ?? {};
	// Field names travel as keys (XML: element names): refuse what cannot be sent before sending.
	checkFieldNames(ctx, itemIndex, 'Custom Fields', custom, xml);
	const profile: IDataObject = { ...custom };
	const email = scalar(ctx, itemIndex, 'Email', input.email);
	if (email !== '')
		profile.email = checkEmail(ctx, itemIndex, email, 'Set Email to one address, e.g. {{ $json.email }}.');
	const phone = scalar(ctx, itemIndex, 'Phone', input.phone);
	if (phone !== '') profile.phones = [checkPhone(ctx, itemIndex, phone)];
	Object.assign(profile, readSystemFields(ctx, itemIndex, fields));
	const subscriptions = (input.subscriptions?.subscription ?? []).map((entry, position) =>
		readSubscription(ctx, itemIndex, position, entry, profile),
	);
	if (subscriptions.length > 0) profile.subscriptions = subscriptions;
	return profile;
}

/** Reads each item's profile from the profile inputs (build once per execution). */
export function profileReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => IDataObject {
	const email = parameterReader(ctx, 'email');
	const phone = parameterReader(ctx, 'phone');
	const profileFields = parameterReader<IDataObject>(ctx, 'profileFields', {});
	const subscriptions = parameterReader<ProfileInput['subscriptions']>(ctx, 'subscriptions', {});
	const customFields = objectInputReader(ctx, CUSTOM_FIELDS);
	return (itemIndex) =>
		readProfile(
			ctx,
			itemIndex,
			{
				email: email(itemIndex),
				phone: phone(itemIndex),
				fields: profileFields(itemIndex),
				custom: customFields(itemIndex),
				subscriptions: subscriptions(itemIndex),
			},
			xml,
		);
}
