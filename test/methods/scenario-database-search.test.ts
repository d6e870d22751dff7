/**
 * The Scenario and Database pickers, called as the editor calls them, against the sandbox's demo
 * account: scenarios 3, 10, 11, 12 (inactive), 14 and 1,050 generated ones (every fourth inactive),
 * so that "Get scenarios list" takes two pages (limit 1000, next_from_id and total); databases 1, 2, 3, 5.
 */
import { demoData } from '../../sandbox';
import { listSearch } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const LIST = '/api/v1.1/workflows/list';
const active = new Map(demoData.scenarios.map((scenario) => [String(scenario.id), scenario.is_active]));

describe('searchScenarios', () => {
	test('every scenario over two pages of the list, active first, inactive last and marked', async () => {
		const { results, paginationToken } = await listSearch('searchScenarios', ctx.credentials);
		expect(paginationToken).toBeUndefined();
		expect(results).toHaveLength(demoData.scenarios.length);
		expect(results[0]).toEqual({ name: 'Onboarding (ID 3, database 1)', value: '3' });
		const requests = ctx.sandbox.requests.filter((request) => request.path === LIST);
		expect(requests.map((request) => request.body.from_id)).toEqual([undefined, requests[1].body.from_id]);
		expect(requests[1].body.from_id).toBe(requests[0].response?.body.next_from_id);
		const firstInactive = results.findIndex((result) => !active.get(String(result.value)));
		expect(firstInactive).toBeGreaterThan(0);
		expect(
			results.slice(0, firstInactive).every((r) => active.get(String(r.value)) && !r.name.includes('inactive')),
		).toBe(true);
		expect(
			results.slice(firstInactive).every((r) => !active.get(String(r.value)) && r.name.endsWith(' — inactive')),
		).toBe(true);
		expect(results.find((r) => r.value === '12')?.name).toBe('Winback (stopped) (ID 12, database 1) — inactive');
	});

	test('search by name or ID; an ID searched for comes first', async () => {
		const byName = await listSearch('searchScenarios', ctx.credentials, 'welcome');
		expect(byName.results).toEqual([{ name: 'Welcome chain (ID 11, database 1)', value: '11' }]);
		const byId = await listSearch('searchScenarios', ctx.credentials, '14');
		expect(byId.results[0]).toEqual({ name: 'B2B onboarding (ID 14, database 2)', value: '14' });
	});

	test('the documented answer\'s envelope ("error text", total) is read by error alone', async () => {
		ctx.sandbox.inject({
			path: LIST,
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				data: [{ id: 10, name: 'Government tip', list_id: 1, is_active: true }],
				error: 0,
				'error text': 'Operation completed successfully',
				next_from_id: 11,
				total: 1,
			}),
		});
		const { results } = await listSearch('searchScenarios', ctx.credentials);
		expect(results).toEqual([{ name: 'Government tip (ID 10, database 1)', value: '10' }]);
	});
});

describe('searchDatabases', () => {
	test('the databases of the account, by name or ID', async () => {
		const all = await listSearch('searchDatabases', ctx.credentials);
		expect(all.results).toEqual(
			demoData.databases.map((db) => ({ name: `${db.name} (ID ${db.id})`, value: String(db.id) })),
		);
		const found = await listSearch('searchDatabases', ctx.credentials, 'b2b');
		expect(found.results).toEqual([{ name: 'B2B leads (ID 3)', value: '3' }]);
	});
});
