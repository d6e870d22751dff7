import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { failItem } from '../../../engine/failures';
import { checkAllThenSend } from '../../../engine/items';
import { parameterReader } from '../../../engine/parameters';
import { withDisplay } from '../../../fields/display';
import { REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { digest } from '../../../helpers/hash';
import { shorten } from '../../../helpers/text';
import { fieldsFor, type FieldEntry } from './fields';
import { identifierFor, type IdentifierType } from './identifier';
import { TRIGGER_LINK_PATTERN, TRIGGER_LINK_SHAPE, parseTriggerLink } from './triggerLink';

const properties: INodeProperties[] = [
	{
		displayName: 'Trigger Link',
		name: 'triggerLink',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The v1.0 link Altcraft shows for the trigger mailing. It changes when the trigger mailing's database changes.",
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
				placeholder:
					'e.g. https://trk.example.org/trg/465ea6fedf0a75fa9ee0b5fb8f9d5fe89af34054909af8bb/<email|md5|xxh>',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: TRIGGER_LINK_PATTERN,
							errorMessage:
								'Not a trigger link: expected e.g. https://trk.example.org/trg/<48 or 64 hex characters>/<email|md5|xxh>',
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
		// Altcraft's page calls the email form deprecated; MD5 (computed by the node from the email by
		// default) is the documented form a user can give without extra tooling.
		default: 'md5',
		description: 'How the link names the profile (its last segment)',
		options: [
			{
				name: 'Email (Deprecated)',
				value: 'email',
				description: "The profile's email address as it is; Altcraft's documentation marks this form as deprecated",
			},
			{
				name: 'MD5 Hash',
				value: 'md5',
				description: "The MD5 hash of the profile's email: 32 hex characters, or computed by the node",
			},
			{ name: 'XXHash', value: 'xxh', description: "The XXHash of the profile's email: 16 hex characters" },
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
			"The profile's email, MD5 hash or XXHash for this item, usually an expression that reads it from the item. It is URL-encoded into the link.",
	},
	{
		displayName: 'Compute MD5 From Email',
		name: 'hashEmail',
		type: 'boolean',
		default: true,
		description:
			'Whether Profile Identifier is an email that the node turns into its MD5 hash (after trimming and lowercasing it). Altcraft does not document how it normalizes emails before hashing: check the result on one profile first.',
		displayOptions: { show: { identifyBy: ['md5'] } },
	},
	{
		displayName: 'Send Field Values',
		name: 'sendFields',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			'Whether to send profile field values with the launch (a POST with the API token). Off: the link alone launches the mailing (a GET, no token is sent).',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			'Profile database field values for the message. Altcraft ignores names that match no field of the database.',
		displayOptions: { show: { sendFields: [true] } },
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
						displayName: 'Value Use',
						name: 'option',
						type: 'options',
						default: 1,
						description: 'How Altcraft uses the value (its option 0, 1 or 2)',
						options: [
							{
								name: 'Use Only if Profile Field Is Empty',
								value: 0,
								description: "Option 0: when the profile's field has a value, the value sent is ignored",
							},
							{
								name: "Use in Message, Don't Save",
								value: 1,
								description: 'Option 1: the message shows the value sent; the profile keeps its own',
							},
							{
								name: 'Use in Message and Save to Profile',
								value: 2,
								description: "Option 2: the message shows the value sent, and it overwrites the profile's field",
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

export const option: INodePropertyOptions = {
	name: 'Launch via Trigger Link',
	value: 'launchViaLink',
	action: 'Launch trigger mailing via trigger link',
	description: "Launch a trigger mailing for one profile through its own link (Altcraft's older, link-based API)",
};

export const description = withDisplay(properties, { resource: ['triggerMailing'], operation: ['launchViaLink'] });

/** A refused link as the error shows it: a trigger key (it launches by GET alone) shortened. */
function shownLink(text: string): string {
	return shorten(
		text.replace(/[0-9A-Fa-f]{48,}/g, (key) => `${key.slice(0, 8)}…`),
		120,
	);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	// Tells the scheme of a link shown without one when it is on the API host (see parseTriggerLink).
	const apiUrl = client.baseUrl;
	const link = parameterReader(this, 'triggerLink', '', { extractValue: true });
	const identifyBy = this.getNodeParameter('identifyBy', 0) as IdentifierType;
	const profileIdentifier = parameterReader(this, 'profileIdentifier');
	const hashEmail = parameterReader<boolean>(this, 'hashEmail', true);
	const method = this.getNodeParameter('sendFields', 0, false) === true ? 'POST' : 'GET';
	const fields = parameterReader<{ field?: FieldEntry[] }>(this, 'fields', {});

	const check = (itemIndex: number) => {
		const raw = link(itemIndex);
		const text = raw === undefined || raw === null ? '' : String(raw);
		if (text.trim() === '')
			failItem(this, itemIndex, `Trigger Link is empty for item ${itemIndex}`, TRIGGER_LINK_SHAPE);
		const parsed = parseTriggerLink(text, apiUrl);
		if (!parsed)
			failItem(this, itemIndex, `"${shownLink(text)}" is not a trigger link (item ${itemIndex})`, TRIGGER_LINK_SHAPE);

		const value = identifierFor(
			this,
			itemIndex,
			identifyBy,
			identifyBy === 'md5' && Boolean(hashEmail(itemIndex)),
			profileIdentifier(itemIndex),
		);

		// Only `fields` (the credential adds `token` in body mode). The docs' example also carries
		// `id`, `matching` and `profile_id`, but on this endpoint the link already names the
		// trigger mailing (its key) and the profile (its last segment): repeating them could only
		// contradict the link, and the docs say nothing about which would win.
		const body = method === 'POST' ? { fields: fieldsFor(this, itemIndex, fields(itemIndex).field ?? []) } : undefined;
		if (body) client.checkSendable(itemIndex, body);
		const url = `${parsed.baseUrl}/${encodeURIComponent(value)}`;
		// The host rules (a POST carries the token) here, not when sending: links may come from item
		// data, and v1.0 links have no deduplication, so an item sent before a bad one would go again
		// on the re-run.
		client.checkCall({ method, url, body, itemIndex });
		return { parsed, value, body, url };
	};

	return checkAllThenSend(this, {
		count: this.getInputData().length,
		concurrency: client.settings.maxParallel,
		check,
		send: async ({ items: [itemIndex], value: { parsed, value, body, url } }) =>
			client.launch({
				method,
				url,
				body,
				itemIndex,
				// The key alone launches the mailing by GET: the output shows only its start.
				summary: { triggerKey: `${parsed.key.slice(0, 8)}…`, identifyBy, profileIdentifier: value, method },
				// The recipient is part of the ID: one Idempotency Key for many items still launches each.
				requestId: client.requestId(itemIndex, `link-${parsed.key.slice(0, 12).toLowerCase()}`, digest([value])),
				// Altcraft does not document the link's answer: a 2xx without its JSON/XML is success
				// (an HTML page is not), and only failures before Altcraft saw the request are retried.
				acceptPlainSuccess: true,
				retrySafeOnly: true,
			}),
	});
}
