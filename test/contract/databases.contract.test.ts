/**
 * Contract: databases/list/ ("Get database list") and databases/fields_get/ ("Get database fields",
 * [INF] whole: no copy stored). Fixtures: sandbox/fixtures/databases.ts. Used by the Database picker
 * and the field list of the profile operations.
 */
import { getDatabaseList } from '../../sandbox/fixtures';
import { SUCCESS, useApi } from './api';

const api = useApi();
const LIST = '/api/v1.1/databases/list/';
const FIELDS = '/api/v1.1/databases/fields_get/';

test("the docs' request (limit 2) gets the docs' two items; next_from_id and total_count from the demo account [INF]", async () => {
	const answer = await api.post(LIST, api.documented(getDatabaseList));
	const documented = JSON.parse(getDatabaseList.response!.json!);
	expect(answer.json).toEqual({ ...SUCCESS, data: documented.data, next_from_id: 3, total_count: 4 });
});

test('paging by from_id and limit, and the ui_tags filter [INF: any tag]', async () => {
	const next = await api.post(LIST, { from_id: 3, limit: 2 });
	expect(next.json.data.map((item: { id: number }) => item.id)).toEqual([3, 5]);
	expect(next.json.next_from_id).toBe(6);
	expect((await api.post(LIST, { from_id: 6 })).json.data).toEqual([]);
	const tagged = await api.post(LIST, { ui_tags: ['tag2'] });
	expect(tagged.json).toMatchObject({ data: [{ id: 2 }], total_count: 1 });
	expect((await api.post(LIST, { limit: 0 })).json.error_text).toMatch(/limit must be an integer of at least 1/);
});

test("XML: the docs' XML request gets the docs' items in XML", async () => {
	const answer = await api.postXml(LIST, getDatabaseList.request!.xml!);
	expect(answer.text).toContain(
		'<data><id>1</id><name>Database #1</name><ui_tags/><Groups><Id>0</Id><Name>main</Name></Groups></data><data><id>2</id><name>Database #2</name><ui_tags>tag1</ui_tags><ui_tags>tag2</ui_tags><Groups><Id>1</Id><Name>subaccount</Name></Groups></data>',
	);
});

test('fields_get/ lists the fields of a database by db_id (or id) [INF], in the resource-fields item shape', async () => {
	const answer = await api.post(FIELDS, { db_id: 2 });
	expect(answer.json).toMatchObject(SUCCESS);
	expect(answer.json.data).toContainEqual({
		category: 'custom',
		title: 'Company',
		name: 'Company',
		required: true,
		type: 'unicode',
	});
	expect(answer.json.data).toContainEqual({
		category: 'system',
		title: 'First name',
		name: '_fname',
		required: false,
		type: 'unicode',
	});
	expect((await api.post(FIELDS, { id: 2 })).json.data).toEqual(answer.json.data);
	expect((await api.post(FIELDS, { db_id: 4 })).status).toBe(404);
	expect((await api.post(FIELDS, {})).json.error_text).toBe('db_id is required: the database ID');
	expect((await api.post('/api/v1.1/databases/fields_get', { db_id: 2 })).status).toBe(404);
});

test('the lists are reads: no token is 401, a wrong one 403, and they are not deduplicated', async () => {
	expect((await api.post(LIST, { token: '' })).status).toBe(401);
	expect((await api.post(LIST, { token: 'wrong' })).status).toBe(403);
	const again = await api.post(LIST, {}, { 'Request-ID': 'same' });
	const twice = await api.post(LIST, {}, { 'Request-ID': 'same' });
	expect([again.headers.get('duplicate-request'), twice.headers.get('duplicate-request')]).toEqual([null, null]);
});
