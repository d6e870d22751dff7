import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { parameterReader } from '../../../engine/parameters';
import { checkEmail, checkPhone, checkPresent, readJsonObject } from '../../../engine/validators';
import { identifyProfileFields } from '../../../fields/identifyProfile';

/** How a single launch selects recipients: Altcraft's `matching` values, or `customQuery` (Launch Mode "Profiles Matching a Query"). */
export type MatchingMode = 'email' | 'phone' | 'profile_id' | 'custom' | 'customQuery';

/**
 * Every launch mode but "Profiles Matching a Query" names its recipients item by item; the query
 * mode selects them with Custom Query instead, so it has no Identify Profile By.
 */
export const MATCHING_PROPERTIES: INodeProperties[] = [
	...identifyProfileFields(['email', 'phone', 'profile_id', 'custom'], {
		default: 'email',
		description: "How Altcraft finds each item's recipient",
		optionDescriptions: { email: "The profile's email address (Altcraft's default)" },
		displayOptions: { hide: { launchMode: ['query'] } },
	}),
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
			"Which profiles get the message: a query over their profile data in MongoDB syntax. Every profile it matches gets the message. Altcraft's name: custom_request.",
		displayOptions: { show: { launchMode: ['query'] } },
	},
];

export interface Target {
	/** The request parameters that select the profile(s). */
	params: IDataObject;
	/** The recipient as the output shows it (the item's own query included; never the token). */
	summary: IDataObject;
}

/** The key an item's own match value has in the output (Audience, Bulk), in the output's words. */
export const RECIPIENT_KEY: Record<Exclude<MatchingMode, 'customQuery'>, string> = {
	email: 'email',
	phone: 'phone',
	profile_id: 'profileId',
	custom: 'fieldValue',
};

/** Reads the value an item matches on, checked like its single-launch twin (audiences use it too). */
export function matchValueReader(
	ctx: IExecuteFunctions,
	mode: Exclude<MatchingMode, 'customQuery'>,
): (itemIndex: number) => string | number {
	switch (mode) {
		case 'email': {
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
	const mode =
		ctx.getNodeParameter('launchMode', 0) === 'query'
			? 'customQuery'
			: (ctx.getNodeParameter('matching', 0) as MatchingMode);
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
			return { params: { custom_request: query }, summary: { matching: 'custom_request', customQuery: query } };
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
	const key = mode === 'profile_id' ? 'profile_id' : mode;
	const summaryKey = RECIPIENT_KEY[mode];
	return (itemIndex) => {
		const match = value(itemIndex);
		return { params: { matching: mode, [key]: match }, summary: { matching: mode, [summaryKey]: match } };
	};
}
