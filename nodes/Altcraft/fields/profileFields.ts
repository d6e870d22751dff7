import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { scalar } from '../engine/validators';

/**
 * The system fields of a profile a user sets, by Altcraft's names [DOC: Profile data object; Types
 * of fields in the database]. Values go as given: the docs type `_sex` both as an int and as
 * "male"/"female", and `_postal_code` as an int sent as text, so nothing is coerced [INF].
 */
interface SystemField {
	name: string;
	displayName: string;
	placeholder: string;
	description?: string;
}

const SYSTEM_FIELDS: SystemField[] = [
	{
		name: '_bdate',
		displayName: 'Birthday',
		placeholder: '2001-12-31',
		description: 'Date of birth as YYYY-MM-DD (_bdate)',
	},
	{ name: '_browser', displayName: 'Browser', placeholder: 'Firefox' },
	{ name: '_city', displayName: 'City', placeholder: 'Moscow' },
	{ name: '_country', displayName: 'Country', placeholder: 'RU', description: 'Country code, e.g. RU (_country)' },
	{ name: '_fname', displayName: 'First Name', placeholder: 'John' },
	{
		name: '_sex',
		displayName: 'Gender',
		placeholder: 'female',
		description: 'As your database stores it, e.g. male or female (_sex); sent as given',
	},
	{ name: '_ip', displayName: 'IP Address', placeholder: '203.0.113.7', description: 'Last known IP address (_ip)' },
	{ name: '_lname', displayName: 'Last Name', placeholder: 'Doe' },
	{
		name: '_vendor',
		displayName: 'Lead Source',
		placeholder: 'website',
		description: 'Where the profile came from (_vendor)',
	},
	{ name: '_postal_code', displayName: 'Postal Code', placeholder: '390000' },
	{ name: '_region', displayName: 'Region', placeholder: 'Moscow Oblast' },
	{ name: '_regcity', displayName: 'Registration City', placeholder: 'Moscow' },
	{ name: '_regcountry', displayName: 'Registration Country', placeholder: 'RU' },
	{
		name: '_regdate',
		displayName: 'Registration Date',
		placeholder: '2024-05-06T10:00:00Z',
		description: 'When the profile registered, as an RFC 3339 date-time (_regdate)',
	},
	{ name: '_regip', displayName: 'Registration IP', placeholder: '203.0.113.7' },
	{ name: '_regurl', displayName: 'Registration URL', placeholder: 'https://example.com/signup' },
	{ name: '_tz', displayName: 'Time Zone', placeholder: 'Europe/Moscow' },
];

export const PROFILE_FIELDS_PROPERTY: INodeProperties = {
	displayName: 'Profile Fields',
	name: 'profileFields',
	type: 'collection',
	placeholder: 'Add Profile Field',
	default: {},
	options: SYSTEM_FIELDS.map((field) => ({
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: '',
		placeholder: `e.g. ${field.placeholder}`,
		description: field.description ?? `Altcraft's system field ${field.name}`,
	})),
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function checkBirthday(ctx: IExecuteFunctions, itemIndex: number, text: string): void {
	const match = DATE.exec(text);
	const valid = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).getUTCDate() === +match[3];
	if (!valid) {
		failItem(
			ctx,
			itemIndex,
			`Birthday "${text}" is not a date as YYYY-MM-DD (item ${itemIndex})`,
			"Altcraft takes the birthday as YYYY-MM-DD, e.g. 2001-12-31. From a date: {{ DateTime.fromISO($json.birthday).toFormat('yyyy-MM-dd') }}.",
		);
	}
}

function checkDateTime(ctx: IExecuteFunctions, itemIndex: number, label: string, text: string): void {
	if (!DATE_TIME.test(text) || Number.isNaN(Date.parse(text))) {
		failItem(
			ctx,
			itemIndex,
			`${label} "${text}" is not an RFC 3339 date-time (item ${itemIndex})`,
			`Altcraft takes dates with time as RFC 3339, e.g. 2024-05-06T10:00:00Z. From a date: {{ $json.date.toISO() }}.`,
		);
	}
}

/** The system fields an item sets (only those with a value), checked where Altcraft needs a format. */
export function readSystemFields(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const field of SYSTEM_FIELDS) {
		const value = scalar(ctx, itemIndex, field.displayName, fields[field.name]);
		if (value === '') continue;
		if (field.name === '_bdate') checkBirthday(ctx, itemIndex, value);
		if (field.name === '_regdate') checkDateTime(ctx, itemIndex, field.displayName, value);
		out[field.name] = value;
	}
	return out;
}
