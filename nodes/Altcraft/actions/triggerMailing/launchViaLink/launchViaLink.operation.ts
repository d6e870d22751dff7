import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { failItem } from '../../../engine/failures';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { parameterReader } from '../../../engine/parameters';
import { withDisplay } from '../../../fields/display';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { digest } from '../../../helpers/hash';
import { shorten } from '../../../helpers/text';
import { fieldsFor, type FieldEntry } from './fields';
import { IDENTIFIER_PROPERTIES, SENT_TYPE, identifierFor, type SendAs } from './identifier';
import { TRIGGER_LINK_PATTERN, TRIGGER_LINK_SHAPE, parseTriggerLink } from './triggerLink';

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
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
								'Not a trigger link: expected e.g. https://trk.example.org/trg/ followed by a key of 48 or 64 hex characters',
						},
					},
				],
			},
		],
	},
	...IDENTIFIER_PROPERTIES,
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
						description: 'How Altcraft uses the value',
						options: [
							{
								name: 'Use Only if Profile Field Is Empty',
								value: 0,
								description: "When the profile's field has a value, the value sent is ignored (Altcraft's option 0)",
							},
							{
								name: "Use in Message, Don't Save",
								value: 1,
								description: "The message shows the value sent; the profile keeps its own (Altcraft's option 1)",
							},
							{
								name: 'Use in Message and Save to Profile',
								value: 2,
								description:
									"The message shows the value sent, and it overwrites the profile's field (Altcraft's option 2)",
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
	const sendAs = this.getNodeParameter('sendAs', 0) as SendAs;
	const identifyBy = SENT_TYPE[sendAs];
	const profileIdentifier = parameterReader(
		this,
		sendAs === 'givenMd5' || sendAs === 'givenXxh' ? 'emailHash' : 'email',
	);
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

		const value = identifierFor(this, itemIndex, sendAs, profileIdentifier(itemIndex));

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
			successJson(
				{ launched: true },
				// The key alone launches the mailing by GET: the output shows only its start.
				{ triggerKey: `${parsed.key.slice(0, 8)}…`, identifyBy, profileIdentifier: value, method },
				await client.call({
					method,
					url,
					body,
					itemIndex,
					// The recipient is part of the ID: one Idempotency Key for many items still launches each.
					requestId: client.requestId(itemIndex, `link-${parsed.key.slice(0, 12).toLowerCase()}`, digest([value])),
					// Altcraft does not document the link's answer: a 2xx without its JSON/XML is success
					// (an HTML page is not), and only failures before Altcraft saw the request are retried.
					acceptPlainSuccess: true,
					retrySafeOnly: true,
				}),
			),
	});
}
