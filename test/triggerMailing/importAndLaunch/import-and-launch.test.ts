import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox, nodeOptions } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const IMPORT = '/api/v1.1/campaigns/triggers/import_and_start';

const importParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'triggerMailing',
	operation: 'importAndLaunch',
	triggerMailing: { __rl: true, mode: 'id', value: '84' },
	matching: 'email',
	email: '={{ $json.email }}',
	profileFields: { _fname: '={{ $json.name }}' },
	...extra,
});

describe('Import Profile and Launch, per item', () => {
	test('a new person from a form: the profile is imported and the welcome mailing launched, with the new profile ID', async () => {
		const result = await ctx.run(
			importParams({
				phone: '={{ $json.phone }}',
				profileFields: {
					_fname: '={{ $json.name }}',
					_lname: 'Doe',
					_bdate: '2001-12-31',
				},
				customFields: 'json',
				customFieldsJson: '{"CRM_ID": 555, "Source": "form"}',
				subscriptions: {
					subscription: [
						{ resourceId: '24', channel: 'email', status: 'subscribed' },
						{ resourceId: '24', channel: 'sms' },
					],
				},
				additionalFields: {
					skipTriggers: true,
					detectGeo: true,
					launchDelay: { delay: { days: 0, hours: 1, minutes: 30 } },
					resourceId: { __rl: true, mode: 'id', value: '24' },
				},
				content: 'fields',
				contentValues: { values: [{ name: 'first_name', value: '={{ $json.name }}' }] },
				customData: 'fields',
				customDataValues: { values: [{ name: 'source', value: 'n8n form' }] },
			}),
			json({ email: 'new.person@example.com', name: 'Nina', phone: '+7 (900) 123-45-67' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe(IMPORT);
		expect(request.body).toEqual({
			token: ctx.sandbox.token,
			trigger_id: 84,
			matching: 'email',
			email: 'new.person@example.com',
			resource_id: 24,
			skip_triggers: true,
			detect_geo: true,
			timeout: { days: 0, hours: 1, minutes: 30 },
			content: { first_name: 'Nina' },
			custom_data: { source: 'n8n form' },
			data: {
				CRM_ID: 555,
				Source: 'form',
				email: 'new.person@example.com',
				phones: ['+79001234567'],
				_fname: 'Nina',
				_lname: 'Doe',
				_bdate: '2001-12-31',
				subscriptions: [
					{ resource_id: 24, channel: 'email', email: 'new.person@example.com', status: 'subscribed' },
					{ resource_id: 24, channel: 'sms', phone: '+79001234567' },
				],
			},
		});
		const answered = ctx.sandbox.requests[0].response?.body.profile_id;
		expect(answered).toMatch(/^[0-9a-f]{24}$/);
		expect(result.items).toEqual([
			{
				json: {
					imported: true,
					launched: true,
					triggerMailingId: 84,
					matching: 'email',
					email: 'new.person@example.com',
					profileId: answered,
					requestId: ctx.sandbox.requests[0].requestId,
					duplicate: false,
					attempts: 1,
					response: { error: 0, error_text: 'Successful operation', profile_id: answered },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an existing profile is matched and updated: its ID comes back', async () => {
		const result = await ctx.run(importParams(), json({ email: 'john@example.com', name: 'John' }));
		expect(result.items[0].json).toMatchObject({ imported: true, launched: true, profileId: JOHN });
	});

	test.each([
		['phone', {}, { phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { profile_id: JOHN }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' }, { field_name: 'CRM_ID', field_value: 123420 }],
		['email_profile', {}, { email: 'john@example.com' }],
	])('matching %s sends its key at the root', async (matching, extra, expected) => {
		const result = await ctx.run(
			importParams({ matching, phone: '={{ $json.phone }}', ...extra }),
			json({ email: 'john@example.com', phone: '+79000000000', crm: 123420, name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject({ matching, ...expected });
		expect(result.items[0].json).toMatchObject({ imported: true, launched: true, profileId: JOHN });
	});

	test('XML: the same import as an XML body', async () => {
		const result = await ctx.run(
			importParams({
				subscriptions: { subscription: [{ resourceId: '24', channel: 'email' }] },
				options: { requestFormat: 'xml' },
			}),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><_fname>John</_fname><subscriptions><resource_id>24</resource_id><channel>email</channel><email>john@example.com</email></subscriptions></data>',
		);
		expect(result.items[0].json).toMatchObject({ profileId: JOHN, response: { profile_id: JOHN } });
	});
});

describe('Import Profile and Launch: bad input', () => {
	test('an item without the email it is matched by is refused before anything is sent', async () => {
		const result = await ctx.run(importParams(), json({ email: 'a@example.com', name: 'A' }, { name: 'No email' }));
		expect(result.error?.message).toBe('Email is empty for item 1');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an SMS subscription of a profile without a phone names item and subscription', async () => {
		const result = await ctx.run(
			importParams({ subscriptions: { subscription: [{ resourceId: '24', channel: 'sms' }] } }),
			json({ email: 'a@example.com' }),
		);
		expect(result.error?.message).toBe('Subscription 1 (SMS channel) has no phone (item 0)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an email subscription without any email names item and subscription', async () => {
		const result = await ctx.run(
			importParams({
				matching: 'phone',
				email: '',
				phone: '+79000000000',
				subscriptions: { subscription: [{ resourceId: '24', channel: 'email' }] },
			}),
			json({}),
		);
		expect(result.error?.message).toBe('Subscription 1 (email channel) has no email (item 0)');
	});

	test.each([
		[
			'constructor',
			'JSON',
			{ customFields: 'json', customFieldsJson: '{"constructor": 1}' },
			'Custom Fields (JSON) holds the key "constructor", which cannot be sent (item 0)',
		],
		[
			'__proto__',
			'pairs',
			{ customFields: 'fields', customFieldsValues: { values: [{ name: '__proto__', value: 'x' }] } },
			'Custom Fields name "__proto__" cannot be used as a field name (item 0)',
		],
	])('a custom field named %s (%s) is refused', async (_name, _how, fields, message) => {
		const result = await ctx.run(importParams(fields), json({ email: 'a@example.com' }));
		expect(result.error?.message).toBe(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a custom field name that is no XML name is refused when sending XML', async () => {
		const result = await ctx.run(
			importParams({
				customFields: 'fields',
				customFieldsValues: { values: [{ name: 'Order total', value: '1' }] },
				options: { requestFormat: 'xml' },
			}),
			json({ email: 'a@example.com' }),
		);
		expect(result.error?.message).toBe('Custom Fields "Order total" cannot be sent as XML (item 0)');
	});

	test('a birthday that is not YYYY-MM-DD is refused', async () => {
		const result = await ctx.run(
			importParams({ profileFields: { _bdate: '31.12.2001' } }),
			json({ email: 'a@example.com' }),
		);
		expect(result.error?.message).toBe('Birthday "31.12.2001" is not a date as YYYY-MM-DD (item 0)');
	});

	test('a profile over 10 MB is refused', async () => {
		const result = await ctx.run(
			importParams({
				customFields: 'fields',
				customFieldsValues: { values: [{ name: 'Notes', value: '={{ $json.notes }}' }] },
			}),
			json({ email: 'a@example.com', notes: 'x'.repeat(11 * 1024 * 1024) }),
		);
		expect(result.error?.message).toMatch(/^The request for item 0 is 11\.0 MB, over Altcraft's 10 MB limit$/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail the other items are still imported', async () => {
		const result = await ctx.run(
			importParams(),
			json({ email: 'a@example.com' }, { email: 'not an email' }, { email: 'c@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.body.email).sort()).toEqual([
			'a@example.com',
			'c@example.com',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json.error).toMatch(/"not an email".*item 1/);
	});

	test("Altcraft's refusal (profile ID matching never creates) is the item's error", async () => {
		const result = await ctx.run(
			importParams({ matching: 'profile_id', profileId: '000000000000000000000000' }),
			json({ email: 'a@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/Profile not found/);
	});
});

describe('Import Profile and Launch: exactly once', () => {
	test('a re-run with the same Idempotency Key imports nothing new; a changed profile is a new import', async () => {
		const params = importParams({ options: { idempotencyKey: '={{ $json.email }}' } });
		await ctx.run(params, json({ email: 'a@example.com', name: 'A' }, { email: 'b@example.com', name: 'B' }));
		const again = await ctx.run(
			params,
			json({ email: 'a@example.com', name: 'A' }, { email: 'b@example.com', name: 'Bea' }),
		);
		expect(again.items.map((item) => item.json.duplicate)).toEqual([true, false]);
		expect(ctx.sandbox.launches).toHaveLength(3);
	});

	test('a retry after a lost answer reuses the Request-ID', async () => {
		ctx.sandbox.inject({ reset: 'after', path: IMPORT });
		const result = await ctx.run(
			importParams({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ duplicate: true, attempts: 2, profileId: JOHN });
	});
});
