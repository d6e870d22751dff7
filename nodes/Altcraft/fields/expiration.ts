import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';

export const EXPIRATION_FIELD: INodeProperties = {
	displayName: 'Expiration',
	name: 'expiration',
	type: 'dateTime',
	default: '',
	description:
		"When unsent messages expire and count as not delivered. A time without a time zone uses the workflow's time zone.",
};

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
	} else if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
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

/**
 * A date-time field of one item (Expiration, an event's time) as RFC 3339 in UTC, read as
 * toRfc3339 reads it; undefined when empty, refused when it is no date-time.
 */
export function readDateTime(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = toRfc3339(value, ctx.getTimezone());
	if (date === undefined) {
		failItem(
			ctx,
			itemIndex,
			`${label} "${String(value)}" is not a date-time (item ${itemIndex})`,
			'Use a date-time such as 2026-02-22T21:00:00Z or 2026-02-22T21:00:00+03:00, or pick one in the date picker.',
		);
	}
	return date;
}

export function readExpiration(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	const expiration = readDateTime(ctx, itemIndex, 'Expiration', value);
	if (expiration !== undefined && Date.parse(expiration) <= Date.now()) {
		failItem(
			ctx,
			itemIndex,
			`Expiration ${expiration} is in the past (item ${itemIndex})`,
			'Messages would expire before they are sent. Set a future date-time, or remove Expiration.',
		);
	}
	return expiration;
}
