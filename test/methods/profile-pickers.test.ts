/**
 * The pickers of the Profile and Segment operations, called the way the editor calls them, against
 * the sandbox's demo account: databases 1, 2, 3, 5; segments 1, 2, 5 and 1,050 generated ones (two
 * pages of "Get segments list"); database 1's custom fields CRM_ID, Custom_ID, FirstName, Tags.
 */
import { demoData } from '../../sandbox';
import { listSearch, loadOptions } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';

const ctx = useSandbox();

test('databases: every database of the account by name and ID, filtered by name or ID', async () => {
	const { results, paginationToken } = await listSearch('searchDatabases', ctx.credentials);
	expect(results).toEqual(demoData.databases.map((db) => ({ name: `${db.name} (ID ${db.id})`, value: String(db.id) })));
	expect(paginationToken).toBeUndefined();
	expect(ctx.sandbox.requests[0].path).toBe('/api/v1.1/databases/list/');
	const filtered = await listSearch('searchDatabases', ctx.credentials, 'b2b');
	expect(filtered.results).toEqual([{ name: 'B2B leads (ID 3)', value: '3' }]);
});

test('segments: every segment over both pages of the list (it cannot tell static ones apart)', async () => {
	const { results } = await listSearch('searchSegments', ctx.credentials);
	expect(results).toHaveLength(demoData.segments.length);
	expect(results.slice(0, 3)).toEqual([
		{ name: 'Segment A (ID 1)', value: '1' },
		{ name: 'Segment B (ID 2)', value: '2' },
		{ name: 'VIP customers (ID 5)', value: '5' },
	]);
	expect(ctx.sandbox.requests.map((request) => request.body.from_id)).toEqual([undefined, expect.any(Number)]);
	expect((await listSearch('searchSegments', ctx.credentials, 'vip')).results).toEqual([
		{ name: 'VIP customers (ID 5)', value: '5' },
	]);
});

test("custom field names: the chosen database's custom fields (system fields left out); none without a database", async () => {
	const fields = await loadOptions('getDatabaseFields', ctx.credentials, {
		database: { __rl: true, mode: 'list', value: '1' },
	});
	expect(fields.map((field) => field.value)).toEqual(['CRM_ID', 'Custom_ID', 'FirstName', 'Tags']);
	expect(fields[0]).toEqual({ name: 'CRM ID (CRM_ID)', value: 'CRM_ID', description: 'int' });
	expect(ctx.sandbox.requests[0].body).toMatchObject({ db_id: 1 });
	expect(await loadOptions('getDatabaseFields', ctx.credentials, {})).toEqual([]);
});
