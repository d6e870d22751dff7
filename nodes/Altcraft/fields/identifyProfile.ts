import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * "Identify Profile By": how an operation finds a profile, in one vocabulary for every operation
 * (launches, imports, the trigger link, and the profile, event, scenario and segment operations).
 * The parameter keeps Altcraft's name (`matching`) and its values [DOC: Matching], which go to the
 * API as they are. `push_sub` (provider + subscription ID) is not offered: no operation has its
 * fields yet.
 */
export type IdentifyMode =
	| 'email'
	| 'email_profile'
	| 'email_sub'
	| 'phone'
	| 'phone_sub'
	| 'profile_id'
	| 'custom'
	| 'custom_sub'
	| 'email_phone'
	| 'email_phone_sub';

/** The five modes a single launch, a goal and a scenario start take [DOC: Trigger launch; Register goal]. */
export type LaunchIdentifyMode = Extract<IdentifyMode, 'email' | 'email_profile' | 'phone' | 'profile_id' | 'custom'>;

/** The modes of the import family and profiles/get/ (all but push_sub) [DOC: Import profile; Get profile data]. */
export const IMPORT_FAMILY_MATCHING: IdentifyMode[] = [
	'email',
	'email_profile',
	'email_sub',
	'phone',
	'phone_sub',
	'profile_id',
	'custom',
	'custom_sub',
	'email_phone',
	'email_phone_sub',
];

/** The four modes profiles/delete takes [DOC: Delete profile]. */
export const DELETE_MATCHING: IdentifyMode[] = ['profile_id', 'email', 'phone', 'custom'];

/** Modes that find the profile by email, by phone, or by either. */
export const EMAIL_MODES: IdentifyMode[] = ['email', 'email_profile', 'email_sub'];
export const PHONE_MODES: IdentifyMode[] = ['phone', 'phone_sub'];
export const EMAIL_OR_PHONE_MODES: IdentifyMode[] = ['email_phone', 'email_phone_sub'];
const CUSTOM_MODES: IdentifyMode[] = ['custom', 'custom_sub'];

const MODE_OPTIONS: Record<IdentifyMode, INodePropertyOptions> = {
	custom: {
		name: 'Custom Field',
		value: 'custom',
		description: 'A profile data field and its value, e.g. CRM_ID = 123420',
	},
	custom_sub: {
		name: 'Custom Field in Subscriptions',
		value: 'custom_sub',
		description: "A field of the profile's subscriptions and its value",
	},
	email: { name: 'Email', value: 'email', description: "The profile's email address" },
	email_profile: {
		name: 'Email in Profile Only',
		value: 'email_profile',
		description: "The profile's email in its data only, not in its subscriptions",
	},
	email_sub: {
		name: 'Email in Subscriptions Only',
		value: 'email_sub',
		description: "The email of one of the profile's subscriptions",
	},
	email_phone: {
		name: 'Email or Phone',
		value: 'email_phone',
		description: "The profile's email, or its phone when the item has no email",
	},
	email_phone_sub: {
		name: 'Email or Phone in Subscriptions',
		value: 'email_phone_sub',
		description: "The email or phone of one of the profile's subscriptions",
	},
	phone: { name: 'Phone', value: 'phone', description: "The profile's phone number" },
	phone_sub: {
		name: 'Phone in Subscriptions Only',
		value: 'phone_sub',
		description: "The phone of one of the profile's SMS subscriptions",
	},
	profile_id: { name: 'Profile ID', value: 'profile_id', description: 'The Altcraft profile ID' },
};

interface IdentifyProfileSpec {
	/** What finding the profile means for this operation, e.g. "How Altcraft finds the profile to send to". */
	description: string;
	/** Option descriptions that differ for this operation, e.g. Profile ID "updates, never creates". */
	optionDescriptions?: Partial<Record<IdentifyMode, string>>;
	default?: IdentifyMode;
	displayOptions?: INodeProperties['displayOptions'];
}

