import { createHash } from 'crypto';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { checkAllThenSend, failItem } from '../../shared/items';
import { sendLaunch } from '../../shared/launch';
import { checkEmail } from '../../shared/matching';
import { REQUEST_OPTIONS, readRequestSettings } from '../../shared/options';
import { parameterReader } from '../../shared/parameters';
import { digest, launchRequestId, requestIdScope } from '../../shared/requestId';
import { TRIGGER_LINK_PATTERN, TRIGGER_LINK_SHAPE, parseTriggerLink } from '../../shared/triggerLink';
import { apiBaseUrl } from '../../transport';
import { withDisplay } from '../display';

/** What the last segment of the link carries; Altcraft's own names for it. */
type IdentifierType = 'email' | 'md5' | 'xxh';

/** Altcraft's `option` of a field: 0 only if empty, 1 message only, 2 message and profile. */
const FIELD_OPTIONS = [0, 1, 2];

const properties: INodeProperties[] = [
	{
		displayName: 'Trigger Link',
		name: 'triggerLink',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The v1.0 link Altcraft shows for the trigger mailing. It changes when the trigger mailing\'s database changes.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTriggerLinks', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://trk.example.org/trg/465ea6fedf0a75fa9ee0b5fb8f9d5fe89af34054909af8bb/<email|md5|xxh>',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: TRIGGER_LINK_PATTERN,
							errorMessage: 'Not a trigger link: expected e.g. https://trk.example.org/trg/<48 or 64 hex characters>/<email|md5|xxh>',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Identify Profile By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		description: 'What identifies the profile in the last segment of the link',
		options: [
			{
				name: 'Email',
				value: 'email',
				description: 'The profile\'s email address (Altcraft\'s documentation marks this form as deprecated)',
			},
			{ name: 'MD5 Hash', value: 'md5', description: 'The MD5 hash of the profile\'s email: 32 hex characters' },
			{ name: 'XXHash', value: 'xxh', description: 'The XXHash of the profile\'s email: 16 hex characters' },
		],
	},
	{
		displayName: 'Profile Identifier',
		name: 'profileIdentifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john@example.com',
		description:
			'The profile\'s email, MD5 hash or XXHash for this item, usually an expression that reads it from the item. It is URL-encoded into the link.',
	},
	{
		displayName: 'Compute MD5 From Email',
		name: 'hashEmail',
		type: 'boolean',
		default: false,
		description:
			'Whether Profile Identifier is an email that the node hashes with MD5 after trimming and lowercasing it. Altcraft does not document how it normalises emails before hashing: check the result on one profile first.',
		displayOptions: { show: { identifyBy: ['md5'] } },
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		default: 'GET',
		options: [
			{ name: 'GET', value: 'GET', description: 'Launch without data; no token is sent' },
			{ name: 'POST', value: 'POST', description: 'Launch with profile field values for the message (Fields)' },
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Profile database field values for the message. Altcraft ignores names that match no field of the database.',
		displayOptions: { show: { method: ['POST'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. FirstName',
						description: 'Name of the profile database field',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Jason',
						description: 'Must match the data type of the field',
					},
					{
						displayName: 'Option',
						name: 'option',
						type: 'options',
						default: 1,
						description: 'How Altcraft uses the value (its "option" 0, 1 or 2)',
						options: [
							{
								name: 'Use Only if Profile Field Is Empty',
								value: 0,
								description: 'Option 0: when the profile\'s field has a value, the value sent is ignored',
							},
							{
								name: 'Use in Message, Don\'t Save',
								value: 1,
								description: 'Option 1: the message shows the value sent; the profile keeps its own',
							},
							{
								name: 'Use in Message and Save to Profile',
								value: 2,
								description: 'Option 2: the message shows the value sent, and it overwrites the profile\'s field',
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: REQUEST_OPTIONS,
	},
];

export const description = withDisplay(properties, { resource: ['triggerMailing'], operation: ['launchViaLink'] });


function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** A refused link as the error shows it: a trigger key (it launches by GET alone) shortened. */
function shownLink(text: string): string {
	return shown(text.replace(/[0-9A-Fa-f]{48,}/g, (key) => `${key.slice(0, 8)}…`));
}

const ONE_EMAIL_HINT =
	'The v1.0 link launches for one profile per request: give one email address, e.g. {{ $json.email }}. For many recipients at once use the Launch operation (v1.1) with Launch Mode "Audience (All Items Together)".';

function checkOneEmail(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	return checkEmail(ctx, itemIndex, raw, ONE_EMAIL_HINT, 'Profile Identifier');
}

const HASHES = {
	md5: { pattern: /^[0-9a-f]{32}$/, what: 'an MD5 hash (32 hex characters)', fix: 'Give the MD5 hash of the profile\'s email, or turn on Compute MD5 From Email and give the email.' },
	xxh: { pattern: /^[0-9a-f]{16}$/, what: 'an XXHash (16 hex characters)', fix: 'Give the XXHash of the profile\'s email, or set Identify Profile By to Email or MD5 Hash.' },
};

/** The value for the link's last segment, checked for its type; not yet URL-encoded. */
function identifierFor(ctx: IExecuteFunctions, itemIndex: number, type: IdentifierType, hashEmail: boolean, raw: unknown): string {
	if (type === 'email') return checkOneEmail(ctx, itemIndex, raw);
	if (type === 'md5' && hashEmail) {
		const email = checkOneEmail(ctx, itemIndex, raw).trim().toLowerCase();
		return createHash('md5').update(email, 'utf8').digest('hex');
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim().toLowerCase();
	const { pattern, what, fix } = HASHES[type];
	if (value === '') failItem(ctx, itemIndex, `Profile Identifier is empty for item ${itemIndex}`, fix);
	if (!pattern.test(value)) failItem(ctx, itemIndex, `"${shown(raw)}" is not ${what} (item ${itemIndex})`, fix);
	return value;
}

interface FieldEntry {
	name?: unknown;
	value?: unknown;
	option?: unknown;
}

/** The `fields` of the POST body, in Altcraft's shape `{name, value, option}`. */
function fieldsFor(ctx: IExecuteFunctions, itemIndex: number, entries: FieldEntry[]): IDataObject[] {
	return entries.map((entry, position) => {
		const name = entry.name === undefined || entry.name === null ? '' : String(entry.name).trim();
		if (name === '') {
			failItem(
				ctx,
				itemIndex,
				`Field ${position + 1} has no name (item ${itemIndex})`,
				'Give every field the name of a profile database field, e.g. FirstName, or remove the empty field.',
			);
		}
		const option = entry.option === undefined || entry.option === '' ? 1 : Number(entry.option);
		if (!FIELD_OPTIONS.includes(option)) {
			failItem(
				ctx,
				itemIndex,
				`Field "${name}" has option ${shown(entry.option)}, which is not 0, 1 or 2 (item ${itemIndex})`,
				'Pick the option from the list: 0 uses the value only if the profile field is empty, 1 uses it in the message only, 2 also saves it to the profile.',
			);
		}
		// The value keeps the type an expression gave it (a number field wants a number).
		const value = entry.value === undefined || entry.value === null ? '' : entry.value;
		return { name, value: value as IDataObject, option };
	});
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readRequestSettings(this);
	const scope = requestIdScope(this);
	// Tells the scheme of a link shown without one when it is on the API host (see parseTriggerLink).
	const apiUrl = await apiBaseUrl(this);
	const link = parameterReader(this, 'triggerLink', '', { extractValue: true });
	const identifyBy = this.getNodeParameter('identifyBy', 0) as IdentifierType;
	const profileIdentifier = parameterReader(this, 'profileIdentifier');
	const hashEmail = parameterReader<boolean>(this, 'hashEmail', false);
	const method = this.getNodeParameter('method', 0) as 'GET' | 'POST';
	const fields = parameterReader<{ field?: FieldEntry[] }>(this, 'fields', {});

	const check = (itemIndex: number) => {
		const raw = link(itemIndex);
		const text = raw === undefined || raw === null ? '' : String(raw);
		if (text.trim() === '') failItem(this, itemIndex, `Trigger Link is empty for item ${itemIndex}`, TRIGGER_LINK_SHAPE);
		const parsed = parseTriggerLink(text, apiUrl);
		if (!parsed) failItem(this, itemIndex, `"${shownLink(text)}" is not a trigger link (item ${itemIndex})`, TRIGGER_LINK_SHAPE);

		const value = identifierFor(this, itemIndex, identifyBy, identifyBy === 'md5' && Boolean(hashEmail(itemIndex)), profileIdentifier(itemIndex));

		// Only `fields` (the credential adds `token` in body mode). The docs' example also carries
		// `id`, `matching` and `profile_id`, but on this endpoint the link already names the
		// trigger mailing (its key) and the profile (its last segment): repeating them could only
		// contradict the link, and the docs say nothing about which would win.
		const body = method === 'POST' ? { fields: fieldsFor(this, itemIndex, fields(itemIndex).field ?? []) } : undefined;
		return { parsed, value, body };
	};

	return checkAllThenSend(this, items.length, settings.maxParallel, check, async (itemIndex, { parsed, value, body }) => {
		const json = await sendLaunch(this, apiUrl, settings, {
			method,
			url: `${parsed.baseUrl}/${encodeURIComponent(value)}`,
			body,
			itemIndex,
			// The key alone launches the mailing by GET: the output shows only its start.
			summary: { triggerKey: `${parsed.key.slice(0, 8)}…`, identifyBy, profileIdentifier: value, method },
			// The recipient is part of the ID: one Idempotency Key for many items still launches each.
			requestId: launchRequestId(scope, itemIndex, `link-${parsed.key.slice(0, 12).toLowerCase()}`, digest([value])),
			// Altcraft does not document the link's answer: a 2xx without its JSON/XML is success
			// (an HTML page is not), and only failures before Altcraft saw the request are retried.
			acceptPlainSuccess: true,
			retrySafeOnly: true,
		});
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}
