import { groupAudience, type AudienceMember } from '../../../nodes/Altcraft/actions/triggerMailing/launch/audience';

describe('groupAudience: one audience per message', () => {
	const member = (value: string, title: string, triggerMailingId = 84): AudienceMember => ({
		value,
		bytes: value.length + 3,
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
