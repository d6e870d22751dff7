import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { failItem } from './items';
import { readJsonObject } from './matching';

/**
 * An object field of the request (content, custom_data) as the UI offers it: name/value pairs
 * (values may be expressions giving lists or objects) plus the same as one JSON object.
 */
function objectFields(field: {
	displayName: string;
	name: string;
	itemName: string;
	description: string;
	jsonDescription: string;
	example: [string, string];
}): INodeProperties[] {
	return [
		{
			displayName: field.displayName,
			name: field.name,
			type: 'fixedCollection',
			placeholder: `Add ${field.displayName}`,
			default: {},
			typeOptions: { multipleValues: true },
			description: field.description,
			options: [
				{
					displayName: field.itemName,
					name: 'values',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: `e.g. ${field.example[0]}` },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: `e.g. ${field.example[1]}` },
					],
				},
			],
		},
		{
			displayName: `${field.displayName} (JSON)`,
			name: `${field.name}Json`,
			type: 'json',
			default: '{}',
			description: field.jsonDescription,
		},
	];
}

/**
 * The optional parts of a v1.1 launch: content, attachments, expiration, custom data, subscription
 * filter and resource. Their UI lives here beside the code that turns them into request fields.
 */
export const PAYLOAD_FIELDS: INodeProperties[] = [
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		placeholder: 'Add Attachment',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Files attached to the messages (attach), sent as data:&lt;mime&gt;;base64,…',
		options: [
			{
				displayName: 'From Binary Field',
				name: 'binary',
				values: [
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						placeholder: 'e.g. data',
						hint: 'The name of the input binary field; several names separated by commas attach several files',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						placeholder: 'e.g. invoice.pdf',
						description: 'Name of the attached file; the binary file name when empty',
					},
				],
			},
			{
				displayName: 'From Data URL',
				name: 'dataUrl',
				values: [
					{
						displayName: 'Data URL',
						name: 'data',
						type: 'string',
						default: '',
						placeholder: 'e.g. data:text/csv;base64,SEVMTE8K',
					},
					{
						displayName: 'File Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. US.txt',
					},
				],
			},
		],
	},
	...objectFields({
		displayName: 'Content',
		name: 'content',
		itemName: 'Variable',
		description:
			'Values for the API content filter node and {apicontent.*} template variables. A value may be an expression that gives a list or an object, e.g. a list of lines.',
		jsonDescription:
			'Content as one JSON object, e.g. {"data_lines": ["Channel A", "Channel B"]}. Content variables set above win over keys of the same name.',
		example: ['email_title', 'New videos on your favorite channels'],
	}),
	...objectFields({
		displayName: 'Custom Data',
		name: 'customData',
		itemName: 'Entry',
		description: 'Data for integration action hooks (custom_data)',
		jsonDescription: 'Custom data as one JSON object. Values set above win over keys of the same name.',
		example: ['order_id', '10025'],
	}),
	{
		displayName: 'Expiration',
		name: 'expiration',
		type: 'dateTime',
		default: '',
		description: 'When undelivered messages leave the queue and a delivery failure is recorded. Sent in RFC 3339; a time without a zone is in the workflow\'s time zone.',
	},
	{
		displayName: 'Resource',
		name: 'resourceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The resource whose subscriptions email and phone matching use (resource_id)',
		displayOptions: { show: { '/matching': ['email', 'phone'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchResources', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 24',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A resource ID is a whole number' } }],
			},
		],
	},
	{
		displayName: 'Subscription Filter',
		name: 'subscriptionFilter',
		type: 'collection',
		placeholder: 'Add Filter Field',
		default: {},
		description: 'Which of the profile\'s subscriptions gets the message (subscription_filter). Altcraft ignores it with a custom query.',
		displayOptions: { hide: { '/matching': ['customQuery'], '/launchMode': ['audience'] } },
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. example@example.com' },
			{
				displayName: 'Not Strict',
				name: 'not_strict',
				type: 'boolean',
				default: false,
				description: 'Whether another fitting subscription is used when the one described is not found',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +79106135133' },
			{ displayName: 'Provider', name: 'provider', type: 'string', default: '', placeholder: 'e.g. Chrome' },
			{ displayName: 'Subscription ID', name: 'subscription_id', type: 'string', default: '', placeholder: 'e.g. CAREFULWITHTHATAXE' },
		],
	},
];

