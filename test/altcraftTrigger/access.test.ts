/** Who may call, and what bad input gets: refusals are answered at once and start no execution. */
import { MAX_BODY_BYTES } from '../../nodes/AltcraftTrigger/body';
import { sameSecret } from '../../nodes/AltcraftTrigger/access';
import { CLICK, DOC_DELIVERED, many } from './events';
import { startTrigger, type TriggerHarness } from './harness';

let trigger: TriggerHarness | undefined;
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function start(options: Record<string, unknown> = {}): Promise<TriggerHarness> {
	trigger = await startTrigger({ events: ['*'], options } as never);
	return trigger;
}

describe('Secret', () => {
	const secret = 's3cr3t-Value_with?chars&=';

	test('the right secret in ?key= is accepted', async () => {
		const t = await start({ secret });
		expect((await t.post([CLICK], { query: `?key=${encodeURIComponent(secret)}` })).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('a missing secret gets 401, a wrong one 403, an empty one 401; none starts an execution', async () => {
		const t = await start({ secret });
		const missing = await t.post([CLICK]);
		expect(missing.status).toBe(401);
		expect(missing.text).toMatch(/\?key=/);
		expect((await t.post([CLICK], { query: '?key=nope' })).status).toBe(403);
		expect((await t.post([CLICK], { query: `?key=${encodeURIComponent(secret)}x` })).status).toBe(403);
		expect((await t.post([CLICK], { query: '?key=' })).status).toBe(401);
		expect((await t.post([CLICK], { query: `?other=${encodeURIComponent(secret)}` })).status).toBe(401);
		expect(t.executions).toHaveLength(0);
	});

	test('the secret is checked before the body: a wrong secret with a bad body is 403, not 400', async () => {
		const t = await start({ secret });
		expect((await t.post('not json', { query: '?key=wrong', contentType: 'text/plain' })).status).toBe(403);
	});

	test('the comparison hashes both sides, so any lengths compare without throwing', () => {
		expect(sameSecret('a', 'a')).toBe(true);
		expect(sameSecret('a', 'ab')).toBe(false);
		expect(sameSecret('', 'x'.repeat(10_000))).toBe(false);
	});

	test('without a Secret, ?key= is ignored', async () => {
		const t = await start();
		expect((await t.post([CLICK], { query: '?key=anything' })).status).toBe(200);
	});
});

describe('Account ID', () => {
	test('a batch with an event of another account is refused with 403 and starts nothing', async () => {
		const t = await start({ accountId: '161' });
		const answer = await t.post([DOC_DELIVERED, { ...DOC_DELIVERED, account_id: 999 }]);
		expect(answer.status).toBe(403);
		expect(answer.text).toMatch(/999/);
		expect(t.executions).toHaveLength(0);
	});

	test('events of the expected account pass (number or string)', async () => {
		const t = await start({ accountId: ' 161 ' });
		expect((await t.post([DOC_DELIVERED, { ...DOC_DELIVERED, account_id: '161' }])).status).toBe(200);
		expect(t.items()).toHaveLength(2);
	});
});

describe('bad input', () => {
	test.each([
		['not JSON (text/plain)', 'this is not json', 'text/plain'],
		['a number', '42', 'application/json'],
		['a string', '"deliv"', 'application/json'],
		['null', 'null', 'text/plain'],
		['an object without event_type', JSON.stringify({ hello: 'world' }), 'application/json'],
		['an array with a non-object', JSON.stringify([CLICK, 5]), 'application/json'],
		['an array with an event lacking its type', JSON.stringify([CLICK, { list_id: 1 }]), 'application/json'],
		['an empty body', '', 'application/json'],
		['whitespace', '   ', 'text/plain'],
	])('%s gets 400 and starts no execution', async (_name, body, contentType) => {
		const t = await start();
		const answer = await t.post(body, { contentType });
		expect(answer.status).toBe(400);
		expect(answer.text).toMatch(/Expected a JSON array of Altcraft events/);
		expect(t.executions).toHaveLength(0);
	});

	test('the 400 says which element is wrong', async () => {
		const t = await start();
		expect((await t.post([CLICK, CLICK, 'x'])).text).toMatch(/element 2/);
	});

	test('malformed JSON sent as application/json is refused by n8n itself (422) before the node runs', async () => {
		const t = await start();
		expect((await t.post('[{"event_type":', { contentType: 'application/json' })).status).toBe(422);
		expect(t.executions).toHaveLength(0);
	});

	test('an empty array gets 200 and starts no execution', async () => {
		const t = await start();
		expect(await t.post([])).toMatchObject({ status: 200, text: 'OK' });
		expect(t.executions).toHaveLength(0);
	});

	test(`a body over ${MAX_BODY_BYTES} bytes gets 413 and starts no execution`, async () => {
		const t = await start();
		const padding = 'x'.repeat(MAX_BODY_BYTES);
		const answer = await t.post([{ ...CLICK, custom_data: { padding } }]);
		expect(answer.status).toBe(413);
		expect(t.executions).toHaveLength(0);
		// Just under the limit is fine.
		const under = many(1)[0];
		const size = Buffer.byteLength(JSON.stringify([{ ...under, custom_data: { padding: '' } }]));
		expect((await t.post([{ ...under, custom_data: { padding: 'y'.repeat(MAX_BODY_BYTES - size) } }])).status).toBe(
			200,
		);
		expect(t.executions).toHaveLength(1);
	});

	test('hostile keys stay plain data', async () => {
		const t = await start();
		const body = `[{"event_type":"click","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]`;
		expect((await t.post(body, { contentType: 'text/plain' })).status).toBe(200);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(t.items()).toHaveLength(1);
		expect(Object.getPrototypeOf(t.items()[0])).toBe(Object.prototype);
	});
});
