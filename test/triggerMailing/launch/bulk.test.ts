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
		// Per request: the counts and Altcraft's result, paired with every item it carried.
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.json.launch)).toEqual([
			expect.objectContaining({
				triggerMailingId: 84,
				matching: 'email',
				bulk: true,
				profiles: 1000,
				launched: 0,
				items: 1000,
				request: 1,
				requests: 3,
			}),
			expect.objectContaining({ profiles: 1000, request: 2 }),
			expect.objectContaining({ profiles: 500, request: 3 }),
		]);
		const paired = result.items.flatMap((item) => (item.pairedItem as Array<{ item: number }>).map((p) => p.item));
		expect(paired).toEqual(rows.map((_, i) => i));
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
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			error: 0,
			result: [JOHN, JANE],
			launch: { profiles: 3, launched: 2, items: 3 },
		});
	});

	test('with Profile ID matching, each item gets its own output saying whether its profile was launched', async () => {
		const result = await ctx.run(
			bulk({ matching: 'profile_id', profileId: '={{ $json.id }}' }),
			json({ id: JOHN, order: 1 }, { id: '000000000000000000000000', order: 2 }, { id: JANE, order: 3 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(result.items.map((item) => [item.pairedItem, item.json.launch])).toEqual([
			[{ item: 0 }, expect.objectContaining({ profileId: JOHN, launched: true, request: 1, requests: 1 })],
			[{ item: 1 }, expect.objectContaining({ profileId: '000000000000000000000000', launched: false })],
			[{ item: 2 }, expect.objectContaining({ profileId: JANE, launched: true })],
		]);
		expect(result.items[0].json.result).toBeUndefined();
	});

	test.each([
		['phone', { phone: '={{ $json.v }}' }, '+79000000001', { phone: '+79000000001' }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.v }}' }, 123421, { field_value: 123421 }],
	])('%s matching puts its key in each element', async (matching, fields, v, element) => {
		const result = await ctx.run(bulk({ matching, ...fields }), json({ v, order: 7 }));
		expect(result.error).toBeUndefined();
		expect(data()).toEqual([[{ ...element, custom_data: { order_id: 7 } }]]);
		expect(result.items[0].json.result).toEqual([JANE]);
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
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }], [{ item: 1 }]]);
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
		expect(result.items[0].json.launch).toMatchObject({ backgroundTask: true, taskId: 1001, profiles: 1, items: 1 });
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
		expect(result.items[0].json.result).toEqual([JOHN]);
	});

	test('a custom query cannot be a bulk launch', async () => {
		const result = await ctx.run(bulk({ matching: 'customQuery', customRequest: '{"a": 1}' }), json({}));
		expect(result.error?.message).toBe('Custom Query cannot be combined with Launch Mode "Bulk"');
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
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }], { item: 1 }]);
		expect(result.items[1].json.error).toMatch(/"oops".*item 1/);
	});

	test('a custom data name that cannot be sent is refused, naming item and field', async () => {
		const result = await ctx.run(
			bulk({ itemCustomDataValues: { values: [{ name: '__proto__', value: 'x' }] } }),
			json({ email: 'a@example.com' }),
		);
		expect(result.error?.message).toBe('Item Custom Data name "__proto__" cannot be used as a field name (item 0)');
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
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ error: expect.stringMatching(/not active/) }),
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
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
		expect(result.items.map((item) => (item.json.launch as IDataObject).alreadySent ?? false)).toContain(true);
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
		expect(result.items[0].json).toMatchObject({ result: [JOHN, JANE], launch: { duplicate: true, attempts: 2 } });
	});
});