interface NameValues {
	values?: Array<{ name?: string; value?: unknown }>;
}


/** JSON object first, then the name/value pairs on top: the UI reads top to bottom, pairs win. */
function readObject(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	pairs: NameValues | undefined,
	json: unknown,
): IDataObject | undefined {
	const result: IDataObject = json === undefined ? {} : { ...readJsonObject(ctx, itemIndex, `${label} (JSON)`, json) };
	for (const pair of pairs?.values ?? []) {
		const name = String(pair.name ?? '').trim();
		if (name === '') {
			failItem(ctx, itemIndex, `A ${label} entry has no name (item ${itemIndex})`, `Give every ${label} entry a name, or remove the empty entry.`);
		}
		result[name] = pair.value as IDataObject;
	}
	return Object.keys(result).length > 0 ? result : undefined;
}

const DATA_URL = /^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[^;,]+)*;base64,[A-Za-z0-9+/]*={0,2}$/;

interface AttachmentSources {
	binary?: Array<{ binaryPropertyName?: string; fileName?: string }>;
	dataUrl?: Array<{ data?: string; name?: string }>;
}

/** A checked attachment; a binary one's bytes are read only when its launch is sent. */
export type AttachmentRef = { name: string; data: string } | { name: string; property: string; mime: string };

function attachmentRefs(ctx: IExecuteFunctions, itemIndex: number, sources: AttachmentSources | undefined): AttachmentRef[] {
	const refs: AttachmentRef[] = [];
	const binaries = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const entry of sources?.binary ?? []) {
		const names = String(entry.binaryPropertyName ?? '').split(',').map((name) => name.trim()).filter(Boolean);
		if (names.length === 0) {
			failItem(ctx, itemIndex, `An attachment has no input binary field (item ${itemIndex})`, 'Enter the name of the binary field that holds the file, e.g. data.');
		}
		const givenName = entry.fileName?.trim();
		if (givenName && names.length > 1) {
			failItem(ctx, itemIndex, `One File Name cannot name ${names.length} attachments (item ${itemIndex})`, 'Leave File Name empty to use each file\'s own name, or add one attachment entry per binary field.');
		}
		for (const property of names) {
			const binary = binaries[property];
			if (!binary) {
				const available = Object.keys(binaries);
				failItem(
					ctx,
					itemIndex,
					`Item ${itemIndex} has no binary field "${property}" to attach`,
					available.length > 0
						? `Its binary fields are: ${available.join(', ')}. Set Input Binary Field to one of them.`
						: 'The item has no binary data. Read or download the file in a node before this one, e.g. Read/Write Files from Disk or HTTP Request.',
				);
			}
			refs.push({ property, mime: binary.mimeType || 'application/octet-stream', name: givenName || binary.fileName || property });
		}
	}
	for (const entry of sources?.dataUrl ?? []) {
		const data = String(entry.data ?? '').trim();
		const name = String(entry.name ?? '').trim();
		if (!DATA_URL.test(data)) {
			failItem(ctx, itemIndex, `An attachment's data URL is not data:<mime>;base64,<data> (item ${itemIndex})`, 'Write it as e.g. data:text/csv;base64,SEVMTE8K, or attach the file from a binary field instead.');
		}
		if (name === '') {
			failItem(ctx, itemIndex, `An attachment from a data URL has no file name (item ${itemIndex})`, 'Give the attachment a file name, e.g. report.csv.');
		}
		refs.push({ data, name });
	}
	return refs;
}

/** The `attach` field: data URLs as given, binary files read now. */
export async function attachmentsFor(ctx: IExecuteFunctions, itemIndex: number, refs: AttachmentRef[]): Promise<IDataObject[] | undefined> {
	if (refs.length === 0) return undefined;
	return Promise.all(
		refs.map(async (ref) => {
			if ('data' in ref) return { data: ref.data, name: ref.name };
			const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, ref.property);
			return { data: `data:${ref.mime};base64,${buffer.toString('base64')}`, name: ref.name };
		}),
	);
}

