import type { IDataObject } from 'n8n-workflow';
import { json, launchParams, useSandbox, nodeOptions } from '../../helpers/fixture';

const ctx = useSandbox();
const bulk = (extra: object = {}) =>
	launchParams({
		launchMode: 'batch',
		itemCustomData: 'fields',
		itemCustomDataValues: { values: [{ name: 'order_id', value: '={{ $json.order }}' }] },
		...extra,
	});
const JOHN = '6606e08f10bcdd88297057a7';
const JANE = 'abcdefghijklmnqrstuvwxyz';
const data = () => ctx.sandbox.requests.map((request) => request.body.data);

describe('Launch Mode: Bulk (Each Item Its Own Data)', () => {
	test('2,500 items make 3 start_batch requests of 1,000/1,000/500, each item with its own custom data', async () => {
		const rows = Array.from({ length: 2500 }, (_, i) => ({ email: `user${i}@example.com`, order: `A-${i}` }));
		const result = await ctx.run(bulk(), json(...rows));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual(
			Array(3).fill('/api/v1.1/campaigns/triggers/start_batch'),
		);
		expect(data().map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(data().flat()).toEqual(rows.map((row) => ({ email: row.email, custom_data: { order_id: row.order } })));
		expect(ctx.sandbox.requests[0].body).toMatchObject({ trigger_id: 84, matching: 'email' });
		expect(ctx.sandbox.requests[0].body.id).toBeUndefined();
		// One item per input item, paired with it, with its recipient and its request's outcome.
		expect(result.items).toHaveLength(2500);
		expect(result.items.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(result.items.map((item) => item.json.email)).toEqual(rows.map((row) => row.email));
		expect(result.items[0].json).toEqual({
			launched: false,
			email: 'user0@example.com',
			triggerMailingId: 84,
			matching: 'email',
			request: {
				number: 1,
				of: 3,
				items: 1000,
				profiles: 1000,
				profilesLaunched: 0,
				requestId: ctx.sandbox.requests[0].requestId,
				duplicate: false,
				attempts: 1,
			},
			response: { error: 0, error_text: 'Successful operation' },
		});
		expect([result.items[1000].json.request, result.items[2499].json.request]).toEqual([
			expect.objectContaining({ number: 2, profiles: 1000, requestId: ctx.sandbox.requests[1].requestId }),
			expect.objectContaining({ number: 3, profiles: 500, requestId: ctx.sandbox.requests[2].requestId }),
		]);
	});

	test.each([
		['in the body', 'body' as const],
		['in the Authorization header', 'header' as const],
	])('the body Altcraft receives is the JSON of the request, token %s', async (_name, authPlacement) => {
		const rows = [
			{ email: 'john@example.com', order: 'quote " and \\ and ünïcode' },
			{ email: 'jane@example.com', order: 'A-2' },
		];
		const result = await ctx.run(bulk(), json(...rows), {
			credentials: { apiUrl: ctx.sandbox.url, apiToken: ctx.sandbox.token, authPlacement },
		});
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.response?.status).toBe(200);
		const fields = { trigger_id: 84, matching: 'email' };
		const data = rows.map((row) => ({ email: row.email, custom_data: { order_id: row.order } }));
		const token = authPlacement === 'body' ? { token: ctx.sandbox.token } : {};
		expect(request.rawBody).toBe(JSON.stringify({ ...token, ...fields, data }));
		expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
	});

	test('Output "One Item per Request": one item per request, paired with all its items, with the whole answer', async () => {
		const rows = Array.from({ length: 5 }, (_, i) => ({
			email: i < 2 ? ['john@example.com', 'jane@example.com'][i] : `u${i}@example.com`,
			order: i,
		}));
		const result = await ctx.run(bulk({ options: { output: 'eachRequest', profilesPerRequest: 3 } }), json(...rows));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			[{ item: 0 }, { item: 1 }, { item: 2 }],
			[{ item: 3 }, { item: 4 }],
		]);
		expect(result.items[0].json).toEqual({
			triggerMailingId: 84,
			matching: 'email',
			request: { number: 1, of: 2, items: 3, profiles: 3, profilesLaunched: 2 },
			requestId: ctx.sandbox.requests[0].requestId,
			duplicate: false,
			attempts: 1,
			response: { error: 0, error_text: 'Successful operation', result: [JOHN, JANE] },
		});
	});

	test("the answer's result says which profiles got the message", async () => {
		const result = await ctx.run(
			bulk(),
			json(
				{ email: 'john@example.com', order: 1 },
				{ email: 'nobody@example.com', order: 2 },
				{ email: 'jane@example.com', order: 3 },
			),
		);
		// Email matching: the IDs cannot be matched to rows, and each row says so.
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json).toMatchObject({ launched: null, request: { profiles: 3, profilesLaunched: 2, items: 3 } });
			expect(item.json.note).toMatch(/not which row each belongs to/);
		}
	});

	test("a request that carried one row alone: its result is that row's profile ID", async () => {
		const result = await ctx.run(
			bulk({ content: 'fields', contentValues: { values: [{ name: 't', value: '={{ $json.order }}' }] } }),
			json({ email: 'john@example.com', order: 1 }, { email: 'nobody@example.com', order: 2 }),
		);
		expect(
			result.items.map((item) => [item.json.email, item.json.launched, item.json.profileId, item.json.note]),
		).toEqual([
			['john@example.com', true, JOHN, undefined],
			['nobody@example.com', false, undefined, undefined],
		]);
	});

	test('with Profile ID matching, each item gets its own output saying whether its profile was launched', async () => {
		const result = await ctx.run(
			bulk({ matching: 'profile_id', profileId: '={{ $json.id }}' }),
			json({ id: JOHN, order: 1 }, { id: '000000000000000000000000', order: 2 }, { id: JANE, order: 3 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(result.items.map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 0 },
				expect.objectContaining({
					profileId: JOHN,
					launched: true,
					request: expect.objectContaining({ number: 1, of: 1 }),
				}),
			],
			[{ item: 1 }, expect.objectContaining({ profileId: '000000000000000000000000', launched: false })],
			[{ item: 2 }, expect.objectContaining({ profileId: JANE, launched: true })],
		]);
		expect(result.items.some((item) => 'note' in item.json)).toBe(false);
		// The answer's list of every profile is not repeated on each item.
		expect(result.items[0].json.response).toEqual({ error: 0, error_text: 'Successful operation' });
	});

	test.each([
		['phone', { phone: '={{ $json.v }}' }, '+79000000001', { phone: '+79000000001' }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.v }}' }, 123421, { field_value: 123421 }],
	])('%s matching puts its key in each element', async (matching, fields, v, element) => {
		const result = await ctx.run(bulk({ matching, ...fields }), json({ v, order: 7 }));
		expect(result.error).toBeUndefined();
		expect(data()).toEqual([[{ ...element, custom_data: { order_id: 7 } }]]);
		expect(result.items[0].json).toMatchObject({ launched: true, profileId: JANE, request: { profilesLaunched: 1 } });
		if (matching === 'custom') expect(ctx.sandbox.requests[0].body.field_name).toBe('CRM_ID');
	});

	test("content and shared custom data go once per request; the item's own data stays in its element", async () => {
		await ctx.run(
			bulk({
				content: 'fields',
				contentValues: { values: [{ name: 'title', value: 'Spring sale' }] },
				customData: 'fields',
				customDataValues: { values: [{ name: 'source', value: 'n8n' }] },
				itemCustomData: 'json',
				itemCustomDataJson: '={{ JSON.stringify({ order_id: $json.order }) }}',
			}),
			json({ email: 'a@example.com', order: 1 }, { email: 'b@example.com', order: 2 }),
		);
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(ctx.sandbox.requests[0].body).toMatchObject({
			content: { title: 'Spring sale' },
			custom_data: { source: 'n8n' },
			data: [
				{ email: 'a@example.com', custom_data: { order_id: 1 } },
				{ email: 'b@example.com', custom_data: { order_id: 2 } },
			],
		});
	});

	test("items whose content differs get requests of their own, never another item's content", async () => {
		const result = await ctx.run(
			bulk({ content: 'fields', contentValues: { values: [{ name: 'title', value: '={{ $json.title }}' }] } }),
			json(
				{ email: 'a@example.com', title: 'Sale' },
				{ email: 'b@example.com', title: 'News' },
				{ email: 'c@example.com', title: 'Sale' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(
			ctx.sandbox.requests.map((request) => [
				request.body.content.title,
				request.body.data.map((e: { email: string }) => e.email),
			]),
		).toEqual([
			['Sale', ['a@example.com', 'c@example.com']],
			['News', ['b@example.com']],
		]);
		expect(result.items.map((item) => [item.pairedItem, item.json.request])).toEqual([
			[{ item: 0 }, expect.objectContaining({ number: 1, items: 2 })],
			[{ item: 1 }, expect.objectContaining({ number: 2, items: 1 })],
			[{ item: 2 }, expect.objectContaining({ number: 1, items: 2 })],
		]);
	});

	test('a chunk never passes the 10 MB body limit, whatever Profiles per Request says', async () => {
		const big = 'x'.repeat(3 * 1024 * 1024);
		const result = await ctx.run(
			bulk({ options: { maxParallel: 1 } }),
			json(...[1, 2, 3, 4].map((i) => ({ email: `u${i}@example.com`, order: big }))),
		);
		expect(result.error).toBeUndefined();
		expect(data().map((chunk) => chunk.length)).toEqual([3, 1]);
		for (const request of ctx.sandbox.requests)
			expect(Buffer.byteLength(request.rawBody)).toBeLessThan(10 * 1024 * 1024);
	});

	test('Run as Background Task sends start_batch_task with id and outputs the task ID', async () => {
		const result = await ctx.run(
			bulk({ options: { backgroundTask: true } }),
			json({ email: 'john@example.com', order: 1 }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe('/api/v1.1/campaigns/triggers/start_batch_task');
		expect(request.body).toMatchObject({ id: 84, matching: 'email' });
		expect(request.body.trigger_id).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			launched: null,
			email: 'john@example.com',
			request: { backgroundTask: true, taskId: 1001, profiles: 1, items: 1 },
		});
		expect(result.items[0].json.note).toMatch(/background task/);
	});

	test('XML: a single profile in result still comes out as a list', async () => {
		const result = await ctx.run(
			bulk({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', order: 1 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><custom_data><order_id>1</order_id></custom_data></data>',
		);
		expect(result.items[0].json).toMatchObject({ launched: true, profileId: JOHN, request: { profilesLaunched: 1 } });
		const perRequest = await ctx.run(
			bulk({ options: { requestFormat: 'xml', output: 'eachRequest' } }),
			json({ email: 'john@example.com', order: 1 }),
		);
		expect((perRequest.items[0].json.response as { result: string[] }).result).toEqual([JOHN]);
	});

	test('a custom query left from an older workflow cannot be a bulk launch', async () => {
		const result = await ctx.run(bulk({ matching: 'customQuery', customRequest: '{"a": 1}' }), json({}));
		expect(result.error?.message).toBe(
			'Custom Query cannot be combined with Launch Mode "Own Data per Item, Sent in Bulk"',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('Bulk launch: bad input', () => {
	test('an item without an email stops the run before anything is sent, naming item and field', async () => {
		const result = await ctx.run(bulk(), json({ email: 'a@example.com' }, { name: 'no email' }));
		expect(result.error?.message).toBe('Email is empty for item 1');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, the bad item becomes its error item and the others still go', async () => {
		const result = await ctx.run(
			bulk(),
			json({ email: 'a@example.com', order: 1 }, { email: 'oops' }, { email: 'c@example.com', order: 3 }),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(data()).toEqual([
			[
				{ email: 'a@example.com', custom_data: { order_id: 1 } },
				{ email: 'c@example.com', custom_data: { order_id: 3 } },
			],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => item.json.email)).toEqual(['a@example.com', undefined, 'c@example.com']);
		expect(result.items[1].json.error).toMatch(/"oops".*item 1/);
	});

	test('a custom data name that cannot be sent is refused, naming item and field', async () => {
		const result = await ctx.run(
			bulk({ itemCustomDataValues: { values: [{ name: '__proto__', value: 'x' }] } }),
			json({ email: 'a@example.com' }),
		);
		expect(result.error?.message).toBe(
			'Recipient Custom Data name "__proto__" cannot be used as a field name (item 0)',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an item whose own data is over 10 MB is refused before anything is sent', async () => {
		const result = await ctx.run(
			bulk(),
			json({ email: 'a@example.com', order: 'x' }, { email: 'b@example.com', order: 'x'.repeat(11 * 1024 * 1024) }),
		);
		expect(result.error?.message).toMatch(
			/^The element of data of item 1 is 11\.0 MB, over Altcraft's 10 MB request limit$/,
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Altcraft refusing a request is reported for every item it carried', async () => {
		const result = await ctx.run(
			bulk({ triggerMailing: { __rl: true, mode: 'id', value: '101' } }),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }),
			{ continueOnFail: true },
		);
		// One failure item per input item, each paired with its own input.
		expect(result.items).toEqual(
			[0, 1].map((item) => ({
				json: expect.objectContaining({ error: expect.stringMatching(/not active/), httpCode: expect.anything() }),
				pairedItem: { item },
			})),
		);
	});
});

describe('Bulk launch: exactly once', () => {
	const keyed = bulk({ options: { idempotencyKey: 'import-2026-01-15', profilesPerRequest: 2 } });
	const rows = (n: number) =>
		json(...Array.from({ length: n }, (_, i) => ({ email: `user${i}@example.com`, order: i })));

	test('a re-run with the same Idempotency Key and more items sends only the new profiles', async () => {
		// The same workflow, as a user runs it again (test/engine/exactly-once.test.ts has every case).
		await ctx.run(keyed, rows(4), { workflowId: 'wf-bulk-rerun' });
		expect(ctx.sandbox.launches).toHaveLength(4);
		const result = await ctx.run(keyed, rows(5), { workflowId: 'wf-bulk-rerun' });
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches.map((launch) => launch.target).sort()).toEqual(
			[0, 1, 2, 3, 4].map((i) => `user${i}@example.com`),
		);
		// One item per input item: the four remembered rows say so, each paired with its own input.
		expect(
			result.items.map((item) => [item.pairedItem, item.json.email, item.json.launched, item.json.alreadySent]),
		).toEqual([
			...[0, 1, 2, 3].map((i) => [{ item: i }, `user${i}@example.com`, false, true]),
			// Sent now; the sandbox has no such profile, so Altcraft's answer lists none.
			[{ item: 4 }, 'user4@example.com', false, undefined],
		]);
		expect(result.items[0].json).toMatchObject({ duplicate: true, requestId: null, attempts: 0 });
		expect(result.items[0].json).not.toHaveProperty('response');
		expect((result.items[4].json.request as IDataObject).duplicate).toBe(false);
	});

	test('Request-IDs differ between requests and depend on the profiles, not on their order or data', async () => {
		const four = bulk({ options: { idempotencyKey: 'import-2026-01-15', profilesPerRequest: 4 } });
		await ctx.run(four, rows(12));
		const ids = ctx.sandbox.requests.map((request) => request.requestId);
		expect(new Set(ids).size).toBe(ids.length);
		ctx.sandbox.reset();
		// Nothing remembered (another workflow): the same profiles, reordered and with other data,
		// make the same requests, which Altcraft answers as duplicates.
		const reordered = Array.from({ length: 12 }, (_, i) => ({ email: `user${11 - i}@example.com`, order: i + 100 }));
		await ctx.run(four, json(...reordered));
		expect(ctx.sandbox.requests.map((request) => request.requestId).sort()).toEqual([...ids].sort());
	});

	test('a retry after a lost answer reuses the Request-ID: the profiles are launched once', async () => {
		ctx.sandbox.inject({ reset: 'after', path: '/api/v1.1/campaigns/triggers/start_batch' });
		const result = await ctx.run(
			bulk({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com', order: 1 }, { email: 'jane@example.com', order: 2 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(ctx.sandbox.launches).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({
			request: { profilesLaunched: 2, duplicate: true, attempts: 2 },
			response: { error: 0 },
		});
	});
});
