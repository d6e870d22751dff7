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
		// One item per row, paired with it. Email matching: which profile ID is whose cannot be told.
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 2500 }, (_, item) => ({ item })));
		expect(result.items[0].json).toEqual({
			imported: null,
			launched: null,
			matching: 'email',
			email: 'user0@example.com',
			note: expect.stringMatching(/not which row each belongs to/),
			triggerMailingId: 84,
			request: {
				number: 1,
				of: 3,
				items: 1000,
				profiles: 1000,
				profilesLaunched: 1000,
				requestId: ctx.sandbox.requests[0].requestId,
				duplicate: false,
				attempts: 1,
			},
			response: { error: 0, error_text: 'Successful operation' },
		});
		expect(result.items[2499].json).toMatchObject({
			email: 'user2499@example.com',
			request: { number: 3, profiles: 500 },
		});
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
		// Each request carried one row alone: its answer's profile ID is that row's.
		expect(result.items.map((item) => [item.json.email, item.json.imported, item.json.launched])).toEqual([
			['john@example.com', true, true],
			['new@example.com', true, true],
		]);
		expect(result.items[0].json.profileId).toBe(JOHN);
		expect(result.items[1].json.profileId).toBe(ctx.sandbox.requests[1].response?.body.result[0]);
	});

	test('Profile ID matching: each row is told by its own profile ID', async () => {
		const JANE = 'abcdefghijklmnqrstuvwxyz';
		const result = await ctx.run(
			bulkImport({ matching: 'profile_id', profileId: '={{ $json.id }}' }),
			json({ id: JOHN, email: 'john@example.com' }, { id: JANE, email: 'jane@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(
			result.items.map((item) => [item.pairedItem, item.json.profileId, item.json.imported, item.json.launched]),
		).toEqual([
			[{ item: 0 }, JOHN, true, true],
			[{ item: 1 }, JANE, true, true],
		]);
		expect(result.items.some((item) => 'note' in item.json)).toBe(false);
	});

	test('Run as Background Task sends import_and_start_batch_task and outputs the task ID', async () => {
		const result = await ctx.run(bulkImport({ options: { backgroundTask: true } }), rows(2));
		expect(ctx.sandbox.requests[0].path).toBe(`${BATCH}_task`);
		expect(ctx.sandbox.requests[0].body.trigger_id).toBe(84);
		expect(result.items.map((item) => item.json)).toEqual(
			[0, 1].map((i) =>
				expect.objectContaining({
					imported: null,
					launched: null,
					email: `user${i}@example.com`,
					note: expect.stringMatching(/background task/),
					request: expect.objectContaining({ backgroundTask: true, taskId: 1001, profiles: 2, items: 2 }),
				}),
			),
		);
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
		expect(result.items[0].json).toMatchObject({ imported: true, launched: true, profileId: JOHN });
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
		expect(result.items.map((item) => [item.pairedItem, item.json.email, typeof item.json.error])).toEqual([
			[{ item: 0 }, 'a@example.com', 'undefined'],
			[{ item: 1 }, undefined, 'string'],
			[{ item: 2 }, 'c@example.com', 'undefined'],
		]);
	});

	test('a re-run with the same Idempotency Key and more rows imports and launches only the new profiles', async () => {
		const params = bulkImport({ options: { idempotencyKey: 'signups-2026-01-15', profilesPerRequest: 2 } });
		await ctx.run(params, rows(4), { workflowId: 'wf-import-rerun' });
		const again = await ctx.run(params, rows(5), { workflowId: 'wf-import-rerun' });
		expect(again.error).toBeUndefined();
		expect(
			again.items.map((item) => [item.pairedItem, item.json.email, item.json.imported, item.json.alreadySent]),
		).toEqual([
			...[0, 1, 2, 3].map((i) => [{ item: i }, `user${i}@example.com`, false, true]),
			[{ item: 4 }, 'user4@example.com', true, undefined],
		]);
		expect(ctx.sandbox.launches).toHaveLength(5);
		expect(ctx.sandbox.requests.at(-1)?.body.data.map((element: { email: string }) => element.email)).toEqual([
			'user4@example.com',
		]);
	});
});
