import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { PROFILE_ID_AND_CUSTOM_FIELD } from './matchFields';

/**
 * Altcraft's matching modes for one profile [DOC: Matching]: how a call finds the profile it acts
 * on. `push_sub` (provider + subscription ID) is not offered: no operation has its fields yet.
 */
export type ProfileMatching =
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

/** The modes of the import family and profiles/get/ (all but push_sub) [DOC: Import profile; Get profile data]. */
export const IMPORT_FAMILY_MATCHING: ProfileMatching[] = [
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
export const DELETE_MATCHING: ProfileMatching[] = ['profile_id', 'email', 'phone', 'custom'];

const MODES: Record<ProfileMatching, INodePropertyOptions> = {
	custom: {
		name: 'Custom Field',
		value: 'custom',
		description: 'A profile data field and its value, e.g. CRM_ID = 123420',
	},
	custom_sub: {
		name: 'Custom Field in Subscriptions',
		value: 'custom_sub',
		description: 'A field of the profile’s subscriptions and its value',
	},
	email: {
		name: 'Email',
		value: 'email',
		description: "The profile's email, in its data and its subscriptions (Altcraft's default)",
	},
	email_profile: {
		name: 'Email in Profile Only',
		value: 'email_profile',
		description: "The profile's email, in its data only",
	},
	email_sub: {
		name: 'Email in Subscriptions Only',
		value: 'email_sub',
		description: 'The email of one of the profile’s subscriptions',
	},
	email_phone: {
		name: 'Email or Phone',
		value: 'email_phone',
		description: "The profile's email, or its phone when the item has no email",
	},
	email_phone_sub: {
		name: 'Email or Phone in Subscriptions',
		value: 'email_phone_sub',
		description: 'The email or phone of one of the profile’s subscriptions',
	},
	phone: { name: 'Phone', value: 'phone', description: "The profile's phone" },
	phone_sub: {
		name: 'Phone in Subscriptions Only',
		value: 'phone_sub',
		description: 'The phone of one of the profile’s SMS subscriptions',
	},
	profile_id: { name: 'Profile ID', value: 'profile_id', description: 'The Altcraft profile ID' },
};

/** Modes that find the profile by email, by phone, or by either. */
export const EMAIL_MODES: ProfileMatching[] = ['email', 'email_profile', 'email_sub'];
export const PHONE_MODES: ProfileMatching[] = ['phone', 'phone_sub'];
export const EMAIL_OR_PHONE_MODES: ProfileMatching[] = ['email_phone', 'email_phone_sub'];

export interface IdentifyProfileBy {
	modes: ProfileMatching[];
	default: ProfileMatching;
	description: string;
	/** Option texts that differ for this operation, e.g. what Profile ID means for an import. */
	overrides?: Partial<Record<ProfileMatching, string>>;
	displayName?: string;
}

/**
 * "Identify Profile By": the modes an operation's call accepts, alphabetical, plus the Profile ID
 * and Custom Field inputs. An email or phone comes from elsewhere (the profile's own fields in an
 * import; lookupKeyFields() otherwise).
 */
export function identifyProfileBy(spec: IdentifyProfileBy): INodeProperties[] {
	const options = spec.modes
		.map((mode) => ({ ...MODES[mode], ...(spec.overrides?.[mode] ? { description: spec.overrides[mode] } : {}) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const custom = spec.modes.some((mode) => mode.startsWith('custom'));
	const defaultMode = spec.default;
	return [
		{
			displayName: spec.displayName ?? 'Identify Profile By',
			name: 'matching',
			type: 'options',
			noDataExpression: true,
			default: defaultMode,
			description: spec.description,
			options,
		},
		...PROFILE_ID_AND_CUSTOM_FIELD.filter((field) => field.name === 'profileId' || custom),
	];
}
