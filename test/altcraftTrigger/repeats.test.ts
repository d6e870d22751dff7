/** Drop Repeated Events: a batch Altcraft sends again is not run twice, within a bounded memory. */
import { dropRepeats, eventKey } from '../../nodes/AltcraftTrigger/repeats';
import { CLICK, DOC_DELIVERED, many } from './events';
import { startTrigger, type TriggerHarness } from './harness';

let trigger: TriggerHarness | undefined;
afterEach(async () => {
	jest.restoreAllMocks();
	await trigger?.close();
	trigger = undefined;
});

async function start(options: Record<string, unknown>, staticData?: string): Promise<TriggerHarness> {
	trigger = await startTrigger({ events: ['*'], options } as never, { staticData });
	return trigger;
}

describe('Drop Repeated Events', () => {
	test('off (the default): a batch sent twice runs twice', async () => {
		const t = await start({});
		await t.post(many(3));
		await t.post(many(3));
		expect(t.items()).toHaveLength(6);
		expect(t.storedStaticData).toBe('{}');
	});

	test('on: a batch sent again is answered 200 and starts no execution; new events in a mixed batch pass', async () => {
		const t = await start({ dropRepeats: true });
		const first = many(5);
		expect((await t.post(first)).status).toBe(200);
		expect(await t.post(first)).toMatchObject({ status: 200, text: 'OK' });
		expect(t.executions).toHaveLength(1);
		await t.post([...first.slice(2), ...many(2, CLICK, 100)]);
		expect(t.executions).toHaveLength(2);
		expect(t.executions[1].items).toHaveLength(2);
		expect(t.items()).toHaveLength(7);
	});

	test('the same event twice within one batch is one item', async () => {
		const t = await start({ dropRepeats: true });
		await t.post([DOC_DELIVERED, DOC_DELIVERED, CLICK]);
		expect(t.items()).toHaveLength(2);
	});

	test('events that differ only in time, profile, type or link are all kept', async () => {
		const t = await start({ dropRepeats: true });
		const batch = [
			CLICK,
			{ ...CLICK, event_date: '2024-05-06T10:00:05.548123457Z' },
			{ ...CLICK, profile_id: '6643052fee44bb50a671161e' },
			{ ...CLICK, event_type: 'uclick' },
			{ ...CLICK, event_data: { ...CLICK.event_data, link_url: 'https://www.example.com/other' } },
		];
		await t.post(batch);
		expect(t.items()).toHaveLength(5);
		expect(new Set(batch.map(eventKey)).size).toBe(5);
	});

	test('the memory lives in the static data n8n saves, so a reload (restart) still knows the events', async () => {
		const t = await start({ dropRepeats: true });
		await t.post(many(4));
		const saved = t.storedStaticData;
		expect(Object.keys(JSON.parse(saved)['node:Altcraft Trigger'].seenEvents)).toHaveLength(4);
		await t.close();
		const restarted = await start({ dropRepeats: true }, saved);
		await restarted.post(many(4));
		expect(restarted.executions).toHaveLength(0);
	});

	test('after the window an event is accepted again', async () => {
		const now = Date.UTC(2024, 4, 6, 10, 0, 0);
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		const t = await start({ dropRepeats: true, windowMinutes: 10 });
		await t.post([CLICK]);
		clock.mockReturnValue(now + 9 * 60_000);
		await t.post([CLICK]);
		expect(t.executions).toHaveLength(1);
		clock.mockReturnValue(now + 10 * 60_000 + 1);
		await t.post([CLICK]);
		expect(t.executions).toHaveLength(2);
	});

	test('the memory is capped: with Max Remembered Events 3, the oldest is forgotten first', async () => {
		const t = await start({ dropRepeats: true, maxEntries: 3 });
		const events = many(4);
		await t.post(events);
		const stored = JSON.parse(t.storedStaticData) as Record<string, { seenEvents: Record<string, number> }>;
		const seen = Object.values(stored)[0].seenEvents;
		expect(Object.keys(seen)).toEqual(events.slice(1).map(eventKey));
		await t.post(events.slice(1));
		expect(t.executions).toHaveLength(1);
		await t.post([events[0]]);
		expect(t.executions).toHaveLength(2);
	});
});

describe('dropRepeats (the store)', () => {
	test('keeps at most maxEntries keys and drops expired ones, oldest first', () => {
		const staticData: Record<string, unknown> = {};
		const events = many(1000);
		expect(dropRepeats(events, staticData as never, { windowMinutes: 60, maxEntries: 100, now: 1_000 })).toHaveLength(
			1000,
		);
		const store = staticData.seenEvents as Record<string, number>;
		expect(Object.keys(store)).toHaveLength(100);
		expect(Object.keys(store)[0]).toBe(eventKey(events[900]));
		// An hour and a bit later, everything has expired.
		dropRepeats([CLICK], staticData as never, { windowMinutes: 60, maxEntries: 100, now: 1_000 + 60 * 60_000 + 1 });
		expect(Object.keys(staticData.seenEvents as object)).toEqual([eventKey(CLICK)]);
	});

	test('keys never look like integers (an object would reorder them)', () => {
		for (const event of many(200)) expect(eventKey(event)).toMatch(/^e[0-9a-f]{32}$/);
	});
});
