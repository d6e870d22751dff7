import { type INodeListSearchItems, type INodeListSearchResult } from 'n8n-workflow';
import { altcraftRequest } from '../transport';

import {
	isObject,
	idOf,
	numberOf,
	textOf,
	booleanOf,
	matches,
	fetchPages,
	fromIdOf,
	namedListSearch,
	TRIGGER_LIST_PATH,
	TRIGGER_GET_PATH,
	RESOURCE_LIST_PATH,
	LINKS_PER_PAGE,
	GET_CONCURRENCY,
	type Context,
} from './listPages';

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

export const searchResources = namedListSearch({ path: RESOURCE_LIST_PATH, what: 'resources', unnamed: 'Resource' });

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
