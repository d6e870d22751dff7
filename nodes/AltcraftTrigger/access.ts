/**
 * Who may call: Altcraft signs nothing, so the webhook's own random path is the first guard; a
 * secret in the URL's query string and the expected account are the optional second ones.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type { HookEvent } from './body';

/** The query parameter that carries the secret: `<webhook URL>?key=<secret>`. */
export const SECRET_PARAMETER = 'key';

interface Refusal {
	status: 401 | 403;
	message: string;
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares in constant time: both sides are hashed first, so their lengths never leak either. */
export function sameSecret(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}

export function checkSecret(query: Record<string, unknown>, expected: string): Refusal | undefined {
	if (expected === '') return undefined;
	const value = query[SECRET_PARAMETER];
	const given = Array.isArray(value) ? value[0] : value;
	if (typeof given !== 'string' || given === '')
		return { status: 401, message: `Missing secret: add ?${SECRET_PARAMETER}=<secret> to the URL in Altcraft` };
	return sameSecret(given, expected) ? undefined : { status: 403, message: 'Wrong secret' };
}

/** Every event must come from the expected account (`account_id`); one stranger refuses the batch. */
export function checkAccount(events: HookEvent[], expected: string): Refusal | undefined {
	if (expected === '') return undefined;
	const stranger = events.find((event) => String(event.account_id ?? '') !== expected);
	if (!stranger) return undefined;
	return { status: 403, message: `Events of account ${String(stranger.account_id ?? '(none)')} are not accepted` };
}

/** "1, 2 3" → ['1', '2', '3']. */
export function idList(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}
