import type { INodeProperties } from 'n8n-workflow';

/**
 * The match values that Profile ID and Custom Field matching ask for, the same wherever a
 * matching mode is offered (Launch, Import Profile and Launch, the Profile and Segment operations;
 * `custom_sub` is the subscription-side twin of `custom`).
 */
export const PROFILE_ID_AND_CUSTOM_FIELD: INodeProperties[] = [
	{
		displayName: 'Profile ID',
		name: 'profileId',
		type: 'string',
		placeholder: 'e.g. 6606e08f10bcdd88297057a7',
		default: '',
		required: true,
		displayOptions: { show: { matching: ['profile_id'] } },
	},
	{
		displayName: 'Field Name',
		name: 'fieldName',
		type: 'string',
		placeholder: 'e.g. CRM_ID',
		default: '',
		required: true,
		description: 'Name of the custom profile data field to match on; its value must be unique per profile',
		displayOptions: { show: { matching: ['custom', 'custom_sub'] } },
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		type: 'string',
		placeholder: 'e.g. 123420',
		default: '',
		required: true,
		description: 'Value of the field. For tag fields, a combination of tags as one string: "tag-1, tag-2".',
		displayOptions: { show: { matching: ['custom', 'custom_sub'] } },
	},
];

/**
 * An input that is required while the matching is one of `required`, and optional while it is one
 * of `optional` (undefined: every other mode). n8n shows whichever same-named property the
 * matching selects.
 */
export function keyField(base: INodeProperties, required: string[], optional?: string[]): INodeProperties[] {
	const always: INodeProperties = { ...base, required: true, displayOptions: { show: { matching: required } } };
	if (optional?.length === 0) return [always];
	return [
		always,
		{ ...base, displayOptions: optional ? { show: { matching: optional } } : { hide: { matching: required } } },
	];
}

const EMAIL_INPUT: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'e.g. john@example.com',
	default: '',
	description: "The profile's email address",
};

const PHONE_INPUT: INodeProperties = {
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	placeholder: 'e.g. +79000000000',
	default: '',
	description: "The profile's phone in international format; spaces, dashes and brackets are removed",
};

/** Email and Phone of an operation that only finds a profile (Get, Delete, the lookup): shown by the modes that use them. */
export function lookupKeyFields(modes: { email: string[]; phone: string[]; either: string[] }): INodeProperties[] {
	return [...keyField(EMAIL_INPUT, modes.email, modes.either), ...keyField(PHONE_INPUT, modes.phone, modes.either)];
}
