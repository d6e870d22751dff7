import { json, launchParams, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const audience = (extra: object = {}) => launchParams({ launchMode: 'audience', ...extra });
const queried = (field: string) =>
	ctx.sandbox.requests.map((request) => request.body.custom_request[field].$in as string[]);

describe('Launch Mode: Same Message to All Items', () => {
	test('2,500 items make 3 launches of at most 1,000 profiles; none lost, none repeated', async () => {
		const emails = Array.from({ length: 2500 }, (_, i) => `user${i}@example.com`);
		const result = await ctx.run(audience(), json(...emails.map((email) => ({ email }))));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(3);
		const chunks = queried('email');
		expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(chunks.flat()).toEqual(emails);
		expect(ctx.sandbox.requests.every((request) => request.body.matching === undefined)).toBe(true);

		// One output per input item, paired with it: its recipient and its request's outcome.
		expect(result.items).toHaveLength(2500);
		expect(result.items.map((item) => item.pairedItem)).toEqual(emails.map((_, item) => ({ item })));
		expect(result.items.map((item) => item.json.email)).toEqual(emails);
		expect(result.items[0].json).toEqual({
			launched: null,
			email: 'user0@example.com',
			note: expect.stringMatching(/does not say which profiles the query matched/),
			triggerMailingId: 84,
			matching: 'custom_request',
			audienceField: 'email',
			request: {
				number: 1,
				of: 3,
				items: 1000,
				profiles: 1000,
				requestId: ctx.sandbox.requests[0].requestId,
				duplicate: false,
				attempts: 1,
			},
			response: { data: null, error: 0, error_text: 'Successful operation' },
		});
		expect([result.items[1000].json.request, result.items[2000].json.request]).toEqual([
			expect.objectContaining({ number: 2, profiles: 1000 }),
			expect.objectContaining({ number: 3, profiles: 500 }),
		]);
	});

	test('Output "One Item per Request": one item per request, paired with all its items', async () => {
		const result = await ctx.run(
			audience({ options: { output: 'eachRequest', profilesPerRequest: 2 } }),
			json(...['a', 'b', 'c'].map((n) => ({ email: `${n}@example.com` }))),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }]]);
		expect(result.items[1].json).toEqual({
			triggerMailingId: 84,
			matching: 'custom_request',
			audienceField: 'email',
			request: { number: 2, of: 2, items: 1, profiles: 1 },
			requestId: ctx.sandbox.requests[1].requestId,
			duplicate: false,
			attempts: 1,
			response: { data: null, error: 0, error_text: 'Successful operation' },
		});
	});

	test('a value shared by several items is queried once, and each of them gets its output', async () => {
		const result = await ctx.run(
			audience(),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'a@example.com' }),
		);
		expect(queried('email')).toEqual([['a@example.com', 'b@example.com']]);
		expect(result.items.map((item) => [item.pairedItem, item.json.email, item.json.request])).toEqual(
			[0, 1, 2].map((item) => [
				{ item },
				item === 1 ? 'b@example.com' : 'a@example.com',
				expect.objectContaining({ profiles: 2, items: 3 }),
			]),
		);
	});

	test('Profiles per Request sets the chunk size', async () => {
		await ctx.run(
			audience({ options: { profilesPerRequest: 2 } }),
			json(...['a', 'b', 'c', 'd', 'e'].map((n) => ({ email: `${n}@example.com` }))),
		);
		expect(queried('email').map((chunk) => chunk.length)).toEqual([2, 2, 1]);
	});

	test.each([
		['phone', { phone: '={{ $json.v }}' }, ['+79000000000', '+79000000001'], 'phone'],
		['profile_id', { profileId: '={{ $json.v }}' }, ['6606e08f10bcdd88297057a7', 'abcdefghijklmnqrstuvwxyz'], '_id'],
		[
			'custom',
			{ fieldName: 'Custom_ID', fieldValue: '={{ $json.v }}' },
			['IpHicQquekzYkufl', 'xzFKLXeaJkCYHuMb'],
			'Custom_ID',
		],
	])('%s matching queries its own field', async (matching, fields, values, field) => {
		const result = await ctx.run(audience({ matching, ...fields }), json(...values.map((v) => ({ v }))));
		expect(result.error).toBeUndefined();
		expect(queried(field)).toEqual([values]);
	});

	test('Look Up Recipients in Field overrides the field name', async () => {
		await ctx.run(
			audience({ matching: 'phone', phone: '={{ $json.v }}', options: { audienceField: 'phones' } }),
			json({ v: '+79000000000' }),
		);
		expect(queried('phones')).toEqual([['+79000000000']]);
	});

	test('items that ask for the same message share one request', async () => {
		await ctx.run(
			audience({ content: 'fields', contentValues: { values: [{ name: 'title', value: 'Spring sale' }] } }),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }),
		);
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ id: 84, content: { title: 'Spring sale' } });
	});

	test("items whose content differs get requests of their own, never another item's message", async () => {
		const result = await ctx.run(
			audience({ content: 'fields', contentValues: { values: [{ name: 'title', value: '={{ $json.title }}' }] } }),
			json(
				{ email: 'a@example.com', title: 'Sale' },
				{ email: 'b@example.com', title: 'News' },
				{ email: 'c@example.com', title: 'Sale' },
			),
		);
		expect(result.error).toBeUndefined();
		const sent = ctx.sandbox.requests.map((request) => [
			request.body.content.title,
			request.body.custom_request.email.$in,
		]);
		expect(sent).toEqual([
			['Sale', ['a@example.com', 'c@example.com']],
			['News', ['b@example.com']],
		]);
		// Outputs stand in input order, each with its own request.
		expect(result.items.map((item) => [item.pairedItem, item.json.request])).toEqual([
			[{ item: 0 }, expect.objectContaining({ number: 1, of: 2, profiles: 2 })],
			[{ item: 1 }, expect.objectContaining({ number: 2, of: 2, profiles: 1 })],
			[{ item: 2 }, expect.objectContaining({ number: 1, of: 2, profiles: 2 })],
		]);
	});

	test('items naming different trigger mailings launch each their own', async () => {
		await ctx.run(
			audience({ triggerMailing: { __rl: true, mode: 'id', value: '={{ $json.trigger }}' } }),
			json({ email: 'a@example.com', trigger: '84' }, { email: 'b@example.com', trigger: '96' }),
		);
		expect(ctx.sandbox.requests.map((request) => [request.body.id, request.body.custom_request.email.$in])).toEqual([
			[84, ['a@example.com']],
			[96, ['b@example.com']],
		]);
	});

	test('with Continue On Fail, an invalid item becomes its own error item and the audience goes out without it', async () => {
		const result = await ctx.run(
			audience(),
			json({ email: 'a@example.com' }, { email: 'oops' }, { email: 'c@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(queried('email')).toEqual([['a@example.com', 'c@example.com']]);
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({ error: expect.stringMatching(/"oops".*item 1/) }),
			pairedItem: { item: 1 },
		});
	});

	test('outputs are in input order: an invalid first item comes before the launch it was left out of', async () => {
		const result = await ctx.run(audience(), json({ email: 'oops' }, { email: 'a@example.com' }), {
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.pairedItem, typeof item.json.error])).toEqual([
			[{ item: 0 }, 'string'],
			[{ item: 1 }, 'undefined'],
		]);
	});

	test('without Continue On Fail, an invalid item stops the run before anything is sent', async () => {
		const result = await ctx.run(audience(), json({ email: 'a@example.com' }, { email: 'oops' }));
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a failed launch is reported for every item it covered', async () => {
		ctx.sandbox.inject({
			status: 403,
			body: '{"error":403,"error_text":"Invalid token","data":null}',
			contentType: 'application/json',
		});
		const result = await ctx.run(
			audience({ options: { profilesPerRequest: 2, maxParallel: 1 } }),
			json(...['a', 'b', 'c'].map((n) => ({ email: `${n}@example.com` }))),
			{ continueOnFail: true },
		);
		// Each item of the failed request gets its failure, paired with its own input.
		expect(result.items.slice(0, 2)).toEqual(
			[0, 1].map((item) => ({
				json: { error: 'Altcraft error 403: Invalid token', description: expect.any(String), httpCode: '403' },
				pairedItem: { item },
			})),
		);
		expect(result.items[2].json).toMatchObject({ email: 'c@example.com', response: { error: 0 } });
		expect(result.items[2].json).not.toHaveProperty('error');
	});

	test('a custom query left from an older workflow cannot be an audience built from items', async () => {
		const result = await ctx.run(audience({ matching: 'customQuery', customRequest: '{"a": 1}' }), json({}));
		expect(result.error?.message).toBe('Custom Query cannot be combined with Launch Mode "Same Message to All Items"');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
