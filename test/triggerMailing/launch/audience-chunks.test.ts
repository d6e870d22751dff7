import {
	chunkValues,
	groupAudience,
	type AudienceMember,
} from '../../../nodes/Altcraft/actions/triggerMailing/launch/audience';

const valuesOf = (entries: Array<[string | number, number[]]>) => new Map(entries);

describe('chunkValues: an audience split into requests', () => {
	test('at most perRequest values a chunk, in first-seen order, every item kept', async () => {
		const chunks = await chunkValues(
			valuesOf([
				['a', [0]],
				['b', [1, 3]],
				['c', [2]],
			]),
			2,
			1e6,
		);
		expect(chunks).toEqual([
			{ values: ['a', 'b'], items: [0, 1, 3] },
			{ values: ['c'], items: [2] },
		]);
	});

	test('a chunk closes before its JSON would pass the byte budget', async () => {
		// "aaaa" is 6 bytes of JSON plus a separator: two fit in 14 bytes, three do not.
		const chunks = await chunkValues(
			valuesOf([
				['aaaa', [0]],
				['bbbb', [1]],
				['cccc', [2]],
			]),
			100,
			14,
		);
		expect(chunks.map((chunk) => chunk.values)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
	});

	test('one value larger than the budget still gets a chunk of its own rather than vanishing', async () => {
		const chunks = await chunkValues(
			valuesOf([
				['x'.repeat(50), [0]],
				['y', [1]],
			]),
			100,
			10,
		);
		expect(chunks.map((chunk) => chunk.items)).toEqual([[0], [1]]);
	});

	test('items of a chunk are in input order even when a shared value joined late', async () => {
		const chunks = await chunkValues(
			valuesOf([
				['a', [2, 5]],
				['b', [0]],
			]),
			10,
			1e6,
		);
		expect(chunks[0].items).toEqual([0, 2, 5]);
	});

	test('no values, no chunks', async () => {
		expect(await chunkValues(new Map(), 10, 1e6)).toEqual([]);
	});
});

describe('groupAudience: one audience per message', () => {
	const member = (value: string, title: string, triggerMailingId = 84): AudienceMember => ({
		value,
		triggerMailingId,
		field: 'email',
		payload: { fields: { content: { title } }, attachments: [] },
	});

	test('equal messages share requests; different ones never mix', async () => {
		const units = await groupAudience(
			[
				{ itemIndex: 0, value: member('a', 'Sale') },
				{ itemIndex: 1, value: member('b', 'News') },
				{ itemIndex: 2, value: member('c', 'Sale') },
				{ itemIndex: 3, value: member('d', 'Sale', 96) },
			],
			1000,
			() => 1e6,
		);
		expect(
			units.map((unit) => [unit.items, unit.value.values, unit.value.payload.fields, unit.value.triggerMailingId]),
		).toEqual([
			[[0, 2], ['a', 'c'], { content: { title: 'Sale' } }, 84],
			[[1], ['b'], { content: { title: 'News' } }, 84],
			[[3], ['d'], { content: { title: 'Sale' } }, 96],
		]);
		expect(new Set(units.map((unit) => unit.value.messageKey)).size).toBe(3);
	});

	test('binary attachments with other files are other messages, even under the same name', async () => {
		const withFile = (value: string, fingerprint: string): AudienceMember => ({
			...member(value, 'Sale'),
			payload: { fields: {}, attachments: [{ name: 'a.pdf', property: 'data', mime: 'application/pdf', fingerprint }] },
		});
		const units = await groupAudience(
			[
				{ itemIndex: 0, value: withFile('a', 'file-1') },
				{ itemIndex: 1, value: withFile('b', 'file-2') },
				{ itemIndex: 2, value: withFile('c', 'file-1') },
			],
			1000,
			() => 1e6,
		);
		expect(units.map((unit) => unit.items)).toEqual([[0, 2], [1]]);
	});
});
