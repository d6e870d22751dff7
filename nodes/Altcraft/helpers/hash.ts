import { createHash } from 'crypto';

/** A short fingerprint of values, e.g. the profiles of one audience request. */
export function digest(values: unknown[]): string {
	return digestText(JSON.stringify(values));
}

/** digest() of values already serialised as JSON. */
export function digestText(json: string): string {
	return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** A UUID-shaped ID derived from text: the same text gives the same ID. */
export function asUuid(text: string): string {
	const hex = createHash('sha256').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
