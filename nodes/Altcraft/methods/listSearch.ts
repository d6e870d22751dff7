import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { altcraftRequest } from '../transport';
import { MAX_LIST_ANSWER_BYTES } from '../transport/answer';

/** Altcraft "Get trigger mailings list": items `id, name, type, is_active, …`, `total_count`, paged by `from_id`. */
export const TRIGGER_LIST_PATH = '/api/v1.1/campaigns/triggers/list';
/** Altcraft "Get trigger mailing information": one trigger by `id`, the only answer with `call_url`. */
export const TRIGGER_GET_PATH = '/api/v1.1/campaigns/triggers/get';
/** Altcraft "Get resources list": items `id, name, groups`, `next_from_id`, `total_count`. */
export const RESOURCE_LIST_PATH = '/api/v1.1/resources/list';

/** The documented default `limit` of the list endpoints, sent explicitly. */
export const LIST_PAGE_SIZE = 1000;
/** Altcraft pages read for one picker page: trigger mailings are sorted across up to 5,000. */
const LIST_PAGES_PER_SEARCH = 5;
/** Trigger Link picker: links resolved (one `triggers/get` each) per page the editor shows. */
export const LINKS_PER_PAGE = 20;
/** At most this many `triggers/get` calls at once, so a picker never floods the account. */
const GET_CONCURRENCY = 4;

type Context = ILoadOptionsFunctions;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ID as text: a number, or digits as XML answers carry them; anything else is no ID. */
function idOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	return undefined;
}