/** The "Identify Profile By" choice offering `modes` (listed alphabetically, as n8n asks). */
export function identifyProfileBy(modes: IdentifyMode[], spec: IdentifyProfileSpec): INodeProperties {
	const options = modes
		.map((mode) => {
			const description = spec.optionDescriptions?.[mode];
			return description ? { ...MODE_OPTIONS[mode], description } : MODE_OPTIONS[mode];
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	// A name, not an expression, as the default: n8n's lint reads a literal or a name there.
	const defaultMode = spec.default ?? modes[0];
	return {
		displayName: 'Identify Profile By',
		name: 'matching',
		type: 'options',
		noDataExpression: true,
		default: defaultMode,
		description: spec.description,
		options,
		...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
	};
}

/** The value fields each mode asks for; Email and Phone only where the operation has no profile fields of its own. */
const EMAIL_FIELD: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'e.g. john@example.com',
	default: '',
	required: true,
	description: "The profile's email address, usually an expression that reads it from the input item",
};

const PHONE_FIELD: INodeProperties = {
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	placeholder: 'e.g. +79000000000',
	default: '',
	required: true,
	description:
		'In international format, e.g. +79000000000 (the + may be left out). Spaces, dashes, dots and brackets are removed before sending.',
};

/** Email or Phone modes take either: both fields shown, neither required (an item needs one of them). */
const EITHER = ' With Email or Phone, one of Email and Phone is enough.';

const VALUE_FIELDS: Array<{ modes: IdentifyMode[]; field: INodeProperties }> = [
	{ modes: EMAIL_MODES, field: EMAIL_FIELD },
	{
		modes: EMAIL_OR_PHONE_MODES,
		field: { ...EMAIL_FIELD, required: false, description: `${EMAIL_FIELD.description}.${EITHER}` },
	},
	{ modes: PHONE_MODES, field: PHONE_FIELD },
	{
		modes: EMAIL_OR_PHONE_MODES,
		field: { ...PHONE_FIELD, required: false, description: `${PHONE_FIELD.description}${EITHER}` },
	},
	{
		modes: ['profile_id'],
		field: {
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			placeholder: 'e.g. 6606e08f10bcdd88297057a7',
			default: '',
			required: true,
		},
	},
	{
		modes: CUSTOM_MODES,
		field: {
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			placeholder: 'e.g. CRM_ID',
			default: '',
			required: true,
			description: 'Name of the custom profile data field to look in; its value must be unique per profile',
		},
	},
	{
		modes: CUSTOM_MODES,
		field: {
			displayName: 'Field Value',
			name: 'fieldValue',
			type: 'string',
			placeholder: 'e.g. 123420',
			default: '',
			required: true,
			description: 'Value of the field. For tag fields, a combination of tags as one string: "tag-1, tag-2".',
		},
	},
];

/**
 * The fields that carry the profile's key for `modes`, each shown only for its own modes. Email and
 * Phone fields come only when `modes` names them: an import takes them from its profile fields.
 */
export function identifyValueFields(modes: IdentifyMode[]): INodeProperties[] {
	return VALUE_FIELDS.flatMap(({ modes: own, field }) => {
		const shown = own.filter((mode) => modes.includes(mode));
		return shown.length === 0 ? [] : [{ ...field, displayOptions: { show: { matching: shown } } }];
	});
}

/** "Identify Profile By" and its value fields in one: what an operation that finds one profile needs. */
export function identifyProfileFields(modes: IdentifyMode[], spec: IdentifyProfileSpec): INodeProperties[] {
	// The value fields also carry the choice's own conditions: a hidden choice keeps its last value.
	const { show, hide } = spec.displayOptions ?? {};
	const values = identifyValueFields(modes).map((field) => ({
		...field,
		displayOptions: { show: { ...show, ...field.displayOptions?.show }, ...(hide ? { hide } : {}) },
	}));
	return [identifyProfileBy(modes, spec), ...values];
}
