import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { shorten } from '../../../helpers/text';
import { checkEmail } from '../../../engine/validators';

/** What the last segment of the link carries; Altcraft's own names for it. */
export type IdentifierType = 'email' | 'md5' | 'xxh';

const ONE_EMAIL_HINT =
	'The v1.0 link launches for one profile per request: give one email address, e.g. {{ $json.email }}. For many recipients at once use the Launch operation (v1.1) with Launch Mode "Audience (All Items Together)".';

function checkOneEmail(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): string {
	return checkEmail(ctx, itemIndex, raw, ONE_EMAIL_HINT, 'Profile Identifier');
}

const HASHES = {
	md5: {
		pattern: /^[0-9a-f]{32}$/,
		what: 'an MD5 hash (32 hex characters)',
		fix: "Give the MD5 hash of the profile's email, or turn on Compute MD5 From Email and give the email.",
	},
	xxh: {
		pattern: /^[0-9a-f]{16}$/,
		what: 'an XXHash (16 hex characters)',
		fix: "Give the XXHash of the profile's email, or set Identify Profile By to Email or MD5 Hash.",
	},
};

/** The value for the link's last segment, checked for its type; not yet URL-encoded. */
export function identifierFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	type: IdentifierType,
	hashEmail: boolean,
	raw: unknown,
): string {
	if (type === 'email') return checkOneEmail(ctx, itemIndex, raw);
	if (type === 'md5' && hashEmail) {
		const email = checkOneEmail(ctx, itemIndex, raw).trim().toLowerCase();
		return createHash('md5').update(email, 'utf8').digest('hex');
	}
	const value = raw === undefined || raw === null ? '' : String(raw).trim().toLowerCase();
	const { pattern, what, fix } = HASHES[type];
	if (value === '') failItem(ctx, itemIndex, `Profile Identifier is empty for item ${itemIndex}`, fix);
	if (!pattern.test(value)) failItem(ctx, itemIndex, `"${shorten(raw, 120)}" is not ${what} (item ${itemIndex})`, fix);
	return value;
}
