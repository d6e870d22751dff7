import type { INodeParameters } from 'n8n-workflow';
import { json, nodeOptions, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const IMPORT = '/api/v1.1/workflows/import_and_start';

const importParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'scenario',
	operation: 'importAndStart',
	scenario: { __rl: true, mode: 'id', value: '10' },
	matching: 'email',
	email: '={{ $json.email }}',
	profileFields: { _fname: '={{ $json.name }}' },
	...extra,
});

describe('Scenario → Import Profile and Start, per item', () => {
	test('a qualified lead: the profile is imported and started in the scenario; the scenario is workflow_id, the output names the new profile', async () => {
		const result = await ctx.run(
			importParams({
				customFields: 'json',
				customFieldsJson: '={{ { CRM_ID: $json.crm } }}',
				subscriptions: { subscription: [{ resourceId: '24', channel: 'email', status: 'subscribed' }] },
				content: 'fields',
				contentValues: { values: [{ name: 'deal', value: '={{ $json.deal }}' }] },
				customData: 'fields',
				customDataValues: { values: [{ name: 'lead_id', value: '={{ $json.lead }}' }] },
				additionalFields: {
					skipTriggers: true,
					skipInvalidSubscriptions: true,
					detectGeo: true,
					database: { __rl: true, mode: 'id', value: '1' },
					attachments: { dataUrl: [{ data: 'data:text/plain;base64,SEVMTE8K', name: 'offer.txt' }] },
				},
			}),
			json({ email: 'lead@example.com', name: 'Lea', crm: 555, deal: 'Pro plan', lead: 'L-42' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe(IMPORT);
		expect(request.body).toEqual({
			token: ctx.sandbox.token,
			workflow_id: 10,
			db_id: 1,
			matching: 'email',
			skip_triggers: true,
			skip_invalid_subscriptions: true,
			detect_geo: true,
			content: { deal: 'Pro plan' },
			custom_data: { lead_id: 'L-42' },
			email: 'lead@example.com',
			data: {
				CRM_ID: 555,
				email: 'lead@example.com',
				_fname: 'Lea',
				subscriptions: [{ resource_id: 24, channel: 'email', email: 'lead@example.com', status: 'subscribed' }],
			},
			attach: [{ data: 'data:text/plain;base64,SEVMTE8K', name: 'offer.txt' }],
		});
		const profileId = request.response?.body.profile_id;
		expect(profileId).toMatch(/^[0-9a-f]{24}$/);
		expect(ctx.sandbox.operations).toEqual([
			expect.objectContaining({ endpoint: IMPORT, scenarioId: 10, profiles: [profileId] }),
		]);
		expect(result.items).toEqual([
			{
				json: {
					imported: true,
					started: true,
					matching: 'email',
					email: 'lead@example.com',
					scenarioId: 10,
					profileId,
					requestId: request.requestId,
					duplicate: false,
					attempts: 1,
					response: { error: 0, error_text: 'Successful operation', profile_id: profileId },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('without a Database the request has no db_id: the scenario database takes the profile [INF]', async () => {
		const result = await ctx.run(importParams(), json({ email: 'john@example.com', name: 'John' }));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body.db_id).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ started: true, profileId: JOHN });
	});

	test.each([
		['phone', { phone: '={{ $json.phone }}' }, { phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { profile_id: JOHN }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' }, { field_name: 'CRM_ID', field_value: 123420 }],
		['email_profile', {}, { email: 'john@example.com' }],
	])('Identify Profile By %s sends its key at the root', async (matching, extra, expected) => {
		const result = await ctx.run(
			importParams({ matching, ...extra }),
			json({ email: 'john@example.com', phone: '+79000000000', crm: 123420, name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject({ workflow_id: 10, matching, ...expected });
		expect(result.items[0].json).toMatchObject({ started: true, profileId: JOHN });
	});

	test('XML: the same import as an XML body', async () => {
		const result = await ctx.run(
			importParams({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain('<workflow_id>10</workflow_id>');
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><_fname>John</_fname></data>',
		);
		expect(result.items[0].json).toMatchObject({ started: true, profileId: JOHN });
	});

	test('Dry Run: the request is shown, nothing is sent', async () => {
		const result = await ctx.run(importParams({ options: { dryRun: true } }), json({ email: 'john@example.com' }));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			imported: false,
			started: false,
			scenarioId: 10,
			request: { body: { workflow_id: 10, matching: 'email', data: { email: 'john@example.com' } } },
		});
		expect(result.items[0].json.profileId).toBeUndefined();
	});

	test("an inactive scenario is Altcraft's refusal (400 [INF]): with Continue On Fail the item's error", async () => {
		const result = await ctx.run(
			importParams({ scenario: { __rl: true, mode: 'id', value: '12' } }),
			json({ email: 'john@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items[0].json).toMatchObject({ error: expect.stringMatching(/not active/), httpCode: '400' });
	});
});

describe('Scenario → Import Profile and Start: bad input', () => {
	test.each([
		['an item without the email it is matched by', {}, { email: '' }, 'Email is empty for item 1'],
		[
			'a Database that is no number',
			{ additionalFields: { database: { __rl: true, mode: 'id', value: '={{ $json.db }}' } } },
			{ db: 'main' },
			'Database "main" is not a database ID (item 1)',
		],
		[
			'a custom field named constructor',
			{ customFields: 'json', customFieldsJson: '={{ $json.custom }}' },
			{ custom: '{"constructor": 1}' },
			'Custom Fields (JSON) holds the key "constructor", which cannot be sent (item 1)',
		],
		[
			'a profile over 10 MB',
			{ customFields: 'fields', customFieldsValues: { values: [{ name: 'Notes', value: '={{ $json.notes }}' }] } },
			{ notes: 'x'.repeat(11 * 1024 * 1024) },
			"The request for item 1 is 11.0 MB, over Altcraft's 10 MB limit",
		],
	])('%s is refused before anything is sent', async (_label, extra, bad, message) => {
		const good = { email: 'john@example.com', db: '1', custom: '{}', notes: 'ok' };
		const result = await ctx.run(importParams(extra as INodeParameters), json(good, { ...good, ...bad }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail the other items are still imported and started', async () => {
		const result = await ctx.run(
			importParams(),
			json({ email: 'a@example.com' }, { email: 'not an email' }, { email: 'c@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => item.json.started)).toEqual([true, undefined, true]);
		expect(result.items[1].json.error).toMatch(/"not an email".*item 1/);
		expect(ctx.sandbox.operations).toHaveLength(2);
	});

	test('a retry after a lost answer reuses the Request-ID: imported and started once', async () => {
		ctx.sandbox.inject({ reset: 'after', path: IMPORT });
		const result = await ctx.run(
			importParams({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(ctx.sandbox.operations).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ started: true, duplicate: true, attempts: 2, profileId: JOHN });
	});
});
