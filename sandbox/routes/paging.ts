/**
 * The list endpoints' paging, as "Get trigger mailings list" and "Get resources list" document it:
 * `from_id` (the first ID in the answer, default 1) and `limit` (default 1000); items in ID order.
 */
import { ApiError } from '../validate';
import type { Exchange } from '../http';

/** The documented default of `limit`. */
export const DEFAULT_LIMIT = 1000;

export interface Page<T> {
	items: T[];
	/** Where the next page starts: the next item's ID, or the last ID + 1 after the last page [INF]. */
	nextFromId: number;
}

function integerParam(body: Record<string, unknown>, name: string, fallback: number, min: number): number {
	const value = body[name];
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new ApiError(400, `${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
	}
	return value;
}

/** A page of `items` (sorted by ID) from the request's from_id / limit; ApiError 400 for bad values. */
export function pageOf<T extends { id: number }>(exchange: Exchange, items: readonly T[]): Page<T> {
	const body = exchange.parsed?.body ?? {};
	const fromId = integerParam(body, 'from_id', 1, 0);
	const limit = integerParam(body, 'limit', DEFAULT_LIMIT, 1);
	const start = items.findIndex((item) => item.id >= fromId);
	if (start === -1)
		return { items: [], nextFromId: items.length === 0 ? fromId : Math.max(fromId, items[items.length - 1].id + 1) };
	const page = items.slice(start, start + limit);
	const following = items[start + limit];
	return { items: page, nextFromId: following ? following.id : page[page.length - 1].id + 1 };
}

/** Sorted by ID, as the lists answer. */
export function byId<T extends { id: number }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => a.id - b.id);
}

/** A boolean request parameter, also as XML text; undefined when absent. */
export function booleanParam(body: Record<string, unknown> | undefined, name: string): boolean | undefined {
	const value = body?.[name];
	if (value === undefined) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new ApiError(400, `${name} must be true or false, got ${JSON.stringify(value)}`);
}
