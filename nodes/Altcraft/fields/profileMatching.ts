import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { checkKeyName } from '../engine/keys';
import { parameterReader } from '../engine/parameters';
import { checkEmail, checkPhone, checkPresent, scalar } from '../engine/validators';
import {
	EMAIL_MODES,
	EMAIL_OR_PHONE_MODES,
	PHONE_MODES,
	identifyProfileBy,
	identifyValueFields,
	type IdentifyMode,
} from './identifyProfile';

/** What "Identify Profile By" means for an import: find the profile to update, or create it. */
const IMPORT_IDENTIFY = {
	default: 'email' as const,
	description:
		'How Altcraft finds the profile to update. Without a match it creates the profile, except by Profile ID, which only updates.',
	optionDescriptions: {
		email: "The profile's Email, in its data and its subscriptions (Altcraft's default)",
		email_profile: "The profile's Email, in its data only",
		phone: "The profile's Phone",
		profile_id: 'The Altcraft profile ID: updates that profile, never creates one',
	},
};

/**
 * "Identify Profile By" of an import offering `modes`, and the value fields of the modes that do
 * not read the profile's own Email and Phone (Profile ID, Custom Field).
 */
export function importIdentifyProperties(modes: IdentifyMode[]): INodeProperties[] {
	const own = modes.filter((mode) => mode === 'profile_id' || mode.startsWith('custom'));
	return [identifyProfileBy(modes, IMPORT_IDENTIFY), ...identifyValueFields(own)];
}

/** The five matching modes import_and_start and its batch variants take [DOC: Profile import + trigger mailing launch]. */
export const IMPORT_MATCHING_PROPERTIES: INodeProperties[] = importIdentifyProperties([
	'email',
	'email_profile',
	'phone',
	'profile_id',
	'custom',
]);

/** Request-level matching fields (`matching`, `field_name`) and the item's own key (email, phone, profile_id, field_value). */
export interface ImportMatch {
	request: IDataObject;
	key: IDataObject;
	summary: IDataObject;
}

const has = (modes: IdentifyMode[], mode: IdentifyMode) => modes.includes(mode);

function missing(ctx: IExecuteFunctions, itemIndex: number, what: string, mode: string): never {
	failItem(
		ctx,
		itemIndex,
		`${what} is empty for item ${itemIndex}`,
		`Identifying the profile by ${mode} needs its ${what}, e.g. {{ $json.${what === 'Phone' ? 'phone' : 'email'} }}. Filter out items without one, or identify the profile another way.`,
	);
}

/**
 * Reads how each item's profile is identified. The email and phone come from `contact`: the
 * profile already read (imports), or the Email and Phone inputs (contactReader).
 */
export function profileMatchReader(
	ctx: IExecuteFunctions,
	xml: boolean,
): (itemIndex: number, contact: IDataObject) => ImportMatch {
	const mode = ctx.getNodeParameter('matching', 0) as IdentifyMode;
	const profileId = parameterReader(ctx, 'profileId');
	const fieldName = parameterReader(ctx, 'fieldName');
	const fieldValue = parameterReader(ctx, 'fieldValue');
	return (itemIndex, contact) => {
		const email = contact.email as string | undefined;
		const phone = (contact.phones as string[] | undefined)?.[0];
		if (has(EMAIL_MODES, mode)) {
			if (email === undefined) missing(ctx, itemIndex, 'Email', 'email');
			return { request: { matching: mode }, key: { email }, summary: { matching: mode, email } };
		}
		if (has(PHONE_MODES, mode)) {
			if (phone === undefined) missing(ctx, itemIndex, 'Phone', 'phone');
			return { request: { matching: mode }, key: { phone }, summary: { matching: mode, phone } };
		}
		if (has(EMAIL_OR_PHONE_MODES, mode)) {
			if (email === undefined && phone === undefined) missing(ctx, itemIndex, 'Email', 'email or phone');
			const key: IDataObject = email !== undefined ? { email } : { phone };
			return { request: { matching: mode }, key, summary: { matching: mode, ...key } };
		}
		if (mode === 'profile_id') {
			const id = checkPresent(ctx, itemIndex, 'Profile ID', profileId(itemIndex));
			return { request: { matching: mode }, key: { profile_id: id }, summary: { matching: mode, profileId: id } };
		}
		const name = checkKeyName(
			ctx,
			itemIndex,
			'Field Name',
			checkPresent(ctx, itemIndex, 'Field Name', fieldName(itemIndex)),
			xml,
		);
		const raw = fieldValue(itemIndex);
		const text = checkPresent(ctx, itemIndex, 'Field Value', raw);
		// An int field must get a number: keep the type an expression gave.
		const value = typeof raw === 'number' ? raw : text;
		return {
			request: { matching: mode, field_name: name },
			key: { field_value: value },
			summary: { matching: mode, fieldName: name, fieldValue: value },
		};
	};
}

/** Imports read the email and phone from the profile they send. */
export const importMatchReader = profileMatchReader;

/**
 * The Email and Phone inputs of an operation that only finds a profile: checked when the mode uses
 * them (an empty one is left to profileMatchReader, which says what the mode needs).
 */
export function contactReader(ctx: IExecuteFunctions): (itemIndex: number) => IDataObject {
	const mode = ctx.getNodeParameter('matching', 0) as IdentifyMode;
	const byEmail = has(EMAIL_MODES, mode) || has(EMAIL_OR_PHONE_MODES, mode);
	const byPhone = has(PHONE_MODES, mode) || has(EMAIL_OR_PHONE_MODES, mode);
	const email = parameterReader(ctx, 'email', '');
	const phone = parameterReader(ctx, 'phone', '');
	return (itemIndex) => {
		const contact: IDataObject = {};
		if (byEmail && scalar(ctx, itemIndex, 'Email', email(itemIndex)) !== '')
			contact.email = checkEmail(ctx, itemIndex, email(itemIndex), 'Give one email address, e.g. {{ $json.email }}.');
		if (byPhone && scalar(ctx, itemIndex, 'Phone', phone(itemIndex)) !== '')
			contact.phones = [checkPhone(ctx, itemIndex, phone(itemIndex))];
		return contact;
	};
}
