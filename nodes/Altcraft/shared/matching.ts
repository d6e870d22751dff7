import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { failItem } from './items';
import { parameterReader } from './parameters';

/** UI values of the Matching parameter; all but `customQuery` are Altcraft's own `matching` values. */
export type MatchingMode = 'email' | 'phone' | 'profile_id' | 'custom' | 'customQuery';

export const MATCHING_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Matching',
		name: 'matching',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		description: 'How Altcraft finds the profile(s) to send to',
		options: [
			{ name: 'Custom Field', value: 'custom', description: 'A profile data field and its value, e.g. CRM_ID = 123420' },
			{
				name: 'Custom Query',
				value: 'customQuery',
				description: 'A MongoDB query over profile data (custom_request): any audience in one launch',
			},
			{ name: 'Email', value: 'email', description: 'The profile\'s email address (Altcraft\'s default)' },
			{ name: 'Phone', value: 'phone', description: 'The profile\'s phone number' },
			{ name: 'Profile ID', value: 'profile_id', description: 'The Altcraft profile ID' },
		],
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. john@example.com',
		default: '',
		required: true,
		description: 'One email address per launch',
		displayOptions: { show: { matching: ['email'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: 'e.g. +79000000000',
		default: '',
		required: true,
		description: 'In international format, e.g. +79000000000 (the + may be left out). Spaces, dashes, dots and brackets are removed before sending.',
		displayOptions: { show: { matching: ['phone'] } },
	},
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
		description: 'Name of the custom profile data field',
		displayOptions: { show: { matching: ['custom'] } },
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		type: 'string',
		placeholder: 'e.g. 123420',
		default: '',
		required: true,
		description: 'Value of the field. For tag fields, a combination of tags as one string: "tag-1, tag-2".',
		displayOptions: { show: { matching: ['custom'] } },
	},
	{
		displayName: 'Custom Query',
		name: 'customRequest',
		type: 'json',
		default: '{}',
		required: true,
		description:
			'A MongoDB query over profile data, sent as custom_request, e.g. {"Custom_ID": {"$in": ["IpHicQquekzYkufl", "xzFKLXeaJkCYHuMb"]}}. Every profile it matches gets the message; an empty query is refused.',
		displayOptions: { show: { matching: ['customQuery'] } },
	},
];

export interface Target {
	/** The request parameters that select the profile(s). */
	params: IDataObject;
	/** What the output shows of the selection (no query bodies, no token). */
	summary: IDataObject;
}

const EMAIL = /^[^\s@;,<>"()[\]]+@[^\s@;,<>"()[\]]+\.[^\s@;,<>"()[\]]+$/;
const PHONE = /^\+?\d{7,15}$/;


/** A single value as text; a list or an object from an expression is refused, not stringified. */
function scalar(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		failItem(
			ctx,
			itemIndex,
			`${label} is ${Array.isArray(value) ? 'a list' : 'an object'}, not one value (item ${itemIndex})`,
			`Give ${label} one value, e.g. {{ $json.email }} rather than a whole list or object.`,
		);
	}
	return String(value).trim();
}

const MANY_EMAILS_HINT =
	'Altcraft takes one email address per launch; a list separated by ; or , is one invalid address and nothing is sent. Use Launch Mode "Audience (All Items Together)" for many recipients.';

/** `hint` replaces the advice for operations where the audience mode does not apply. */
export function checkEmail(ctx: IExecuteFunctions, itemIndex: number, value: unknown, hint?: string, label = 'Email'): string {
	const email = scalar(ctx, itemIndex, label, value);
	if (email === '') {
		failItem(ctx, itemIndex, `${label} is empty for item ${itemIndex}`, hint ?? 'Set Email, e.g. {{ $json.email }}, or filter out items without an email before this node.');
	}
	if (!EMAIL.test(email)) {
		failItem(ctx, itemIndex, `"${email}" is not one valid email address (item ${itemIndex})`, hint ?? MANY_EMAILS_HINT);
	}
	return email;
}

export function checkPhone(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const raw = scalar(ctx, itemIndex, 'Phone', value);
	const phone = raw.replace(/[\s().-]/g, '');
	if (raw === '') {
		failItem(ctx, itemIndex, `Phone is empty for item ${itemIndex}`, 'Set Phone, e.g. {{ $json.phone }}, or filter out items without a phone.');
	}
	if (!PHONE.test(phone)) {
		failItem(ctx, itemIndex, `"${raw}" is not a phone number (item ${itemIndex})`, 'Use the international format with 7 to 15 digits, e.g. +79000000000.');
	}
	return phone;
}

export function checkPresent(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	const result = scalar(ctx, itemIndex, label, value);
	if (result === '') {
		failItem(ctx, itemIndex, `${label} is empty for item ${itemIndex}`, `Set ${label}, or filter out items that have none before this node.`);
	}
	return result;
}

/** A JSON object typed in the UI, or given by an expression; anything else is refused before sending. */
export function readJsonObject(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? {} : JSON.parse(value);
		} catch (error) {
			failItem(ctx, itemIndex, `${label} is not valid JSON (item ${itemIndex}): ${(error as Error).message}`, `Write ${label} as a JSON object, e.g. {"key": "value"}.`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		failItem(ctx, itemIndex, `${label} must be a JSON object (item ${itemIndex})`, `Write ${label} as a JSON object in braces, e.g. {"key": "value"}.`);
	}
	return parsed as IDataObject;
}

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
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		const customRequest = parameterReader(ctx, 'customRequest');
		return (itemIndex) => {
			const query = readJsonObject(ctx, itemIndex, 'Custom Query', customRequest(itemIndex));
			if (Object.keys(query).length === 0) {
				failItem(ctx, itemIndex, `Custom Query is empty (item ${itemIndex})`, 'An empty query would match every profile of the database. Write the query that selects the audience, e.g. {"email": {"$in": ["john@example.com"]}}.');
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
	const key = mode === 'profile_id' ? 'profile_id' : mode;
	const summaryKey = mode === 'profile_id' ? 'profileId' : mode;
	return (itemIndex) => {
		const match = value(itemIndex);
		return { params: { matching: mode, [key]: match }, summary: { matching: mode, [summaryKey]: match } };
	};
}
