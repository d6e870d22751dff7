import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JANE = 'abcdefghijklmnqrstuvwxyz';
const GET = '/api/v1.1/profiles/get/';
const SET = '/api/v1.1/subscriptions/set';

const params = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'setSubscription',
	database: { __rl: true, mode: 'id', value: '1' },
	matching: 'email',
	email: '={{ $json.email }}',
	subscriptionResource: { __rl: true, mode: 'list', value: '24' },
	channel: 'email',
	subscriptionEmail: '={{ $json.email }}',
	...extra,
});

describe('Profile → Set Subscription', () => {
	test('by email: the profile is looked up first, then the subscription set by its ID; the output says lookedUp', async () => {
		const result = await ctx.run(
			params({
				status: 'unsubscribed',
				subscriptionFields: 'fields',
				subscriptionFieldsValues: { values: [{ name: '_device_type', value: 'web' }] },
				additionalFields: { priority: '10', categories: 'news, offers', skipTriggers: true },
			}),
			json({ email: 'jane@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([GET, SET]);
		expect(ctx.sandbox.requests[0].requestId).toBeUndefined();
		const set = ctx.sandbox.requests[1];
		expect(set.body).toEqual({
			token: ctx.sandbox.token,
			db_id: 1,
			profile_id: JANE,
			resource_id: 24,
			channel: 'email',
			email: 'jane@example.com',
			status: 'unsubscribed',
			priority: 10,
			custom_fields: { _device_type: 'web' },
			cats: ['news', 'offers'],
			skip_triggers: true,
		});
		expect(ctx.sandbox.profile(JANE)?.subscriptions).toEqual([
			expect.objectContaining({ resource_id: 24, email: 'jane@example.com', status: 'unsubscribed', priority: 10 }),
		]);
		expect(result.items[0]).toEqual({
			json: {
				subscribed: false,
				profileId: JANE,
				lookedUp: true,
				databaseId: 1,
				matching: 'email',
				email: 'jane@example.com',
				channel: 'email',
				resourceId: 24,
				status: 'unsubscribed',
				requestId: set.requestId,
				duplicate: false,
				attempts: 1,
				response: { error: 0, error_text: 'Successful operation' },
			},
			pairedItem: { item: 0 },
		});
	});

	test('by Profile ID: no lookup; the status is not sent when left unchanged', async () => {
		const result = await ctx.run(
			params({ matching: 'profile_id', profileId: JANE }),
			json({ email: 'jane@example.com' }),
		);
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([SET]);
		expect(ctx.sandbox.requests[0].body).not.toHaveProperty('status');
		expect(result.items[0].json).toMatchObject({ subscribed: null, status: null, lookedUp: false, profileId: JANE });
	});

	test.each([
		['sms', { subscriptionPhone: '+7 (900) 000-00-01' }, { phone: '+79000000001' }],
		['whatsapp', { subscriptionPhone: '+79000000001' }, { cc_data: { phone: '+79000000001' } }],
		['telegram_bot', { telegramChatId: '123456789' }, { cc_data: { id: 123456789 } }],
		[
			'push',
			{ pushProvider: 'androidfirebase', pushSubscriptionId: 'token-1' },
			{ provider: 'androidfirebase', subscription_id: 'token-1' },
		],
	])('channel %s sends its own key', async (channel, extra, key) => {
		const result = await ctx.run(
			params({ matching: 'profile_id', profileId: JANE, channel, status: 'subscribed', ...extra }),
			json({}),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject({ channel, ...key });
		expect(result.items[0].json).toMatchObject({ subscribed: true, channel });
	});

	test('a profile the lookup does not find fails its item clearly, and nothing is set for it', async () => {
		const result = await ctx.run(params(), json({ email: 'nobody@example.com' }, { email: 'jane@example.com' }), {
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toBe('No profile with email nobody@example.com in database 1 (item 0)');
		expect(result.items[1].json).toMatchObject({ profileId: JANE, lookedUp: true });
		expect(ctx.sandbox.requests.filter((request) => request.path === SET)).toHaveLength(1);
	});

	test('XML and Dry Run: the lookup and the change are both shown, nothing is sent', async () => {
		const result = await ctx.run(
			params({ options: { dryRun: true, requestFormat: 'xml' } }),
			json({ email: 'jane@example.com' }),
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			subscribed: false,
			lookedUp: true,
			lookupRequest: {
				url: `${ctx.sandbox.url}${GET}`,
				body: expect.stringContaining('<email>jane@example.com</email>'),
			},
			request: {
				url: `${ctx.sandbox.url}${SET}`,
				body: expect.stringContaining('<profile_id>[profile ID found by the lookup]</profile_id>'),
			},
		});
		const xml = await ctx.run(params({ options: { requestFormat: 'xml' } }), json({ email: 'jane@example.com' }));
		expect(xml.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.format)).toEqual(['xml', 'xml']);
	});

	test('bad input is refused before anything is sent', async () => {
		const result = await ctx.run(
			params({ additionalFields: { priority: '={{ $json.priority }}' } }),
			json({ email: 'jane@example.com', priority: 1 }, { email: 'jane@example.com', priority: 'high' }),
		);
		expect(result.error?.message).toBe('Priority "high" is not a whole number (item 1)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
