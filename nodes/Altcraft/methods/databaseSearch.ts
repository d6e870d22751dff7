import { namedListSearch } from './listPages';

/** Altcraft "Get database list": items `id, name, ui_tags, Groups`, `next_from_id`, `total_count`. */
const DATABASE_LIST_PATH = '/api/v1.1/databases/list/';

/** Profile databases by name or ID, in the account's order. */
export const searchDatabases = namedListSearch({ path: DATABASE_LIST_PATH, what: 'databases', unnamed: 'Database' });