/** Offset of `timeZone` from UTC at `utcMillis`, in minutes. */
function zoneOffsetMinutes(timeZone: string, utcMillis: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMillis));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(utcMillis / 1000) * 1000) / 60000);
}

const NAIVE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** RFC 3339 in UTC; a date-time without a zone (the date picker's) is read in the workflow's zone. */
export function toRfc3339(value: unknown, timeZone: string): string | undefined {
	let millis: number;
	if (value instanceof Date) {
		millis = value.getTime();
	} else if (value !== null && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		millis = (value as { toMillis: () => number }).toMillis();
	} else {
		const text = String(value ?? '').trim();
		const naive = NAIVE_DATE_TIME.exec(text);
		if (naive) {
			const [, y, mo, d, h = '0', mi = '0', s = '0'] = naive;
			const wallClock = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
			if (new Date(wallClock).getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return undefined;
			millis = wallClock - zoneOffsetMinutes(timeZone, wallClock) * 60000;
			millis = wallClock - zoneOffsetMinutes(timeZone, millis) * 60000;
		} else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
			millis = Date.parse(text);
		} else {
			return undefined;
		}
	}
	if (!Number.isFinite(millis)) return undefined;
	return new Date(millis).toISOString().replace(/\.000Z$/, 'Z');
}

function readExpiration(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const expiration = toRfc3339(value, ctx.getTimezone());
	if (expiration === undefined) {
		failItem(ctx, itemIndex, `Expiration "${String(value)}" is not a date-time (item ${itemIndex})`, 'Use a date-time such as 2026-02-22T21:00:00Z, or pick one in the date picker.');
	}
	if (Date.parse(expiration) <= Date.now()) {
		failItem(ctx, itemIndex, `Expiration ${expiration} is in the past (item ${itemIndex})`, 'Messages would expire before they are sent. Set a future date-time, or remove Expiration.');
	}
	return expiration;
}

function readResourceId(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	const raw = value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	const text = String(raw ?? '').trim();
	if (text === '') return undefined;
	if (!/^\d+$/.test(text)) {
		failItem(ctx, itemIndex, `Resource "${text}" is not a resource ID (item ${itemIndex})`, 'A resource ID is a whole number, e.g. 24. Pick the resource from the list to be sure.');
	}
	return Number(text);
}

function readSubscriptionFilter(value: unknown): IDataObject | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const filter: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		filter[key] = typeof entry === 'string' ? entry.trim() : entry;
	}
	// Not Strict alone selects no subscription: sending it would only look like a filter.
	return Object.keys(filter).some((key) => key !== 'not_strict') ? filter : undefined;
}

export interface Payload {
	/** The request fields, without `attach`. */
	fields: IDataObject;
	attachments: AttachmentRef[];
}

/** The optional request fields of one item, in the order the API page lists them; checked, not yet sent. */
export function readPayload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	options: { customQuery: boolean },
): Payload {
	const payload: IDataObject = {};
	const set = (key: string, value: unknown) => {
		if (value !== undefined) payload[key] = value as IDataObject;
	};
	set('content', readObject(ctx, itemIndex, 'Content', fields.content as NameValues, fields.contentJson));
	set('expiration', readExpiration(ctx, itemIndex, fields.expiration));
	set('custom_data', readObject(ctx, itemIndex, 'Custom Data', fields.customData as NameValues, fields.customDataJson));
	set('resource_id', readResourceId(ctx, itemIndex, fields.resourceId));
	// Altcraft ignores the filter when custom_request is set; not sending it keeps the request honest.
	if (!options.customQuery) set('subscription_filter', readSubscriptionFilter(fields.subscriptionFilter));
	return { fields: payload, attachments: attachmentRefs(ctx, itemIndex, fields.attachments as AttachmentSources) };
}
