import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { parameterReader } from '../engine/parameters';
import { checkEmail, checkPhone, checkPresent, readJsonObject } from '../engine/validators';
import { identifyProfileFields, type IdentifyMode, type LaunchIdentifyMode } from './identifyProfile';

/**
 * How a single v1.1 launch (trigger mailing, scenario) or a goal selects its profile(s): Altcraft's
 * `matching` values, or `customQuery` (Launch Mode "Profiles Matching a Query").
 */
export type MatchingMode = LaunchIdentifyMode | 'customQuery';

/** The modes a single v1.1 launch takes besides a custom query [DOC: Trigger launch; Engage profile in scenario]. */
const LAUNCH_MATCHING: IdentifyMode[] = ['email', 'phone', 'profile_id', 'custom'];

/**
 * Identify Profile By and Custom Query of a single v1.1 launch. Every Launch Mode but "Profiles
 * Matching a Query" names its recipients item by item; the query mode selects them with Custom
 * Query instead, so it has no Identify Profile By. `recipient` says what finding a profile means
 * for the operation, `query` (Custom Query's description) whom the query selects.
 */
export function launchMatchingProperties(texts: { recipient: string; query: string }): INodeProperties[] {
	return [
		...identifyProfileFields(LAUNCH_MATCHING, {
			default: 'email',
			description: texts.recipient,
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
			description: texts.query,
			displayOptions: { show: { launchMode: ['query'] } },
		},
	];
}

/** Launch's Identify Profile By and Custom Query. */
export const MATCHING_PROPERTIES: INodeProperties[] = launchMatchingProperties({
	recipient: "How Altcraft finds each item's recipient",
	query:
		"Which profiles get the message: a query over their profile data in MongoDB syntax. Every profile it matches gets the message. Altcraft's name: custom_request.",
});

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
	email_profile: 'email',
	profile_id: 'profileId',
	custom: 'fieldValue',
};

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
	// An operation without Launch Mode (Register Goal) identifies its profile item by item.
	const mode =
		ctx.getNodeParameter('launchMode', 0, 'eachItem') === 'query'
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
	// Email in Profile Only sends its address as `email` [DOC: Profile import; Goals registration].
	const key = mode === 'email_profile' ? 'email' : mode;
	const summaryKey = RECIPIENT_KEY[mode];
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
