import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { parameterReader } from '../engine/parameters';
import { checkEmail, checkPhone, checkPresent, readJsonObject } from '../engine/validators';
import { PROFILE_ID_AND_CUSTOM_FIELD } from './matchFields';

/** UI values of Identify Profile By; all but `customQuery` are Altcraft's own `matching` values. */
export type MatchingMode = 'email' | 'email_profile' | 'phone' | 'profile_id' | 'custom' | 'customQuery';

const MODE_OPTIONS: Record<MatchingMode, INodePropertyOptions> = {
	custom: {
		name: 'Custom Field',
		value: 'custom',
		description: 'A profile data field and its value, e.g. CRM_ID = 123420',
	},
	customQuery: {
		name: 'Custom Query',
		value: 'customQuery',
		description: 'A query over profile data that selects any audience in one launch',
	},
	email: { name: 'Email', value: 'email', description: "The profile's email address (Altcraft's default)" },
	email_profile: {
		name: 'Email in Profile Only',
		value: 'email_profile',
		description: "The profile's email, in its data only",
	},
	phone: { name: 'Phone', value: 'phone', description: "The profile's phone number" },
	profile_id: { name: 'Profile ID', value: 'profile_id', description: 'The Altcraft profile ID' },
};

/**
 * Identify Profile By, offering the modes the call accepts (each endpoint has its own list) in
 * alphabetical order; the match values are MATCH_KEY_PROPERTIES.
 */
export function matchingField(
	modes: MatchingMode[],
	displayOptions?: INodeProperties['displayOptions'],
	description = 'How Altcraft finds the profile(s) to send to',
): INodeProperties {
	return {
		displayName: 'Identify Profile By',
		name: 'matching',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		description,
		options: modes.map((mode) => MODE_OPTIONS[mode]).sort((a, b) => a.name.localeCompare(b.name)),
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The modes of a single v1.1 launch (trigger mailing or scenario) [DOC: Trigger launch; Engage profile in scenario]. */
export const LAUNCH_MATCHING: MatchingMode[] = ['custom', 'customQuery', 'email', 'phone', 'profile_id'];

/** The value each mode matches on, shown by the mode selected. */
export const MATCH_KEY_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. john@example.com',
		default: '',
		required: true,
		description: 'One email address per launch',
		displayOptions: { show: { matching: ['email', 'email_profile'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: 'e.g. +79000000000',
		default: '',
		required: true,
		description:
			'In international format, e.g. +79000000000 (the + may be left out). Spaces, dashes, dots and brackets are removed before sending.',
		displayOptions: { show: { matching: ['phone'] } },
	},
	...PROFILE_ID_AND_CUSTOM_FIELD,
	{
		displayName: 'Custom Query',
		name: 'customRequest',
		type: 'json',
		// Empty, not `{}`: n8n asks for a required value before running, where `{}` would look valid
		// and only be refused at run time (it would select every profile).
		default: '',
		required: true,
		placeholder: 'e.g. {"Custom_ID": {"$in": ["IpHicQquekzYkufl", "xzFKLXeaJkCYHuMb"]}}',
		description:
			"Which profiles get the message, as a query over their profile data (Altcraft's custom_request, in MongoDB syntax). Every profile it matches gets the message.",
		displayOptions: { show: { matching: ['customQuery'] } },
	},
];

/**
 * Launch: Per Item offers every mode; Audience and Bulk build the audience from the items' own
 * values, so a Custom Query (which selects an audience by itself) is not offered there. n8n shows
 * whichever of the two same-named properties the launch mode selects.
 */
export const MATCHING_PROPERTIES: INodeProperties[] = [
	matchingField(LAUNCH_MATCHING, { show: { launchMode: ['eachItem'] } }),
	matchingField(
		LAUNCH_MATCHING.filter((mode) => mode !== 'customQuery'),
		{ show: { launchMode: ['audience', 'batch'] } },
	),
	...MATCH_KEY_PROPERTIES,
];

export interface Target {
	/** The request parameters that select the profile(s). */
	params: IDataObject;
	/** What the output shows of the selection (no query bodies, no token). */
	summary: IDataObject;
}

/** Reads the value an item matches on, checked like its single-launch twin (audiences use it too). */
export function matchValueReader(
	ctx: IExecuteFunctions,
	mode: Exclude<MatchingMode, 'customQuery'>,
): (itemIndex: number) => string | number {
	switch (mode) {
		case 'email':
		case 'email_profile': {
			const email = parameterReader(ctx, 'email');
			return (itemIndex) => checkEmail(ctx, itemIndex, email(itemIndex));
		}
		case 'phone': {
			const phone = parameterReader(ctx, 'phone');
			return (itemIndex) => checkPhone(ctx, itemIndex, phone(itemIndex));
		}
		case 'profile_id': {
			const profileId = parameterReader(ctx, 'profileId');
			return (itemIndex) => checkPresent(ctx, itemIndex, 'Profile ID', profileId(itemIndex));
		}
		case 'custom': {
			const fieldValue = parameterReader(ctx, 'fieldValue');
			return (itemIndex) => {
				// An int field must get a number: keep the type an expression gave.
				const raw = fieldValue(itemIndex);
				const value = checkPresent(ctx, itemIndex, 'Field Value', raw);
				return typeof raw === 'number' ? raw : value;
			};
		}
	}
}

/** How each item selects its profile(s) in a single launch; build once per execution. */
export function targetReader(ctx: IExecuteFunctions): (itemIndex: number) => Target {
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		const customRequest = parameterReader(ctx, 'customRequest');
		return (itemIndex) => {
			const query = readJsonObject(ctx, itemIndex, 'Custom Query', customRequest(itemIndex));
			if (Object.keys(query).length === 0) {
				failItem(
					ctx,
					itemIndex,
					`Custom Query is empty (item ${itemIndex})`,
					'An empty query would match every profile of the database. Write the query that selects the audience, e.g. {"email": {"$in": ["john@example.com"]}}.',
				);
			}
			return { params: { custom_request: query }, summary: { matching: 'custom_request' } };
		};
	}
	const value = matchValueReader(ctx, mode);
	if (mode === 'custom') {
		const fieldName = parameterReader(ctx, 'fieldName');
		return (itemIndex) => {
			const match = value(itemIndex);
			const name = checkPresent(ctx, itemIndex, 'Field Name', fieldName(itemIndex));
			return {
				params: { matching: 'custom', field_name: name, field_value: match },
				summary: { matching: 'custom', fieldName: name, fieldValue: match },
			};
		};
	}
	const key = mode === 'email_profile' ? 'email' : mode;
	const summaryKey = mode === 'profile_id' ? 'profileId' : key;
	return (itemIndex) => {
		const match = value(itemIndex);
		return { params: { matching: mode, [key]: match }, summary: { matching: mode, [summaryKey]: match } };
	};
}

/** The same audience query for two items would send every profile it matches the message twice. */
export function refuseRepeatedQuery(ctx: IExecuteFunctions, seen: Map<string, number>, itemIndex: number, key: string) {
	const first = seen.get(key);
	if (first !== undefined) {
		failItem(
			ctx,
			itemIndex,
			`Item ${itemIndex} would launch the same custom query as item ${first}`,
			'Every profile the query matches would get the message once per item. Let the node run once (Settings → Execute Once), or make the query depend on the item.',
		);
	}
	seen.set(key, itemIndex);
}
