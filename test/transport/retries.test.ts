import { json, launchParams, useSandbox, nodeOptions } from '../helpers/fixture';

const ctx = useSandbox();
// Short waits keep the tests quick; the backoff logic is the same at any scale.
const fast = { maxAttempts: 3, retryInitialWait: 20 };
const params = (options: object = {}) => launchParams({ options: nodeOptions({ ...fast, ...options }) });
const one = json({ email: 'john@example.com' });

describe('a launch is sent exactly once, also when Altcraft or the network fails', () => {
	test('503, then success: one launch, two attempts, one Request-ID', async () => {
		ctx.sandbox.inject({ status: 503 });
		const result = await ctx.run(params(), one);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(new Set(ctx.sandbox.requests.map((request) => request.requestId)).size).toBe(1);
		expect(result.items[0].json).toMatchObject({ attempts: 2, duplicate: false });
	});

	test('connection reset after Altcraft processed the launch: the retry is answered as a duplicate', async () => {
		ctx.sandbox.inject({ reset: 'after' });
		const result = await ctx.run(params(), one);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[1].requestId).toBe(ctx.sandbox.requests[0].requestId);
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(ctx.sandbox.stats.duplicates).toBe(1);
		expect(result.items[0].json).toMatchObject({ launched: true, duplicate: true, attempts: 2 });
	});

	test('429 with Retry-After: the retry waits as asked', async () => {
		ctx.sandbox.inject({
			status: 429,
			retryAfter: 1,
			body: '{"error":429,"error_text":"Too many requests"}',
			contentType: 'application/json',
		});
		const result = await ctx.run(params(), one);
		expect(result.error).toBeUndefined();
		const [first, second] = ctx.sandbox.requests;
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
		expect(ctx.sandbox.launches).toHaveLength(1);
	});

	test('Retry-After is capped by Max Retry Wait', async () => {
		ctx.sandbox.inject({ status: 503, retryAfter: 3600 });
		const result = await ctx.run(params({ maxRetryWait: 0 }), one);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(1);
	});

	test('a timeout is retried with the same Request-ID; Altcraft keeps one launch', async () => {
		ctx.sandbox.inject({ delayMs: 1500 });
		const result = await ctx.run(params({ timeout: 1 }), one);
		expect(result.error).toBeUndefined();
		await new Promise((resolve) => setTimeout(resolve, 700)); // let the slow first request finish
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(new Set(ctx.sandbox.requests.map((request) => request.requestId)).size).toBe(1);
		expect(result.items[0].json).toMatchObject({ attempts: 2 });
	});

	test('when every attempt fails, the error says how many were made', async () => {
		ctx.sandbox.inject({ status: 502, times: 3 });
		const result = await ctx.run(params(), one);
		expect(result.error?.message).toMatch(/HTTP 502 .*HTML page.*\(after 3 attempts\)/);
		expect(ctx.sandbox.requests).toHaveLength(3);
		expect(ctx.sandbox.launches).toHaveLength(0);
	});

	test.each([400, 401, 402, 403, 404, 409])('Altcraft error %s is never retried', async (code) => {
		ctx.sandbox.inject({ status: code, body: `{"error":${code},"error_text":"No"}`, contentType: 'application/json' });
		const result = await ctx.run(params(), one);
		expect(result.error?.message).toBe(`Altcraft error ${code}: No`);
		expect(ctx.sandbox.requests).toHaveLength(1);
	});

	test('Max Attempts 1 turns retries off', async () => {
		ctx.sandbox.inject({ status: 503 });
		const result = await ctx.run(params({ maxAttempts: 1 }), one);
		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(ctx.sandbox.requests).toHaveLength(1);
	});

	test('an unreachable host is retried, then reported with its address', async () => {
		const result = await ctx.run(params({ maxAttempts: 2 }), one, {
			credentials: { apiUrl: 'http://127.0.0.1:9', apiToken: ctx.sandbox.token },
		});
		expect(result.error?.message).toBe(
			'Could not reach Altcraft at 127.0.0.1:9: connection refused (after 2 attempts)',
		);
		expect(result.error?.description).toMatch(/Network error code: ECONNREFUSED/);
	});

	test('1,000 items with 10 % random faults: 1,000 outputs, 1,000 distinct launches, no duplicates', async () => {
		ctx.sandbox.setOptions({ faultRate: 0.1 });
		try {
			const emails = Array.from({ length: 1000 }, (_, i) => `user${i}@example.com`);
			const result = await ctx.run(
				params({ maxAttempts: 8, retryInitialWait: 1, maxParallel: 10 }),
				json(...emails.map((email) => ({ email }))),
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1000);
			expect(result.items.every((item) => item.json.launched === true && !('error' in item.json))).toBe(true);
			expect(ctx.sandbox.stats.faults).toBeGreaterThan(50);
			const strays = ctx.sandbox.launches.filter((launch) => !emails.includes(launch.target!));
			expect(strays.map((launch) => [launch.target, launch.requestId])).toEqual([]);
			expect(ctx.sandbox.launches).toHaveLength(1000);
			expect(new Set(ctx.sandbox.launches.map((launch) => launch.target))).toEqual(new Set(emails));
			expect(ctx.sandbox.stats.duplicates).toBe(0);
			expect(result.items.map((item) => item.json.email)).toEqual(emails);
		} finally {
			ctx.sandbox.setOptions({ faultRate: 0 });
		}
	});
});

