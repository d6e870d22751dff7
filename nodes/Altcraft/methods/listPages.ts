import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { MAX_LIST_ANSWER_BYTES, altcraftRequest } from '../transport';

/** Altcraft "Get trigger mailings list": items `id, name, type, is_active, …`, `total_count`, paged by `from_id`. */
export const TRIGGER_LIST_PATH = '/api/v1.1/campaigns/triggers/list';
/** Altcraft "Get trigger mailing information": one trigger by `id`, the only answer with `call_url`. */
export const TRIGGER_GET_PATH = '/api/v1.1/campaigns/triggers/get';
/** Altcraft "Get resources list": items `id, name, groups`, `next_from_id`, `total_count`. */
export const RESOURCE_LIST_PATH = '/api/v1.1/resources/list';

/** The documented default `limit` of the list endpoints, sent explicitly. */
const LIST_PAGE_SIZE = 1000;
/** Altcraft pages read for one picker page: trigger mailings are sorted across up to 5,000. */
const LIST_PAGES_PER_SEARCH = 5;
/** Trigger Link picker: links resolved (one `triggers/get` each) per page the editor shows. */
export const LINKS_PER_PAGE = 20;
/** At most this many `triggers/get` calls at once, so a picker never floods the account. */
export const GET_CONCURRENCY = 4;

export type Context = ILoadOptionsFunctions;

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ID as text: a number, or digits as XML answers carry them; anything else is no ID. */
export function idOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	return undefined;
}

export function numberOf(value: unknown): number | undefined {
	const id = idOf(value);
	return id === undefined ? undefined : Number(id);
}

export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** true/false, also as the text XML answers carry. */
export function booleanOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

export function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return values.some((value) =>
		String(value ?? '')
			.toLowerCase()
			.includes(needle),
	);
}

interface ListPage {
	items: unknown[];
	/** The `from_id` of the next page; undefined when this was the last one. */
	nextFromId?: number;
}

/**
 * One page of a list endpoint. The first page sends only `limit` (`from_id` defaults to 1, as in the
 * docs' example); later pages send the `from_id` of the next page: the answer's `next_from_id` where
 * Altcraft gives one (resources), else the last ID + 1 [INF: the trigger list has no next_from_id].
 */
async function fetchPage(ctx: Context, path: string, what: string, fromId: number | undefined): Promise<ListPage> {
	const body: IDataObject =
		fromId === undefined ? { limit: LIST_PAGE_SIZE } : { from_id: fromId, limit: LIST_PAGE_SIZE };
	const response = await altcraftRequest(ctx, {
		method: 'POST',
		url: path,
		body,
		maxAnswerBytes: MAX_LIST_ANSWER_BYTES,
	});
	const answer = response.body;
	if (!('data' in answer)) {
		throw new NodeOperationError(ctx.getNode(), `Altcraft answered the ${what} list without data`, {
			description: `Altcraft said "${String(answer.error_text ?? '')}" but sent no list. Check that the API URL in the credential is the API host of your account, or enter the ID instead of picking it.`,
		});
	}
	const data = answer.data;
	// XML answers: an empty list is <data/> (null here), a single item is one object, not an array.
	const items = data === null || data === undefined ? [] : Array.isArray(data) ? data : [data];
	if (items.length < LIST_PAGE_SIZE) return { items };
	const lastId = Math.max(-1, ...items.map((item) => (isObject(item) ? (numberOf(item.id) ?? -1) : -1)));
	const next = numberOf(answer.next_from_id) ?? lastId + 1;
	// A next page that does not move forward would loop forever: stop instead.
	return { items, nextFromId: next > (fromId ?? 1) ? next : undefined };
}

/** Reads up to LIST_PAGES_PER_SEARCH pages from `fromId`; `nextFromId` says where the rest starts. */
export async function fetchPages(
	ctx: Context,
	path: string,
	what: string,
	fromId: number | undefined,
): Promise<ListPage> {
	const items: unknown[] = [];
	let next = fromId;
	for (let page = 0; page < LIST_PAGES_PER_SEARCH; page++) {
		const result = await fetchPage(ctx, path, what, next);
		items.push(...result.items);
		next = result.nextFromId;
		if (next === undefined) break;
	}
	return { items, nextFromId: next };
}

export function fromIdOf(paginationToken: string | undefined): number | undefined {
	return paginationToken ? numberOf(paginationToken) : undefined;
}

/**
 * The picker of a list whose items are `id` and `name` (resources, databases): "Name (ID n)",
 * filtered by name or ID, in the account's order. `what` names the list in errors; `unnamed`
 * labels an item without a name.
 */
export function namedListSearch(list: {
	path: string;
	what: string;
	unnamed: string;
}): (this: Context, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult> {
	return async function (this: Context, filter?: string, paginationToken?: string) {
		const { items, nextFromId } = await fetchPages(this, list.path, list.what, fromIdOf(paginationToken));
		const results: INodeListSearchItems[] = [];
		for (const item of items) {
			const id = isObject(item) ? idOf(item.id) : undefined;
			if (id === undefined) continue;
			const name = textOf((item as IDataObject).name) ?? list.unnamed;
			if (matches(filter, name, id)) results.push({ name: `${name} (ID ${id})`, value: id });
		}
		return { results, paginationToken: nextFromId === undefined ? undefined : String(nextFromId) };
	};
}
