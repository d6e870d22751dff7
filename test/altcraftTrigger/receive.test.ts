/** What a user gets from the Altcraft Trigger: one item per event, as sent, filtered as asked. */
import { CLICK, DOC_DELIVERED, many } from './events';
import { startTrigger, type TriggerHarness } from './harness';

let trigger: TriggerHarness | undefined;
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function start(parameters: Record<string, unknown> = {}): Promise<TriggerHarness> {
	trigger = await startTrigger({ events: ['*'], options: {}, ...parameters } as never);
	return trigger;
}

describe('receiving a batch', () => {
	test("Altcraft's documented sample becomes one item with its fields as sent, answered 200 OK in plain text", async () => {
		const t = await start();
		const answer = await t.post([DOC_DELIVERED]);
		expect(answer).toEqual({ status: 200, text: 'OK', contentType: 'text/plain; charset=utf-8' });
		// The answer satisfies both an empty success pattern (status 200) and the documented .*OK.*
		expect(/^.*OK.*$/.test(answer.text)).toBe(true);
		expect(t.executions).toHaveLength(1);
		expect(t.items()).toEqual([{ ...DOC_DELIVERED, event_date_iso: '2016-11-15T09:12:28.514Z' }]);
		// The nanoseconds stay in the original string.
		expect(t.items()[0].event_date).toBe('2016-11-15T09:12:28.514388956Z');
	});

	test('a batch of 250 events is one execution with 250 items in the order sent', async () => {
		const t = await start();
		const events = many(250);
		expect((await t.post(events)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.items().map((item) => item.profile_id)).toEqual(events.map((event) => event.profile_id));
	});

	test('a single event object (not in an array) is a batch of one', async () => {
		const t = await start();
		expect((await t.post(CLICK)).status).toBe(200);
		expect(t.items()).toEqual([{ ...CLICK, event_date_iso: '2024-05-06T10:00:05.548Z' }]);
	});

	test('"event" is read when "event_type" is missing, and event_type is added beside it', async () => {
		const t = await start({ events: ['send'] });
		const { event_type: _dropped, ...rest } = CLICK;
		expect(
			(
				await t.post([
					{ ...rest, event: 'send' },
					{ ...rest, event: 'click' },
				])
			).status,
		).toBe(200);
		expect(t.items()).toHaveLength(1);
		expect(t.items()[0]).toMatchObject({ event: 'send', event_type: 'send' });
	});

	test('a body sent as text/plain or without a Content-Type is read as JSON too', async () => {
		const t = await start();
		expect((await t.post(JSON.stringify([CLICK]), { contentType: 'text/plain' })).status).toBe(200);
		expect((await t.post(JSON.stringify([CLICK]), { contentType: null })).status).toBe(200);
		expect(t.items()).toHaveLength(2);
	});

	test('One Item per Batch: one item holding the events and their count', async () => {
		const t = await start({ options: { output: 'batch' } });
		await t.post(many(3));
		expect(t.executions).toHaveLength(1);
		expect(t.items()).toHaveLength(1);
		expect(t.items()[0].count).toBe(3);
		expect((t.items()[0].events as unknown[]).length).toBe(3);
	});

	test('Response Text sets the body of the 200 answer', async () => {
		const t = await start({ options: { responseText: 'accepted OK' } });
		expect(await t.post([CLICK])).toMatchObject({ status: 200, text: 'accepted OK' });
	});
});

describe('filters', () => {
	const mixed = [
		{ ...CLICK, event_type: 'send' },
		{ ...CLICK, event_type: 'hbounce' },
		{ ...CLICK, event_type: 'click' },
		{ ...CLICK, event_type: 'deliv_sms' },
		{ ...CLICK, event_type: 'subscription_status_we_never_saw' },
	];

	test('All Events (the default) passes every type, including undocumented ones', async () => {
		const t = await start();
		await t.post(mixed);
		expect(t.items().map((item) => item.event_type)).toEqual(mixed.map((event) => event.event_type));
	});

	test('chosen event types only; the others are answered 200 and dropped', async () => {
		const t = await start({ events: ['hbounce', 'click'] });
		expect((await t.post(mixed)).status).toBe(200);
		expect(t.items().map((item) => item.event_type)).toEqual(['hbounce', 'click']);
	});

	test('a batch with no chosen event is answered 200 and starts no execution', async () => {
		const t = await start({ events: ['unsub'] });
		expect((await t.post(mixed)).status).toBe(200);
		expect(t.executions).toHaveLength(0);
	});

	test('test events are dropped unless Include Test Events is on', async () => {
		const batch = [
			{ ...CLICK, is_test: true },
			{ ...CLICK, event_type: 'open' },
		];
		const t = await start();
		await t.post(batch);
		expect(t.items().map((item) => item.event_type)).toEqual(['open']);
		await t.close();
		const keeping = await start({ options: { includeTestEvents: true } });
		await keeping.post(batch);
		expect(keeping.items()).toHaveLength(2);
	});

	test('a batch of test events only starts no execution', async () => {
		const t = await start();
		expect((await t.post([{ ...CLICK, is_test: true }])).status).toBe(200);
		expect(t.executions).toHaveLength(0);
	});

	test('Database IDs keeps only events of those databases (list_id)', async () => {
		const t = await start({ options: { databaseIds: '111, 7' } });
		await t.post([CLICK, { ...CLICK, list_id: 50 }, { ...CLICK, list_id: 7 }]);
		expect(t.items().map((item) => item.list_id)).toEqual([111, 7]);
	});
});
