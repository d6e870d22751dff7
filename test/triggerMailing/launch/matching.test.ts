import { json, launchParams, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();

describe('each matching mode selects the profile the way Altcraft documents it', () => {
	test.each([
		[
			'email',
			{ email: '={{ $json.email }}' },
			{ email: ' john@example.com ' },
			{ matching: 'email', email: 'john@example.com' },
			{ email: 'john@example.com' },
		],
		[
			'phone',
			{ phone: '={{ $json.phone }}' },
			{ phone: '+7 (900) 000-00-00' },
			{ matching: 'phone', phone: '+79000000000' },
			{ phone: '+79000000000' },
		],
		[
			'profile_id',
			{ profileId: '={{ $json.id }}' },
			{ id: '6606e08f10bcdd88297057a7' },
			{ matching: 'profile_id', profile_id: '6606e08f10bcdd88297057a7' },
			{ profileId: '6606e08f10bcdd88297057a7' },
		],
		[
			'custom',
			{ fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' },
			{ crm: 123420 },
			{ matching: 'custom', field_name: 'CRM_ID', field_value: 123420 },
			{ fieldName: 'CRM_ID', fieldValue: 123420 },
		],
		[
			'custom',
			{ fieldName: 'Tags', fieldValue: 'tag-1, tag-2' },
			{},
			{ matching: 'custom', field_name: 'Tags', field_value: 'tag-1, tag-2' },
			{ fieldName: 'Tags', fieldValue: 'tag-1, tag-2' },
		],
	])('%s', async (matching, fields, item, expectedBody, expectedSummary) => {
		const result = await ctx.run(launchParams({ matching, ...fields }), json(item));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toEqual({ token: ctx.sandbox.token, id: 84, ...expectedBody });
		expect(result.items[0].json).toMatchObject({ triggerMailingId: 84, matching, ...expectedSummary });
		expect(ctx.sandbox.launches).toHaveLength(1);
	});

	test('custom query sends custom_request and no matching', async () => {
		const result = await ctx.run(
			launchParams({
				launchMode: 'query',
				customRequest: '={{ JSON.stringify({ email: { $in: $json.emails } }) }}',
			}),
			json({ emails: ['john@example.com', 'jane@example.com'] }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toEqual({
			token: ctx.sandbox.token,
			id: 84,
			custom_request: { email: { $in: ['john@example.com', 'jane@example.com'] } },
		});
		expect(ctx.sandbox.launches[0].profiles).toHaveLength(2);
	});

	test('resource and subscription filter go with email matching; the filter is left out for a custom query', async () => {
		const additionalFields = {
			resourceId: { __rl: true, mode: 'list', value: '24' },
			subscriptionFilter: { email: 'john@example.com', not_strict: true, provider: '' },
		};
		await ctx.run(launchParams({ additionalFields }), json({ email: 'john@example.com' }));
		expect(ctx.sandbox.requests[0].body).toMatchObject({
			resource_id: 24,
			subscription_filter: { email: 'john@example.com', not_strict: true },
		});
		expect(ctx.sandbox.requests[0].body.subscription_filter).not.toHaveProperty('provider');

		ctx.sandbox.reset();
		await ctx.run(
			launchParams({ launchMode: 'query', customRequest: '{"CRM_ID": 123420}', additionalFields }),
			json({}),
		);
		expect(ctx.sandbox.requests[0].body).not.toHaveProperty('subscription_filter');

		ctx.sandbox.reset();
		await ctx.run(
			launchParams({ additionalFields: { subscriptionFilter: { not_strict: true } } }),
			json({ email: 'john@example.com' }),
		);
		expect(ctx.sandbox.requests[0].body).not.toHaveProperty('subscription_filter');
	});

	test('the trigger mailing can come from an expression per item', async () => {
		const result = await ctx.run(
			launchParams({ triggerMailing: { __rl: true, mode: 'id', value: '={{ $json.trigger }}' } }),
			json({ email: 'john@example.com', trigger: 84 }, { email: 'jane@example.com', trigger: 96 }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches.map((launch) => launch.triggerId)).toEqual([84, 96]);
	});
});

describe('output', () => {
	test("one item per input item, in input order, paired, with Altcraft's answer and the launch details", async () => {
		const emails = Array.from({ length: 12 }, (_, i) => `user${i}@example.com`);
		ctx.sandbox.inject({ delayMs: 60 }); // the first request answers last
		const result = await ctx.run(launchParams(), json(...emails.map((email) => ({ email }))));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual(
			emails.map((email) => ({
				launched: true,
				triggerMailingId: 84,
				matching: 'email',
				email,
				requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				duplicate: false,
				attempts: 1,
				response: { error: 0, error_text: 'Successful operation', data: null },
			})),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(emails.map((_, item) => ({ item })));
		expect(new Set(ctx.sandbox.requests.map((request) => request.requestId)).size).toBe(12);
		expect(JSON.stringify(result.items)).not.toContain(ctx.sandbox.token);
	});

	test('input items are not changed', async () => {
		const items = json({ email: 'john@example.com', nested: { keep: true } });
		const before = structuredClone(items[0].json);
		const result = await ctx.run(launchParams(), items);
		expect(result.run.data.resultData.runData.Trigger[0].data?.main[0]?.[0].json).toEqual(before);
		expect(items[0].json).toEqual(before);
	});
});
