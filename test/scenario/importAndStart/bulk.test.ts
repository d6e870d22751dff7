import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const BATCH = '/api/v1.1/workflows/import_and_start_batch';

const bulkParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'scenario',
	operation: 'importAndStart',
	launchMode: 'batch',
	scenario: { __rl: true, mode: 'id', value: '11' },
	matching: 'email',
	email: '={{ $json.email }}',
	profileFields: { _fname: '={{ $json.name }}' },
	...extra,
});
const rows = (n: number, extra: object = {}) =>
	json(...Array.from({ length: n }, (_, i) => ({ email: `user${i}@example.com`, name: `User ${i}`, ...extra })));

describe('Scenario → Import Profile and Start, Bulk', () => {
	test('2,500 rows make 3 import_and_start_batch requests; one output per row, paired, saying what the answer tells', async () => {
		const result = await ctx.run(bulkParams(), rows(2500));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => [request.path, request.body.data.length])).toEqual([
			[BATCH, 1000],
			[BATCH, 1000],
			[BATCH, 500],
		]);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ workflow_id: 11, matching: 'email' });
		expect(ctx.sandbox.requests[0].body.data[0]).toEqual({
			email: 'user0@example.com',
			data: { email: 'user0@example.com', _fname: 'User 0' },
		});
		expect(result.items).toHaveLength(2500);
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 2500 }, (_, i) => ({ item: i })));
		// Email matching: the answer's profile IDs cannot be matched to rows (docs/output.md), and the row says so.
		expect(result.items[1500].json).toEqual({
			imported: null,
			started: null,
			matching: 'email',
			email: 'user1500@example.com',
			note: expect.stringMatching(/not which row each belongs to/),
			scenarioId: 11,
			request: {
				number: 2,
				of: 3,
				items: 1000,
				profiles: 1000,
				profilesLaunched: 1000,
				requestId: ctx.sandbox.requests[1].requestId,
				duplicate: false,
				attempts: 1,
			},
			response: { error: 0, error_text: 'Successful operation' },
		});
		expect(result.items[2499].json).toMatchObject({
			email: 'user2499@example.com',
			request: { number: 3, profiles: 500 },
		});
		expect(ctx.sandbox.operations).toHaveLength(2500);
	});

	test('Profile ID matching: each row is told by its own profile ID', async () => {
		const JANE = 'abcdefghijklmnqrstuvwxyz';
		const result = await ctx.run(
			bulkParams({ matching: 'profile_id', profileId: '={{ $json.id }}' }),
			json({ id: JOHN, email: 'john@example.com' }, { id: JANE, email: 'jane@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(
			result.items.map((item) => [item.pairedItem, item.json.profileId, item.json.imported, item.json.started]),
		).toEqual([
			[{ item: 0 }, JOHN, true, true],
			[{ item: 1 }, JANE, true, true],
		]);
		expect(result.items.some((item) => 'note' in item.json)).toBe(false);
	});

	test('Output: One Item per Request keeps one item per request, paired with its rows, with the whole answer', async () => {
		const result = await ctx.run(bulkParams({ options: { output: 'eachRequest', profilesPerRequest: 2 } }), rows(3));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }]]);
		expect(result.items[0].json).toEqual({
			scenarioId: 11,
			matching: 'email',
			request: { number: 1, of: 2, items: 2, profiles: 2, profilesLaunched: 2 },
			requestId: ctx.sandbox.requests[0].requestId,
			duplicate: false,
			attempts: 1,
			response: ctx.sandbox.requests[0].response?.body,
		});
		expect((result.items[0].json.response as { result: string[] }).result).toHaveLength(2);
	});

	test('rows asking for different request-level fields (content, database) go in requests of their own', async () => {
		const result = await ctx.run(
			bulkParams({
				content: 'fields',
				contentValues: { values: [{ name: 'plan', value: '={{ $json.plan }}' }] },
				additionalFields: { database: { __rl: true, mode: 'id', value: '={{ $json.db }}' } },
				options: { maxParallel: 1 },
			}),
			json(
				{ email: 'a@example.com', plan: 'pro', db: '1' },
				{ email: 'b@example.com', plan: 'free', db: '1' },
				{ email: 'c@example.com', plan: 'pro', db: '1' },
				{ email: 'd@example.com', plan: 'pro', db: '3' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(
			ctx.sandbox.requests.map((request) => [
				request.body.content.plan,
				request.body.db_id,
				request.body.data.map((element: { email: string }) => element.email),
			]),
		).toEqual([
			['pro', 1, ['a@example.com', 'c@example.com']],
			['free', 1, ['b@example.com']],
			['pro', 3, ['d@example.com']],
		]);
		expect(result.items.map((item) => [item.pairedItem, (item.json.request as { number: number }).number])).toEqual([
			[{ item: 0 }, 1],
			[{ item: 1 }, 2],
			[{ item: 2 }, 1],
			[{ item: 3 }, 3],
		]);
	});

	test('Profiles per Request caps the profiles of one request', async () => {
		const result = await ctx.run(bulkParams({ options: { profilesPerRequest: 2 } }), rows(5));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.body.data.length)).toEqual([2, 2, 1]);
	});

	test('the 10 MB body limit splits a request before the profile count does', async () => {
		// 4 profiles of about 3 MB each: at most 3 fit in 10 MB (with the request's own fields).
		const big = 'x'.repeat(3 * 1024 * 1024);
		const result = await ctx.run(
			bulkParams({
				customFields: 'fields',
				customFieldsValues: { values: [{ name: 'Notes', value: '={{ $json.notes }}' }] },
				options: { maxParallel: 1 },
			}),
			rows(4, { notes: big }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.body.data.length)).toEqual([3, 1]);
		for (const request of ctx.sandbox.requests)
			expect(Buffer.byteLength(request.rawBody)).toBeLessThanOrEqual(10 * 1024 * 1024);
	});

	test('Run as Background Task: _batch_task; each row says the answer cannot tell it, with the task ID', async () => {
		const result = await ctx.run(bulkParams({ options: { backgroundTask: true } }), rows(2));
		expect(ctx.sandbox.requests[0].path).toBe(`${BATCH}_task`);
		expect(ctx.sandbox.requests[0].body.workflow_id).toBe(11);
		expect(result.items.map((item) => item.json)).toEqual(
			[0, 1].map((i) =>
				expect.objectContaining({
					imported: null,
					started: null,
					email: `user${i}@example.com`,
					note: expect.stringMatching(/background task/),
					request: expect.objectContaining({ backgroundTask: true, taskId: 1001, profiles: 2, items: 2 }),
				}),
			),
		);
	});

	test('an answer that lists fewer profile IDs: a row whose own ID is missing was not started', async () => {
		const JANE = 'abcdefghijklmnqrstuvwxyz';
		ctx.sandbox.inject({
			path: BATCH,
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ error: 0, error_text: 'Successful operation', result: [JOHN] }),
		});
		const result = await ctx.run(
			bulkParams({ matching: 'profile_id', profileId: '={{ $json.id }}' }),
			json({ id: JOHN, email: 'john@example.com' }, { id: JANE, email: 'jane@example.com' }),
		);
		expect(result.items.map((item) => [item.json.profileId, item.json.imported, item.json.started])).toEqual([
			[JOHN, true, true],
			[JANE, null, false],
		]);
		expect(result.items[1].json.request).toMatchObject({ profiles: 2, profilesLaunched: 1 });
	});

	test('XML: the profiles travel as nested <data> elements; result read as a list', async () => {
		const result = await ctx.run(
			bulkParams({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><data><email>john@example.com</email><_fname>John</_fname></data></data>',
		);
		// One row alone in its request: the answer's one profile ID is that row's.
		expect(result.items[0].json).toMatchObject({ imported: true, started: true, profileId: JOHN });
	});

	test('Dry Run: every row shows its request, the body once on its first row; nothing is sent', async () => {
		const result = await ctx.run(bulkParams({ options: { dryRun: true } }), rows(3));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			request: { body: { workflow_id: 11, data: [{ email: 'user0@example.com' }, {}, {}] } },
		});
		expect(result.items[2].json).toMatchObject({
			dryRun: true,
			imported: false,
			started: false,
			email: 'user2@example.com',
			request: { number: 1, items: 3, url: expect.stringMatching(/workflows\/import_and_start_batch$/) },
		});
		expect((result.items[2].json.request as object & { body?: unknown }).body).toBeUndefined();
	});

	test('a bad row is refused before anything is sent; with Continue On Fail it is its own error item', async () => {
		const input = json({ email: 'a@example.com' }, { name: 'no email' }, { email: 'c@example.com' });
		const refused = await ctx.run(bulkParams(), input);
		expect(refused.error?.message).toBe('Email is empty for item 1');
		expect(ctx.sandbox.requests).toHaveLength(0);
		const result = await ctx.run(bulkParams(), input, { continueOnFail: true });
		expect(ctx.sandbox.requests[0].body.data.map((element: { email: string }) => element.email)).toEqual([
			'a@example.com',
			'c@example.com',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => [item.pairedItem, item.json.email, typeof item.json.error])).toEqual([
			[{ item: 0 }, 'a@example.com', 'undefined'],
			[{ item: 1 }, undefined, 'string'],
			[{ item: 2 }, 'c@example.com', 'undefined'],
		]);
		expect(result.items[1].json.error).toBe('Email is empty for item 1');
	});

	test('a re-run with the same Idempotency Key and more rows sends only the request with new profiles', async () => {
		const params = bulkParams({ options: { idempotencyKey: 'leads-2026-01-15', profilesPerRequest: 2 } });
		await ctx.run(params, rows(4));
		const again = await ctx.run(params, rows(5));
		expect(again.items.map((item) => (item.json.request as { duplicate: boolean }).duplicate)).toEqual([
			true,
			true,
			true,
			true,
			false,
		]);
		expect(ctx.sandbox.operations).toHaveLength(5);
	});
});
