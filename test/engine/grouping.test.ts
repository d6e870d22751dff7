import { groupRequests, type GroupEntry } from '../../nodes/Altcraft/engine/grouping';
import {
	BODY_BUDGET_BYTES,
	MAX_BODY_BYTES,
	budgetBeside,
	jsonTextValueBytes,
} from '../../nodes/Altcraft/helpers/bodySize';
import { buildXml } from '../../nodes/Altcraft/helpers/xml';

type Entry = GroupEntry<string, string>;
const entry = (itemIndex: number, element: string, options: Partial<Entry> = {}) => ({
	itemIndex,
	value: { request: 'r', requestKey: 'r', element, bytes: element.length, ...options },
});
const budget = (bytes: number) => () => bytes;

describe('groupRequests: items into requests', () => {
	test('at most perRequest elements a request, in input order, every item kept', async () => {
		const units = await groupRequests([entry(0, 'a'), entry(1, 'b'), entry(2, 'c')], 2, budget(1e6));
		expect(units.map((unit) => [unit.items, unit.value.elements])).toEqual([
			[
				[0, 1],
				['a', 'b'],
			],
			[[2], ['c']],
		]);
	});

	test('a request closes before its elements would pass the byte budget', async () => {
		const units = await groupRequests([entry(0, 'aaaa'), entry(1, 'bbbb'), entry(2, 'cccc')], 100, budget(9));
		expect(units.map((unit) => unit.value.elements)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
	});

	test('one element larger than the budget still gets a request of its own rather than vanishing', async () => {
		const units = await groupRequests([entry(0, 'x'.repeat(50)), entry(1, 'y')], 100, budget(10));
		expect(units.map((unit) => unit.items)).toEqual([[0], [1]]);
	});

	test('items with different request keys never share a request', async () => {
		const units = await groupRequests(
			[entry(0, 'a'), entry(1, 'b', { request: 's', requestKey: 's' }), entry(2, 'c')],
			10,
			budget(1e6),
		);
		expect(units.map((unit) => [unit.value.request, unit.items])).toEqual([
			['r', [0, 2]],
			['s', [1]],
		]);
	});

	test('items with the same element key share one element, their items in input order', async () => {
		const units = await groupRequests(
			[entry(0, 'a', { elementKey: 'a' }), entry(1, 'b', { elementKey: 'b' }), entry(2, 'a', { elementKey: 'a' })],
			1,
			budget(1e6),
		);
		expect(units.map((unit) => [unit.items, unit.value.elements])).toEqual([
			[[0, 2], ['a']],
			[[1], ['b']],
		]);
	});

	test('no items, no requests', async () => {
		expect(await groupRequests([], 10, budget(1e6))).toEqual([]);
	});
});

describe('an XML audience request near the 10 MB limit', () => {
	// Emails whose JSON text is escaped in XML (each quote becomes &quot;): measured as JSON they
	// would look 10 bytes smaller each, and a request filled to the JSON count would pass 10 MB.
	const values = Array.from({ length: 320_000 }, (_, index) => `user${String(index).padStart(6, '0')}@example.org`);

	test('is measured in XML and stays under the limit once built, with the values split over requests', async () => {
		const fixed = { id: 84, custom_request: { email: { $in: [] } } };
		const entries = values.map((value, itemIndex) => ({
			itemIndex,
			value: {
				request: 'r',
				requestKey: 'r',
				element: value,
				elementKey: value,
				bytes: jsonTextValueBytes(value, 'xml'),
			},
		}));
		const units = await groupRequests(entries, 1_000_000, () => budgetBeside(fixed, 0, 'xml'));
		expect(units.length).toBeGreaterThan(1);
		expect(units.flatMap((unit) => unit.items)).toHaveLength(values.length);
		for (const unit of units) {
			const body = buildXml({ id: 84, custom_request: { email: { $in: unit.value.elements } } });
			expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_BUDGET_BYTES);
		}
		// The first request is filled close to the limit: the budget is not wasted either.
		const first = buildXml({ id: 84, custom_request: { email: { $in: units[0].value.elements } } });
		expect(Buffer.byteLength(first)).toBeGreaterThan(MAX_BODY_BYTES - 2048);
	});

	test('measured as JSON, the same values would overfill an XML request', () => {
		const asJson = values.slice(0, 1000).reduce((sum, value) => sum + jsonTextValueBytes(value, 'json'), 0);
		const asXml = values.slice(0, 1000).reduce((sum, value) => sum + jsonTextValueBytes(value, 'xml'), 0);
		expect(asXml - asJson).toBe(1000 * 10);
		expect(values.length * 25).toBeLessThan(BODY_BUDGET_BYTES);
	});

	test('counts what the XML builder writes for every character it escapes', () => {
		const value = `a"b'c&d<e>f`;
		const built = Buffer.byteLength(buildXml({ v: JSON.stringify(value) })) - '<xml><v></v></xml>'.length;
		expect(jsonTextValueBytes(value, 'xml')).toBe(built + 1);
	});
});
