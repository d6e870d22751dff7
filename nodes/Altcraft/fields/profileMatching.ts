import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { checkKeyName } from '../engine/keys';
import { parameterReader } from '../engine/parameters';
import { checkPresent } from '../engine/validators';
import { PROFILE_ID_AND_CUSTOM_FIELD } from './matchFields';

/** The five matching modes import_and_start and its batch variants take [DOC: Profile import + trigger mailing launch]. */
export type ImportMatching = 'email' | 'email_profile' | 'phone' | 'profile_id' | 'custom';

export const IMPORT_MATCHING_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Identify Profile By',
		name: 'matching',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		description:
			'How Altcraft finds an existing profile to update; without a match it creates one (Profile ID only updates)',
		options: [
			{
				name: 'Custom Field',
				value: 'custom',
				description: 'A profile data field and its value, e.g. CRM_ID = 123420',
			},
			{
				name: 'Email',
				value: 'email',
				description: "The profile's email, in its data and its subscriptions (Altcraft's default)",
			},
			{ name: 'Email in Profile Only', value: 'email_profile', description: "The profile's email, in its data only" },
			{ name: 'Phone', value: 'phone', description: "The profile's phone" },
			{
				name: 'Profile ID',
				value: 'profile_id',
				description: 'The Altcraft profile ID: updates that profile, never creates one',
			},
		],
	},
	...PROFILE_ID_AND_CUSTOM_FIELD,
];

/** Request-level matching fields (`matching`, `field_name`) and the item's own key (email, phone, profile_id, field_value). */
export interface ImportMatch {
	request: IDataObject;
	key: IDataObject;
	summary: IDataObject;
}

/** Reads how each item's profile is matched; the email and phone come from the profile already read. */
export function importMatchReader(
	ctx: IExecuteFunctions,
	xml: boolean,
): (itemIndex: number, profile: IDataObject) => ImportMatch {
	const mode = ctx.getNodeParameter('matching', 0) as ImportMatching;
	const profileId = parameterReader(ctx, 'profileId');
	const fieldName = parameterReader(ctx, 'fieldName');
	const fieldValue = parameterReader(ctx, 'fieldValue');
	return (itemIndex, profile) => {
		switch (mode) {
			case 'email':
			case 'email_profile': {
				if (profile.email === undefined) {
					failItem(
						ctx,
						itemIndex,
						`Email is empty for item ${itemIndex}`,
						"Matching by email needs the profile's Email, e.g. {{ $json.email }}. Filter out items without one, or match by another field.",
					);
				}
				return {
					request: { matching: mode },
					key: { email: profile.email },
					summary: { matching: mode, email: profile.email },
				};
			}
			case 'phone': {
				const phones = profile.phones as string[] | undefined;
				if (!phones) {
					failItem(
						ctx,
						itemIndex,
						`Phone is empty for item ${itemIndex}`,
						"Matching by phone needs the profile's Phone, e.g. {{ $json.phone }}. Filter out items without one, or match by another field.",
					);
				}
				return {
					request: { matching: mode },
					key: { phone: phones[0] },
					summary: { matching: mode, phone: phones[0] },
				};
			}
			case 'profile_id': {
				const id = checkPresent(ctx, itemIndex, 'Profile ID', profileId(itemIndex));
				return { request: { matching: mode }, key: { profile_id: id }, summary: { matching: mode, profileId: id } };
			}
			case 'custom': {
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
			}
		}
	};
}
