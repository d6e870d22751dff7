import { json, launchParams, useSandbox } from '../helpers/fixture';

/**
 * Every item is checked before the first request goes out, also for what only shows when a body
 * is built: a key or a text that has no XML form. Outputs stand at their items.
 */
const ctx = useSandbox();
const xml = { options: { requestFormat: 'xml' } };
const contentFromItem = { content: 'json', contentJson: '={{ JSON.stringify($json.content) }}' };
const items = json(
	{ email: 'a@example.com', content: { title: 'Hi' } },
	{ email: 'b@example.com', content: { title: 'Hi' } },
	{ email: 'c@example.com', content: { 'first name': 'Jo' } },
);

describe.each([
	['Per Item', {}],
	['Audience', { launchMode: 'audience' }],
	['Bulk', { launchMode: 'batch' }],
])('%s, XML: a content key with no XML form in the third item', (_mode, mode) => {
	test('stops the run before anything is sent, naming that item', async () => {
		const result = await ctx.run(launchParams({ ...mode, ...contentFromItem, ...xml }), items);
		expect(result.error?.message).toMatch(/^The request cannot be sent as XML: .*first name/);
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, the other items go out and the third gets its error item', async () => {
		const result = await ctx.run(launchParams({ ...mode, ...contentFromItem, ...xml }), items, {
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const sentTo = JSON.stringify(ctx.sandbox.requests.map((request) => request.body));
		expect(sentTo).toContain('a@example.com');
		expect(sentTo).toContain('b@example.com');
		expect(sentTo).not.toContain('c@example.com');
		const failed = result.items.find((item) => typeof item.json.error === 'string');
		expect(failed).toEqual({
			json: expect.objectContaining({ error: expect.stringMatching(/cannot be sent as XML/) }),
			pairedItem: { item: 2 },
		});
	});
});

test('Bulk with Profile ID matching: per-item outputs stand in input order, also across requests', async () => {
	const JOHN = '6606e08f10bcdd88297057a7';
	const JANE = 'abcdefghijklmnqrstuvwxyz';
	const result = await ctx.run(
		launchParams({
			launchMode: 'batch',
			matching: 'profile_id',
			profileId: '={{ $json.id }}',
			content: 'fields',
			contentValues: { values: [{ name: 'title', value: '={{ $json.title }}' }] },
		}),
		json({ id: JOHN, title: 'A' }, { id: JANE, title: 'B' }, { id: JANE, title: 'A' }),
	);
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.requests).toHaveLength(2);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.items.map((item) => [item.json.profileId, item.json.launched])).toEqual([
		[JOHN, true],
		[JANE, true],
		[JANE, true],
	]);
});

test('a custom query is "repeated" only after an item with it passed all its checks', async () => {
	const result = await ctx.run(
		launchParams({
			launchMode: 'query',
			customRequest: '{"email": {"$in": ["john@example.com"]}}',
			additionalFields: { expiration: '={{ $json.expires }}' },
		}),
		json({ expires: 'not a date' }, { expires: '' }),
		{ continueOnFail: true },
	);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.items[0].json.error).toMatch(/not a date-time/);
	expect(result.items[1].json).toMatchObject({
		launched: true,
		matching: 'custom_request',
		customQuery: { email: { $in: ['john@example.com'] } },
	});
	expect(ctx.sandbox.requests).toHaveLength(1);
});
