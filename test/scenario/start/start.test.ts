import type { INodeParameters } from 'n8n-workflow';
import { json, nodeOptions, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const JANE = 'abcdefghijklmnqrstuvwxyz';
const START = '/api/v1.1/workflows/start';

const startParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'scenario',
	operation: 'start',
	scenario: { __rl: true, mode: 'id', value: '3' },
	matching: 'email',
	email: '={{ $json.email }}',
	...extra,
});

const operations = () => ctx.sandbox.operations.map((operation) => [operation.scenarioId, operation.profiles]);

describe('Scenario → Start', () => {
	test('a lead is started in the scenario with its content and custom data; the output says so, then the answer', async () => {
		const result = await ctx.run(
			startParams({
				content: 'fields',
				contentValues: { values: [{ name: 'first_name', value: '={{ $json.name }}' }] },
				customData: 'json',
				customDataJson: '={{ { lead_id: $json.lead } }}',
				additionalFields: {
					resourceId: { __rl: true, mode: 'id', value: '24' },
					subscriptionFilter: { email: '={{ $json.email }}', not_strict: true },
					attachments: { dataUrl: [{ data: 'data:text/plain;base64,SEVMTE8K', name: 'hello.txt' }] },
				},
			}),
			json({ email: 'john@example.com', name: 'John', lead: 'L-7' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe(START);
		expect(request.body).toEqual({
			token: ctx.sandbox.token,
			id: 3,
			matching: 'email',
			email: 'john@example.com',
			content: { first_name: 'John' },
			custom_data: { lead_id: 'L-7' },
			resource_id: 24,
			subscription_filter: { email: 'john@example.com', not_strict: true },
			attach: [{ data: 'data:text/plain;base64,SEVMTE8K', name: 'hello.txt' }],
		});
		expect(operations()).toEqual([[3, [JOHN]]]);
		expect(result.items).toEqual([
			{
				json: {
					started: true,
					matching: 'email',
					email: 'john@example.com',
					scenarioId: 3,
					requestId: request.requestId,
					duplicate: false,
					attempts: 1,
					response: { data: null, error: 0, error_text: 'Successful operation' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test.each([
		['phone', { phone: '={{ $json.phone }}' }, { matching: 'phone', phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { matching: 'profile_id', profile_id: JOHN }],
		[
			'custom',
			{ fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' },
			{ matching: 'custom', field_name: 'CRM_ID', field_value: 123420 },
		],
	])('Identify Profile By %s sends its key', async (matching, extra, expected) => {
		const result = await ctx.run(
			startParams({ matching, ...extra }),
			json({ email: 'john@example.com', phone: '+7 900 000 00 00', crm: 123420 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject(expected);
		expect(operations()).toEqual([[3, [JOHN]]]);
	});

	test('Profiles Matching a Query starts the profiles it selects; the subscription filter is not sent with it', async () => {
		const result = await ctx.run(
			startParams({
				launchMode: 'query',
				customRequest: '{"email": {"$in": ["john@example.com", "jane@example.com"]}}',
				additionalFields: { subscriptionFilter: { email: 'john@example.com' } },
			}),
			json({}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toEqual({
			token: ctx.sandbox.token,
			id: 3,
			custom_request: { email: { $in: ['john@example.com', 'jane@example.com'] } },
		});
		expect(operations()).toEqual([[3, [JOHN, JANE]]]);
		expect(result.items[0].json).toMatchObject({
			started: true,
			matching: 'custom_request',
			customQuery: { email: { $in: ['john@example.com', 'jane@example.com'] } },
			scenarioId: 3,
		});
	});

	test('the same Custom Query for two items is refused before anything is sent', async () => {
		const result = await ctx.run(
			startParams({ launchMode: 'query', customRequest: '{"email": "john@example.com"}' }),
			json({}, {}),
		);
		expect(result.error?.message).toBe('Item 1 would launch the same custom query as item 0');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a profile the scenario database does not have: Altcraft accepts the call and starts nobody [INF]', async () => {
		const result = await ctx.run(startParams(), json({ email: 'nobody@example.com' }));
		expect(result.error).toBeUndefined();
		expect(operations()).toEqual([[3, []]]);
		expect(result.items[0].json).toMatchObject({ started: true, response: { error: 0 } });
	});

	test("an inactive scenario is Altcraft's refusal (400 [INF]), the item's error", async () => {
		const result = await ctx.run(
			startParams({ scenario: { __rl: true, mode: 'list', value: '12' } }),
			json({ email: 'john@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/not active/), httpCode: '400' });
		expect(ctx.sandbox.operations).toHaveLength(0);
	});

	test('XML: the same start as an XML body', async () => {
		const result = await ctx.run(
			startParams({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toMatch(
			/<id>3<\/id><matching>email<\/matching><email>john@example.com<\/email>/,
		);
		expect(result.items[0].json).toMatchObject({ started: true, response: { error: 0 } });
		expect(operations()).toEqual([[3, [JOHN]]]);
	});

	test('Dry Run: the request is shown, nothing is sent, and the item says nothing started', async () => {
		const result = await ctx.run(startParams({ options: { dryRun: true } }), json({ email: 'john@example.com' }));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			started: false,
			scenarioId: 3,
			request: { method: 'POST', body: { id: 3, email: 'john@example.com' } },
		});
		expect(result.items[0].json.response).toBeUndefined();
	});
});

describe('Scenario → Start: bad input and failures', () => {
	test.each([
		[
			'a scenario ID that is no number',
			{ scenario: { __rl: true, mode: 'id', value: '={{ $json.scenario }}' } },
			{ scenario: 'onboarding' },
			'Scenario "onboarding" is not a scenario ID (item 1)',
		],
		['an invalid email', {}, { email: 'john at example' }, '"john at example" is not one valid email address (item 1)'],
		[
			'a reserved key in content',
			{ content: 'json', contentJson: '={{ $json.content }}' },
			{ content: '{"constructor": 1}' },
			'Content (JSON) holds the key "constructor", which cannot be sent (item 1)',
		],
		[
			'an attachment that is no data URL',
			{ additionalFields: { attachments: { dataUrl: [{ data: '={{ $json.file }}', name: 'a.txt' }] } } },
			{ file: 'hello' },
			"An attachment's data URL is not a Base64 data URL (item 1)",
		],
	])('%s is refused before anything is sent', async (_label, extra, bad, message) => {
		const good = { email: 'john@example.com', scenario: '3', content: '{}', file: 'data:text/plain;base64,SEVMTE8K' };
		const result = await ctx.run(startParams(extra as INodeParameters), json(good, { ...good, ...bad }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail a bad item is its error item and the others are started', async () => {
		const result = await ctx.run(
			startParams(),
			json({ email: 'john@example.com' }, { email: '' }, { email: 'jane@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json.error).toBe('Email is empty for item 1');
		expect(operations()).toEqual([
			[3, [JOHN]],
			[3, [JANE]],
		]);
	});

	test('a retry after a lost answer reuses the Request-ID: the profile is started once', async () => {
		ctx.sandbox.inject({ reset: 'after', path: START });
		const result = await ctx.run(
			startParams({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(operations()).toEqual([[3, [JOHN]]]);
		expect(result.items[0].json).toMatchObject({ started: true, duplicate: true, attempts: 2 });
	});

	test('a re-run with the same Idempotency Key starts nobody twice; the Request-ID names the scenario', async () => {
		const params = startParams({ options: { idempotencyKey: 'lead-7' } });
		await ctx.run(params, json({ email: 'john@example.com' }));
		const again = await ctx.run(params, json({ email: 'john@example.com' }, { email: 'jane@example.com' }));
		expect(again.items.map((item) => item.json.duplicate)).toEqual([true, false]);
		expect(operations()).toEqual([
			[3, [JOHN]],
			[3, [JANE]],
		]);
		expect(ctx.sandbox.requests[0].requestId).toMatch(/^scenario-3-lead-7-/);
	});
});
