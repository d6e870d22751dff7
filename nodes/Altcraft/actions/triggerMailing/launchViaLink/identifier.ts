import { createHash } from 'crypto';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { shorten } from '../../../helpers/text';
import { checkEmail } from '../../../engine/validators';
import { identifyProfileBy } from '../../../fields/identifyProfile';

/** What the last segment of the link carries; Altcraft's own names for it. */
type IdentifierType = 'email' | 'md5' | 'xxh';

/** How the node puts the email in the link: hashed by the node (the default), as it is, or a hash given as such. */
export type SendAs = 'md5' | 'email' | 'givenMd5' | 'givenXxh';

export const SENT_TYPE: Record<SendAs, IdentifierType> = {
	md5: 'md5',
	email: 'email',
	givenMd5: 'md5',
	givenXxh: 'xxh',
};

const GIVEN_HASH: SendAs[] = ['givenMd5', 'givenXxh'];

/**
 * The profile the link launches for: Identify Profile By (the link knows profiles by email only),
 * one Email field, and Send As, which says how the email travels in the link. A hash already at
 * hand is the exception, with its own field.
 */
export const IDENTIFIER_PROPERTIES: INodeProperties[] = [
	identifyProfileBy(['email'], { description: 'A trigger link finds the profile by its email address' }),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john@example.com',
		description: "The profile's email address, usually an expression that reads it from the input item",
		displayOptions: { hide: { sendAs: GIVEN_HASH } },
	},
	{
		displayName: 'Send As',
		name: 'sendAs',
		type: 'options',
		noDataExpression: true,
		default: 'md5',
		description: 'How the email travels in the link (its last segment)',
		options: [
			{
				name: 'MD5 Hash of the Email',
				value: 'md5',
				description:
					'The node trims, lowercases and hashes the email. Altcraft does not document how it normalizes emails before hashing: check one profile first.',
			},
			{
				name: 'Email As Is (Deprecated)',
				value: 'email',
				description: "The address in the link as it is; Altcraft's documentation marks this form as deprecated",
			},
			{
				name: 'MD5 Hash, Already Computed',
				value: 'givenMd5',
				description: 'You give the MD5 hash of the email (32 hex characters) instead of the email',
			},
			{
				name: 'XXHash, Already Computed',
				value: 'givenXxh',
				description: 'You give the XXHash of the email (16 hex characters) instead of the email',
			},
		],
	},
	{
		displayName: 'Email Hash',
		name: 'emailHash',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0a6b7fc3c4f2a36a1ba0f5a1e3c8d2e4',
		description: "The hash of the profile's email, as Send As says. It is URL-encoded into the link.",
		displayOptions: { show: { sendAs: GIVEN_HASH } },
	},
];

const ONE_EMAIL_HINT =
	'The trigger link launches for one profile per request: give one email address, e.g. {{ $json.email }}. For many recipients at once use the Launch operation with Launch Mode "Same Message to All Items".';

function checkOneEmail(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	return checkEmail(ctx, itemIndex, raw, ONE_EMAIL_HINT, 'Email');
}

const HASHES = {
	givenMd5: {
		pattern: /^[0-9a-f]{32}$/,
		what: 'an MD5 hash (32 hex characters)',
		fix: 'Give the MD5 hash of the profile\'s email, or set Send As to "MD5 Hash of the Email" and give the email.',
	},
	givenXxh: {
		pattern: /^[0-9a-f]{16}$/,
		what: 'an XXHash (16 hex characters)',
		fix: 'Give the XXHash of the profile\'s email, or set Send As to "MD5 Hash of the Email" and give the email.',
	},
};

/** The value for the link's last segment, checked for its type; not yet URL-encoded. */
export function identifierFor(ctx: IExecuteFunctions, itemIndex: number, sendAs: SendAs, raw: unknown): string {
	if (sendAs === 'email') return checkOneEmail(ctx, itemIndex, raw);
	if (sendAs === 'md5') {
		const email = checkOneEmail(ctx, itemIndex, raw).trim().toLowerCase();
		return createHash('md5').update(email, 'utf8').digest('hex');
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim().toLowerCase();
	const { pattern, what, fix } = HASHES[sendAs];
	if (value === '') failItem(ctx, itemIndex, `Email Hash is empty for item ${itemIndex}`, fix);
	if (!pattern.test(value)) failItem(ctx, itemIndex, `"${shorten(raw, 120)}" is not ${what} (item ${itemIndex})`, fix);
	return value;
}
