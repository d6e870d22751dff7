import type { INodeParameters } from 'n8n-workflow';
import { json, nodeOptions, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const PATH = '/api/v1.1/goals/register';

const goalParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'event',
	operation: 'registerGoal',
	database: { __rl: true, mode: 'id', value: '1' },
	pixelId: '1',
	matching: 'email',
	email: '={{ $json.email }}',
	goal: 'purchase',
	goalValue: '={{ $json.amount }}',
	...extra,
});

describe('Register Goal', () => {
	test('an order paid: the goal with its amount is recorded on the profile; the output says so, then the answer', async () => {
		const result = await ctx.run(
			goalParams({
				pixelData: 'fields',
				pixelDataValues: {
					values: [
						{ name: 'order_id', value: '={{ $json.order }}' },
						{ name: 'items', value: '={{ $json.items }}' },
					],
				},
				additionalFields: { eventTime: '2026-02-22T21:00:00+03:00', skipTriggers: true, isTest: true },
			}),
			json({ email: 'john@example.com', amount: 49.9, order: 'A-1001', items: 2 }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe(PATH);
		expect(request.body).toEqual({
			token: ctx.sandbox.token,
			db_id: 1,
			pixel_id: 1,
			matching: 'email',
			email: 'john@example.com',
			goal: 'purchase',
			value: 49.9,
			date: '2026-02-22T18:00:00Z',
			pixel_data: { order_id: 'A-1001', items: 2 },
			skip_triggers: true,
			is_test: true,
		});
		expect(ctx.sandbox.profile(JOHN)?.goals).toEqual([
			{ pixel_id: 1, goal: 'purchase', value: 49.9, date: '2026-02-22T18:00:00Z' },
		]);
		expect(result.items).toEqual([
			{
				json: {
					registered: true,
					matching: 'email',
					email: 'john@example.com',
					databaseId: 1,
					pixelId: 1,
					goals: [{ goal: 'purchase', value: 49.9 }],
					requestId: request.requestId,
					duplicate: false,
					attempts: 1,
					response: { error: 0, error_text: 'Successful operation' },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(Object.keys(result.items[0].json)[0]).toBe('registered');
	});

	test('several goals for one profile go as goals in one request; a goal without a value has none', async () => {
		const result = await ctx.run(
			goalParams({
				goalValue: '',
				additionalFields: { moreGoals: { goal: [{ name: 'first_order', value: '1' }, { name: 'newsletter' }] } },
			}),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(ctx.sandbox.requests[0].body.goals).toEqual([
			{ goal: 'purchase' },
			{ goal: 'first_order', value: 1 },
			{ goal: 'newsletter' },
		]);
		expect(ctx.sandbox.requests[0].body.goal).toBeUndefined();
		expect(ctx.sandbox.profile(JOHN)?.goals?.map((goal) => goal.goal)).toEqual([
			'purchase',
			'first_order',
			'newsletter',
		]);
	});

	test.each([
		['phone', { phone: '+7 900 000-00-00' }, { matching: 'phone', phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { matching: 'profile_id', profile_id: JOHN }],
		['email_profile', {}, { matching: 'email_profile', email: 'john@example.com' }],
		[
			'custom',
			{ fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' },
			{ matching: 'custom', field_name: 'CRM_ID', field_value: 123420 },
		],
	])('Identify Profile By %s sends its key', async (matching, extra, expected) => {
		const result = await ctx.run(
			goalParams({ matching, ...extra }),
			json({ email: 'john@example.com', crm: 123420, amount: 1 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject(expected);
		expect(ctx.sandbox.profile(JOHN)?.goals).toHaveLength(1);
	});

	test('Update Profile off sends enrich_profile false; not added, Altcraft decides (default true)', async () => {
		await ctx.run(
			goalParams({ additionalFields: { enrichProfile: false } }),
			json({ email: 'john@example.com', amount: 1 }),
		);
		await ctx.run(goalParams(), json({ email: 'john@example.com', amount: 1 }));
		expect(ctx.sandbox.requests.map((request) => request.body.enrich_profile)).toEqual([false, undefined]);
	});

	test.each([
		[
			'a time without zone, workflow zone Europe/Moscow',
			'2026-02-22T21:00:00',
			'Europe/Moscow',
			'2026-02-22T18:00:00Z',
		],
		['a time with its offset', '2026-02-22T21:00:00-05:00', 'Europe/Moscow', '2026-02-23T02:00:00Z'],
		['a date only, workflow zone America/New_York', '2026-02-22', 'America/New_York', '2026-02-22T05:00:00Z'],
	])('Event Time: %s', async (_label, eventTime, timezone, expected) => {
		const result = await ctx.run(
			goalParams({ additionalFields: { eventTime } }),
			json({ email: 'john@example.com', amount: 1 }),
			{ timezone },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body.date).toBe(expected);
	});

	test('Event Time from an expression giving a Luxon date-time', async () => {
		const result = await ctx.run(
			goalParams({ additionalFields: { eventTime: "={{ DateTime.fromISO($json.paidAt, { zone: 'Asia/Tokyo' }) }}" } }),
			json({ email: 'john@example.com', amount: 1, paidAt: '2026-02-22T09:00:00' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body.date).toBe('2026-02-22T00:00:00Z');
	});

	test('XML: the same goal as an XML body, answered in XML', async () => {
		const result = await ctx.run(
			goalParams({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', amount: 10.5 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain('<goal>purchase</goal><value>10.5</value>');
		expect(result.items[0].json).toMatchObject({ registered: true, response: { error: 0 } });
		expect(ctx.sandbox.profile(JOHN)?.goals).toEqual([{ pixel_id: 1, goal: 'purchase', value: 10.5 }]);
	});

	test('Dry Run: the request is shown, nothing is sent, and the item says nothing was registered', async () => {
		const result = await ctx.run(
			goalParams({ options: { dryRun: true } }),
			json({ email: 'john@example.com', amount: 5 }),
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			registered: false,
			email: 'john@example.com',
			request: { method: 'POST', url: expect.stringMatching(/\/api\/v1\.1\/goals\/register$/) },
			requestId: expect.any(String),
		});
		expect(result.items[0].json.response).toBeUndefined();
		expect(JSON.stringify(result.items[0].json)).not.toContain(ctx.sandbox.token);
	});

	test('many items are sent in parallel within Max Parallel Requests, output in input order', async () => {
		ctx.sandbox.inject({ delayMs: 100, path: PATH, times: 6 });
		const started = Date.now();
		const result = await ctx.run(
			goalParams({ options: { maxParallel: 3 } }),
			json(...Array.from({ length: 6 }, (_, i) => ({ email: 'john@example.com', amount: i }))),
		);
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.json.goals as Array<{ value: number }>)[0].value)).toEqual([
			0, 1, 2, 3, 4, 5,
		]);
		// Three at a time: two rounds of 100 ms, not six (one by one) and not one (all at once).
		expect(elapsed).toBeGreaterThanOrEqual(200);
		expect(elapsed).toBeLessThan(6 * 100);
		expect(ctx.sandbox.profile(JOHN)?.goals).toHaveLength(6);
	});
});

describe('Register Goal: bad input is refused before anything is sent', () => {
	const good = {
		email: 'john@example.com',
		amount: 1,
		goal: 'purchase',
		pixel: '1',
		when: '2026-02-22',
		pd: { a: 1 },
		note: 'ok',
	};
	test.each([
		[
			'nested Pixel Data (JSON)',
			{ pixelData: 'json', pixelDataJson: '={{ $json.pd }}' },
			{ pd: { key: 'value', array: [1, 2, 3] } },
			'Pixel Data "array" is a list; Altcraft takes only flat values (item 1)',
		],
		[
			'an object from an expression in Pixel Data',
			{ pixelData: 'fields', pixelDataValues: { values: [{ name: 'cart', value: '={{ $json.cart }}' }] } },
			{ cart: { sku: 'A' } },
			'Pixel Data "cart" is an object; Altcraft takes only flat values (item 1)',
		],
		[
			'Pixel Data over 1 KB',
			{ pixelData: 'fields', pixelDataValues: { values: [{ name: 'note', value: '={{ $json.note }}' }] } },
			{ note: 'x'.repeat(1014) },
			"Pixel Data is 1025 bytes, over Altcraft's 1 KB (1024 bytes) (item 1)",
		],
		['a goal value that is no number', {}, { amount: '49,90' }, 'Goal Value "49,90" is not a number (item 1)'],
		['an empty goal name', { goal: '={{ $json.goal }}' }, { goal: '' }, 'Goal Name is empty for item 1'],
		[
			'an Event Time that is no date',
			{ additionalFields: { eventTime: '={{ $json.when }}' } },
			{ when: '22.02.2026' },
			'Event Time "22.02.2026" is not a date-time (item 1)',
		],
		[
			'a pixel ID that is no number',
			{ pixelId: '={{ $json.pixel }}' },
			{ pixel: 'web' },
			'Pixel ID "web" is not a whole number (item 1)',
		],
		[
			'a reserved key in Pixel Data',
			{ pixelData: 'json', pixelDataJson: '={{ $json.pd }}' },
			{ pd: '{"__proto__": {"x": 1}}' },
			'Pixel Data (JSON) holds the key "__proto__", which cannot be sent (item 1)',
		],
	])('%s', async (_label, extra, bad, message) => {
		// Item 0 is fine, yet nothing goes out for it either: every item is checked before the first request.
		const result = await ctx.run(goalParams(extra as INodeParameters), json(good, { ...good, ...bad }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Pixel Data of exactly 1 KB is sent', async () => {
		// {"note":"…"} is 11 bytes around the text.
		const result = await ctx.run(
			goalParams({
				pixelData: 'fields',
				pixelDataValues: { values: [{ name: 'note', value: '={{ "x".repeat(1013) }}' }] },
			}),
			json({ email: 'john@example.com', amount: 1 }),
		);
		expect(result.error).toBeUndefined();
		expect(Buffer.byteLength(JSON.stringify(ctx.sandbox.requests[0].body.pixel_data))).toBe(1024);
	});

	test('with Continue On Fail a bad item is its error item and the others are registered', async () => {
		const result = await ctx.run(
			goalParams(),
			json(
				{ email: 'john@example.com', amount: 1 },
				{ email: 'nope', amount: 2 },
				{ email: 'jane@example.com', amount: 3 },
			),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.registered).toBe(true);
		expect(result.items[1].json.error).toMatch(/"nope" is not one valid email address \(item 1\)/);
		expect(result.items[2].json.registered).toBe(true);
		expect(ctx.sandbox.requests).toHaveLength(2);
	});

	test("Altcraft's refusal (a profile it does not know: 404 [INF]) is the item's error", async () => {
		const result = await ctx.run(goalParams(), json({ email: 'nobody@example.com', amount: 1 }), {
			continueOnFail: true,
		});
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/Profile not found/), httpCode: '404' });
	});
});

describe('Register Goal: exactly once', () => {
	test('a retry after a lost answer reuses the Request-ID: the goal is recorded once', async () => {
		ctx.sandbox.inject({ reset: 'after', path: PATH });
		const result = await ctx.run(
			goalParams({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com', amount: 1 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(ctx.sandbox.profile(JOHN)?.goals).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ registered: true, duplicate: true, attempts: 2 });
	});

	test('a re-run with the same Idempotency Key registers nothing new; another amount is a new event', async () => {
		const params = goalParams({ options: { idempotencyKey: '={{ $json.order }}' } });
		await ctx.run(params, json({ email: 'john@example.com', amount: 1, order: 'A-1' }));
		const again = await ctx.run(
			params,
			json(
				{ email: 'john@example.com', amount: 1, order: 'A-1' },
				{ email: 'john@example.com', amount: 2, order: 'A-2' },
			),
		);
		expect(again.items.map((item) => item.json.duplicate)).toEqual([true, false]);
		expect(ctx.sandbox.profile(JOHN)?.goals).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toMatch(/^goal-1-A-1-/);
	});
});
