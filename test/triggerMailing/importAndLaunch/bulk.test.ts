import type { INodeParameters } from 'n8n-workflow';
import { bulkImportParams, json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const BATCH = '/api/v1.1/campaigns/triggers/import_and_start_batch';

const bulkImport = (extra: INodeParameters = {}): INodeParameters =>
	bulkImportParams({ profileFields: { _fname: '={{ $json.name }}' }, ...extra });
const rows = (n: number) =>
	json(...Array.from({ length: n }, (_, i) => ({ email: `user${i}@example.com`, name: `User ${i}` })));

describe('Import Profile and Launch, Bulk', () => {
	test('2,500 rows make 3 import_and_start_batch requests, each profile wrapped in data', async () => {
		const result = await ctx.run(bulkImport(), rows(2500));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => [request.path, request.body.data.length])).toEqual([
			[BATCH, 1000],
			[BATCH, 1000],
			[BATCH, 500],
		]);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ trigger_id: 84, matching: 'email' });
		expect(ctx.sandbox.requests[0].body.data[0]).toEqual({
			email: 'user0@example.com',
			data: { email: 'user0@example.com', _fname: 'User 0' },
		});
		expect(result.items.map((item) => item.json.launch)).toEqual([
			expect.objectContaining({ import: true, bulk: true, profiles: 1000, items: 1000, request: 1, requests: 3 }),
			expect.objectContaining({ request: 2 }),
			expect.objectContaining({ profiles: 500, request: 3 }),
		]);
		expect((result.items[0].json.result as string[]).length).toBe(1000);
		const paired = result.items.flatMap((item) => (item.pairedItem as Array<{ item: number }>).map((p) => p.item));
		expect(paired).toEqual(Array.from({ length: 2500 }, (_, i) => i));
	});

	test("an existing profile's ID is in result; items asking for a different delay go in their own request", async () => {
		const result = await ctx.run(
			bulkImport({
				additionalFields: { launchDelay: { delay: { minutes: '={{ $json.wait }}' } } },
				options: { maxParallel: 1 },
			}),
			json({ email: 'john@example.com', name: 'John', wait: 5 }, { email: 'new@example.com', name: 'New', wait: 10 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.body.timeout)).toEqual([
			{ days: 0, hours: 0, minutes: 5 },
			{ days: 0, hours: 0, minutes: 10 },
		]);
		expect(result.items[0].json.result).toEqual([JOHN]);
	});

	test('Run as Background Task sends import_and_start_batch_task and outputs the task ID', async () => {
		const result = await ctx.run(bulkImport({ options: { backgroundTask: true } }), rows(2));
		expect(ctx.sandbox.requests[0].path).toBe(`${BATCH}_task`);
		expect(ctx.sandbox.requests[0].body.trigger_id).toBe(84);
		expect(result.items[0].json.launch).toMatchObject({ backgroundTask: true, taskId: 1001, profiles: 2 });
	});

	test('XML: the profiles travel as nested <data> elements', async () => {
		const result = await ctx.run(
			bulkImport({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><data><email>john@example.com</email><_fname>John</_fname></data></data>',
		);
		expect(result.items[0].json.result).toEqual([JOHN]);
	});

	test('with Continue On Fail a bad row is its own error item and the others are imported', async () => {
		const result = await ctx.run(
			bulkImport(),
			json({ email: 'a@example.com' }, { name: 'no email' }, { email: 'c@example.com' }),
			{ continueOnFail: true },
		);
		expect(ctx.sandbox.requests[0].body.data.map((element: { email: string }) => element.email)).toEqual([
			'a@example.com',
			'c@example.com',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }], { item: 1 }]);
	});

	test('a re-run with the same Idempotency Key and more rows imports and launches only the new profiles', async () => {
		const params = bulkImport({ options: { idempotencyKey: 'signups-2026-01-15', profilesPerRequest: 2 } });
		await ctx.run(params, rows(4), { workflowId: 'wf-import-rerun' });
		const again = await ctx.run(params, rows(5), { workflowId: 'wf-import-rerun' });
		expect(again.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(5);
		expect(ctx.sandbox.requests.at(-1)?.body.data.map((element: { email: string }) => element.email)).toEqual([
			'user4@example.com',
		]);
	});
});