describe('Request-ID', () => {
	test('without an Idempotency Key, each run launches anew, each launch with its own ID', async () => {
		await ctx.run(params(), json({ email: 'john@example.com' }, { email: 'john@example.com' }));
		await ctx.run(params(), json({ email: 'john@example.com' }));
		expect(ctx.sandbox.launches).toHaveLength(3);
		expect(new Set(ctx.sandbox.requests.map((request) => request.requestId)).size).toBe(3);
	});

	test('with an Idempotency Key, running the workflow again for the same order sends nothing new', async () => {
		const orders = json({ email: 'john@example.com', orderId: 'A-1' }, { email: 'jane@example.com', orderId: 'A-2' });
		const first = await ctx.run(params({ idempotencyKey: '={{ $json.orderId }}' }), orders);
		const second = await ctx.run(params({ idempotencyKey: '={{ $json.orderId }}' }), orders);
		expect(ctx.sandbox.launches).toHaveLength(2);
		const ids = ctx.sandbox.requests.map((request) => request.requestId!);
		expect(ids[0]).toMatch(/^trigger-84-A-1-[0-9a-f]{16}$/);
		expect(ids[1]).toMatch(/^trigger-84-A-2-[0-9a-f]{16}$/);
		expect(ids.slice(2)).toEqual(ids.slice(0, 2));
		expect(first.items.map((item) => item.json.duplicate)).toEqual([false, false]);
		expect(second.items.map((item) => item.json.duplicate)).toEqual([true, true]);
	});

	test('the same key launches a different trigger mailing all the same', async () => {
		const order = json({ email: 'john@example.com', orderId: 'A-1' });
		await ctx.run(params({ idempotencyKey: '={{ $json.orderId }}' }), order);
		await ctx.run(
			{
				...params({ idempotencyKey: '={{ $json.orderId }}' }),
				triggerMailing: { __rl: true, mode: 'id', value: '96' },
			},
			order,
		);
		expect(ctx.sandbox.launches.map((launch) => launch.triggerId)).toEqual([84, 96]);
	});

	test('one fixed key for many items still launches each recipient once', async () => {
		const result = await ctx.run(
			params({ idempotencyKey: 'spring-sale' }),
			json({ email: 'john@example.com' }, { email: 'jane@example.com' }, { email: 'john@example.com' }),
		);
		expect(ctx.sandbox.launches.map((launch) => launch.target)).toEqual(['john@example.com', 'jane@example.com']);
		expect(result.items.map((item) => item.json.duplicate)).toEqual([false, false, true]);
	});

	test('a key that cannot travel in a header is hashed', async () => {
		await ctx.run(params({ idempotencyKey: 'заказ 17' }), one);
		expect(ctx.sandbox.requests[0].requestId).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		);
	});

	test("n8n's own Retry On Fail re-runs the node without sending twice what went out", async () => {
		// The first node run sends a, then b is refused once and the run stops; n8n runs the node
		// again: a comes back as a duplicate, b and c are sent.
		const refuseOnce = {
			status: 400,
			times: 1,
			body: '{"error":400,"error_text":"Temporary rejection"}',
			contentType: 'application/json',
		};
		ctx.sandbox.inject({ delayMs: 1, times: 1 }); // the first request passes unchanged
		ctx.sandbox.inject(refuseOnce);
		const result = await ctx.run(
			params({ maxParallel: 1 }),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }),
			{ settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches.map((launch) => launch.target)).toEqual([
			'a@example.com',
			'b@example.com',
			'c@example.com',
		]);
		expect(ctx.sandbox.stats.duplicates).toBe(1);
		expect(result.items.map((item) => item.json.duplicate)).toEqual([true, false, false]);
	});
});
