import type { INodeListSearchResult } from 'n8n-workflow';
import { searchNamedList, type Context } from './listPages';

/** Altcraft "Get database list": items `id, name, ui_tags, Groups`, `next_from_id`, `total_count`. */
export const DATABASE_LIST_PATH = '/api/v1.1/databases/list/';

/** Profile databases by name or ID, in the account's order. */
export async function searchDatabases(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return searchNamedList(
		this,
		{ path: DATABASE_LIST_PATH, what: 'databases', unnamed: 'Database' },
		filter,
		paginationToken,
	);
}
