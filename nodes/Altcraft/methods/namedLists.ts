import type { INodePropertyOptions } from 'n8n-workflow';
import { altcraftRequest } from '../transport';
import { idOf, isObject, namedListSearch, textOf, type Context } from './listPages';

/** Altcraft "Get segments list": the same item shape; items do not say whether a segment is static. */
const SEGMENT_LIST_PATH = '/api/v1.1/segments/list/';
/** Altcraft "Get database fields" [INF: the page is not stored; items as "Get resource subscription fields"]. */
const DATABASE_FIELDS_PATH = '/api/v1.1/databases/fields_get/';

/** Every segment: the list cannot tell static ones apart, so Altcraft refuses a dynamic one when used. */
export const searchSegments = namedListSearch({ path: SEGMENT_LIST_PATH, what: 'segments', unnamed: 'Segment' });

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
