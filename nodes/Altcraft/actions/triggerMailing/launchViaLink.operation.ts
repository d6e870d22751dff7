import { createHash } from 'crypto';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { forEachItem } from '../../shared/items';
import { sendLaunch } from '../../shared/launch';
import { checkEmail } from '../../shared/matching';
import { REQUEST_OPTIONS, readRequestSettings } from '../../shared/options';
import { parameterReader } from '../../shared/parameters';
import { launchRequestId, requestIdScope } from '../../shared/requestId';
import { LINK_SHAPE, parseTriggerLink } from '../../shared/triggerLink';
import { apiBaseUrl } from '../../transport';
import { withDisplay } from '../display';

type IdentifyBy = 'email' | 'md5' | 'xxh';

const properties: INodeProperties[] = [
	{
		displayName: 'Trigger Link',
		name: 'triggerLink',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The v1.0 link Altcraft shows for the trigger mailing. It changes when the trigger mailing\'s database changes.',
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
			},
		],
	},
	{
		displayName: 'Identify Profile By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		description: 'What the last segment of the link carries',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'MD5 Hash', value: 'md5', description: '32 hex characters' },
			{ name: 'XXHash', value: 'xxh', description: '16 hex characters' },
		],
	},
	{
		displayName: 'Profile Identifier',
		name: 'profileIdentifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john@example.com',
		description: 'The profile\'s email, MD5 hash or XXHash, usually an expression from the item. It is URL-encoded into the link.',
	},
	{
		displayName: 'Compute MD5 From Email',
		name: 'hashEmail',
		type: 'boolean',
		default: false,
		description:
			'Whether Profile Identifier is an email that the node hashes with MD5 after trimming and lowercasing it. Altcraft does not document how it normalises emails before hashing: check one profile first.',
		displayOptions: { show: { identifyBy: ['md5'] } },
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		default: 'GET',
		options: [
			{ name: 'GET', value: 'GET', description: 'Launch with no data' },
			{ name: 'POST', value: 'POST', description: 'Launch with profile field values (Fields)' },
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true },
		description: 'Profile database field values for the message. Names that match no field are ignored by Altcraft.',
		displayOptions: { show: { method: ['POST'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. FirstName' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Jason', description: 'Must match the field\'s data type' },
					{
						displayName: 'Use',
						name: 'option',
						type: 'options',
						default: 1,
						options: [
							{ name: 'Only if the Profile Field Is Empty', value: 0, description: 'Option 0: a non-empty profile field wins' },
							{ name: 'In the Message, Don\'t Save', value: 1, description: 'Option 1: the profile keeps its value' },
							{ name: 'In the Message and Save to the Profile', value: 2, description: 'Option 2: the profile field is overwritten' },
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

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

function checkIdentifier(ctx: IExecuteFunctions, itemIndex: number, identifyBy: IdentifyBy, hashEmail: boolean, raw: unknown): string {
	if (identifyBy === 'email') return checkEmail(ctx, itemIndex, raw);
	if (identifyBy === 'md5' && hashEmail) {
		const email = checkEmail(ctx, itemIndex, raw).toLowerCase();
		return createHash('md5').update(email).digest('hex');
	}
	const value = String(raw ?? '').trim().toLowerCase();
	const [pattern, what] = identifyBy === 'md5' ? [/^[0-9a-f]{32}$/, 'an MD5 hash (32 hex characters)'] : [/^[0-9a-f]{16}$/, 'an XXHash (16 hex characters)'];
	if (!pattern.test(value)) {
		fail(
			ctx,
			itemIndex,
			`"${String(raw ?? '')}" is not ${what} (item ${itemIndex})`,
			identifyBy === 'md5'
				? 'Give the MD5 hash of the profile\'s email, or turn on Compute MD5 From Email and give the email.'
				: 'Give the XXHash of the profile\'s email, or identify the profile by Email.',
		);
	}
	return value;
}

interface FieldEntry {
	name?: string;
	value?: unknown;
	option?: number;
}

function checkFields(ctx: IExecuteFunctions, itemIndex: number, entries: FieldEntry[]): IDataObject[] {
	return entries.map((entry, position) => {
		const name = String(entry.name ?? '').trim();
		if (name === '') {
			fail(ctx, itemIndex, `Field ${position + 1} has no name (item ${itemIndex})`, 'Give every field the name of a profile database field, e.g. FirstName, or remove the empty field.');
		}
		const option = Number(entry.option ?? 1);
		if (![0, 1, 2].includes(option)) {
			fail(ctx, itemIndex, `Field "${name}" has use ${String(entry.option)}, which is not 0, 1 or 2 (item ${itemIndex})`, 'Pick how the value is used from the list.');
		}
		return { name, value: entry.value as IDataObject, option };
	});
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = readRequestSettings(this);
	const scope = requestIdScope(this);
	// A link shown without scheme gets the one of the account's API URL.
	const defaultScheme = (await apiBaseUrl(this)).startsWith('http://') ? 'http' : 'https';
	const link = parameterReader(this, 'triggerLink', '', { extractValue: true });
	const identifyBy = this.getNodeParameter('identifyBy', 0) as IdentifyBy;
	const identifier = parameterReader(this, 'profileIdentifier');
	const hashEmail = parameterReader<boolean>(this, 'hashEmail', false);
	const method = this.getNodeParameter('method', 0) as 'GET' | 'POST';
	const fields = parameterReader<{ field?: FieldEntry[] }>(this, 'fields', {});

	return forEachItem(this, items.length, settings.maxParallel, async (itemIndex) => {
		const raw = String(link(itemIndex) ?? '');
		const parsed = parseTriggerLink(raw, defaultScheme);
		if (!parsed) fail(this, itemIndex, `"${raw}" is not a trigger link (item ${itemIndex})`, LINK_SHAPE);
		const value = checkIdentifier(this, itemIndex, identifyBy, Boolean(hashEmail(itemIndex)), identifier(itemIndex));
		// Only `fields`: the link already names the trigger mailing and the profile, and the
		// credential adds the token to the body as in the docs' example.
		const body = method === 'POST' ? { fields: checkFields(this, itemIndex, fields(itemIndex).field ?? []) } : undefined;
		const json = await sendLaunch(this, '', settings, {
			method,
			url: `${parsed.base}/${encodeURIComponent(value)}`,
			body,
			itemIndex,
			summary: {
				triggerLink: `${parsed.base.slice(0, parsed.base.length - parsed.key.length)}${parsed.key.slice(0, 8)}…`,
				identifyBy,
				profileIdentifier: value,
				method,
			},
			requestId: launchRequestId(scope, itemIndex, `link-${parsed.key.slice(0, 12)}`),
			acceptPlainSuccess: true,
		});
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}