function numberOf(value: unknown): number | undefined {
	const id = idOf(value);
	return id === undefined ? undefined : Number(id);
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** true/false, also as the text XML answers carry. */
function booleanOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

function matches(filter: string | undefined, ...values: unknown[]): boolean {
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
async function fetchPages(ctx: Context, path: string, what: string, fromId: number | undefined): Promise<ListPage> {
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

function fromIdOf(paginationToken: string | undefined): number | undefined {
	return paginationToken ? numberOf(paginationToken) : undefined;
}

interface TriggerEntry {
	id: string;
	name: string;
	/** undefined: the answer did not say. */
	active?: boolean;
	type?: string;
}

/**
 * A trigger mailing of the list, from the documented fields (`type`, `is_active`) or the older
 * ones (`trigger_type`, `status`); undefined for an item without an ID, which is skipped.
 */
function readTrigger(raw: unknown): TriggerEntry | undefined {
	if (!isObject(raw)) return undefined;
	const id = idOf(raw.id);
	if (id === undefined) return undefined;
	const status = textOf(raw.status);
	return {
		id,
		name: textOf(raw.name) ?? 'Trigger mailing',
		active: booleanOf(raw.is_active) ?? (status === undefined ? undefined : status === 'active'),
		type: textOf(raw.type) ?? textOf(raw.trigger_type),
	};
}

/**
 * Trigger mailings an API call can launch (type `api_call`; an item without a type is kept), by
 * name or ID, active ones first: launching an inactive one fails until it is activated.
 */
async function launchableTriggers(ctx: Context, filter: string | undefined, fromId: number | undefined) {
	const { items, nextFromId } = await fetchPages(ctx, TRIGGER_LIST_PATH, 'trigger mailings', fromId);
	const triggers: TriggerEntry[] = [];
	for (const item of items) {
		const trigger = readTrigger(item);
		if (!trigger || (trigger.type !== undefined && trigger.type !== 'api_call')) continue;
		if (matches(filter, trigger.name, trigger.id)) triggers.push(trigger);
	}
	// A search for an ID puts that trigger mailing first; then active before inactive. The sort is
	// stable: the account's order stays within each group.
	const rank = (trigger: TriggerEntry) =>
		(trigger.id === filter?.trim() ? 0 : 1) * 2 + Number(trigger.active === false);
	triggers.sort((a, b) => rank(a) - rank(b));
	return { triggers, nextFromId };
}

function triggerLabel(trigger: TriggerEntry): string {
	return `${trigger.name} (ID ${trigger.id})${trigger.active === false ? ' — inactive' : ''}`;
}

export async function searchTriggerMailings(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { triggers, nextFromId } = await launchableTriggers(this, filter, fromIdOf(paginationToken));
	const results: INodeListSearchItems[] = triggers.map((trigger) => ({
		name: triggerLabel(trigger),
		value: trigger.id,
	}));
	return { results, paginationToken: nextFromId === undefined ? undefined : String(nextFromId) };
}

export async function searchResources(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextFromId } = await fetchPages(this, RESOURCE_LIST_PATH, 'resources', fromIdOf(paginationToken));
	const results: INodeListSearchItems[] = [];
	for (const item of items) {
		const id = isObject(item) ? idOf(item.id) : undefined;
		if (id === undefined) continue;
		const name = textOf((item as IDataObject).name) ?? 'Resource';
		if (matches(filter, name, id)) results.push({ name: `${name} (ID ${id})`, value: id });
	}
	return { results, paginationToken: nextFromId === undefined ? undefined : String(nextFromId) };
}

/**
 * The trigger's v1.0 link from "Get trigger mailing information". Whitespace is removed: the docs'
 * XML example breaks the line before `<email|md5|xxh>`. undefined when the answer has no link.
 */
async function triggerLinkOf(ctx: Context, id: string): Promise<string | undefined> {
	const response = await altcraftRequest(ctx, { method: 'POST', url: TRIGGER_GET_PATH, body: { id: Number(id) } });
	const data = response.body.data;
	const link = isObject(data) ? textOf(data.call_url) : undefined;
	return link?.replace(/\s+/g, '');
}

/** Runs `task` on every value, at most `limit` at once; one failure does not stop the others. */
async function settleLimited<T, R>(
	values: T[],
	limit: number,
	task: (value: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
	const settled: PromiseSettledResult<R>[] = new Array(values.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < values.length) {
			const index = next++;
			try {
				settled[index] = { status: 'fulfilled', value: await task(values[index]) };
			} catch (reason) {
				settled[index] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
	return settled;
}

/** `<from_id>:<offset>`: where the trigger list chunk starts, and how many of its links were shown. */
function linkCursor(paginationToken: string | undefined): { fromId?: number; offset: number } {
	const [fromId, offset] = (paginationToken ?? '').split(':');
	return { fromId: numberOf(fromId), offset: numberOf(offset) ?? 0 };
}

/**
 * The v1.0 links of the launchable trigger mailings. The list has no `call_url`, so each link
 * comes from `triggers/get`, only for the LINKS_PER_PAGE trigger mailings of the page shown;
 * the editor asks for the next page when the user scrolls. A trigger mailing whose `get` fails
 * or has no link is left out; when every one on the page fails, the first failure is shown.
 */
export async function searchTriggerLinks(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const cursor = linkCursor(paginationToken);
	const { triggers, nextFromId } = await launchableTriggers(this, filter, cursor.fromId);
	const page = triggers.slice(cursor.offset, cursor.offset + LINKS_PER_PAGE);
	const links = await settleLimited(page, GET_CONCURRENCY, async (trigger) => await triggerLinkOf(this, trigger.id));
	const failures = links.filter((link): link is PromiseRejectedResult => link.status === 'rejected');
	if (page.length > 0 && failures.length === page.length) throw failures[0].reason;

	const results: INodeListSearchItems[] = [];
	links.forEach((link, index) => {
		if (link.status === 'fulfilled' && link.value) results.push({ name: triggerLabel(page[index]), value: link.value });
	});
	const shown = cursor.offset + page.length;
	const fromId = cursor.fromId === undefined ? '' : String(cursor.fromId);
	const next =
		shown < triggers.length ? `${fromId}:${shown}` : nextFromId !== undefined ? `${nextFromId}:0` : undefined;
	return { results, paginationToken: next };
}
