import type { IDataObject, INodeListSearchItems, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { altcraftRequest } from '../transport';
import { fetchPages, fromIdOf, idOf, isObject, matches, textOf, type Context } from './listPages';

/** Altcraft "Get database list": items `id, name, ui_tags, Groups`, paged by `from_id`, `next_from_id`. */
export const DATABASE_LIST_PATH = '/api/v1.1/databases/list/';
/** Altcraft "Get segments list": the same item shape; items do not say whether a segment is static. */
export const SEGMENT_LIST_PATH = '/api/v1.1/segments/list/';
/** Altcraft "Get database fields" [INF: the page is not stored; items as "Get resource subscription fields"]. */
export const DATABASE_FIELDS_PATH = '/api/v1.1/databases/fields_get/';

/** One picker page of a list whose items have an ID and a name, filtered by name or ID. */
async function searchNamed(
	ctx: Context,
	path: string,
	what: string,
	fallbackName: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextFromId } = await fetchPages(ctx, path, what, fromIdOf(paginationToken));
	const results: INodeListSearchItems[] = [];
	for (const item of items) {
		const id = isObject(item) ? idOf(item.id) : undefined;
		if (id === undefined) continue;
		const name = textOf((item as IDataObject).name) ?? fallbackName;
		if (matches(filter, name, id)) results.push({ name: `${name} (ID ${id})`, value: id });
	}
	return { results, paginationToken: nextFromId === undefined ? undefined : String(nextFromId) };
}

export async function searchDatabases(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return searchNamed(this, DATABASE_LIST_PATH, 'databases', 'Database', filter, paginationToken);
}

/** Every segment: the list cannot tell static ones apart, so Altcraft refuses a dynamic one when used. */
export async function searchSegments(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return searchNamed(this, SEGMENT_LIST_PATH, 'segments', 'Segment', filter, paginationToken);
}

/**
 * The custom fields of the database the node is set to, for the Custom Fields names; empty while
 * no database is set (an expression can always name a field the list does not show).
 */
export async function getDatabaseFields(this: Context): Promise<INodePropertyOptions[]> {
	const database: unknown = this.getCurrentNodeParameter('database');
	const id = idOf(isObject(database) ? database.value : database);
	if (id === undefined) return [];
	const response = await altcraftRequest(this, {
		method: 'POST',
		url: DATABASE_FIELDS_PATH,
		body: { db_id: Number(id) },
	});
	const data = response.body.data;
	const fields = Array.isArray(data) ? data : isObject(data) ? [data] : [];
	const options: INodePropertyOptions[] = [];
	for (const field of fields) {
		if (!isObject(field) || field.category === 'system') continue;
		const name = textOf(field.name);
		if (name === undefined) continue;
		const title = textOf(field.title);
		options.push({
			name: title && title !== name ? `${title} (${name})` : name,
			value: name,
			description: textOf(field.type),
		});
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
