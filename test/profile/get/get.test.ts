import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const EXAMPLE = '5f33d33ece94481aa9382110';
const JOHN = '6606e08f10bcdd88297057a7';
const GET = '/api/v1.1/profiles/get/';

const params = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'get',
	database: { __rl: true, mode: 'list', value: '1' },
	matching: 'email',
	email: '={{ $json.email }}',
	...extra,
});

describe('Profile → Get', () => {
	test("the docs' request (database 1, by email) outputs found, the profile ID and the profile", async () => {
		const result = await ctx.run(params(), json({ email: 'example@example.com' }));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].path).toBe(GET);
		expect(ctx.sandbox.requests[0].body).toEqual({
			token: ctx.sandbox.token,
			db_id: 1,
			matching: 'email',
			email: 'example@example.com',
		});
		// A read: no Request-ID.
		expect(ctx.sandbox.requests[0].requestId).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.json)).toEqual([
			'found',
			'profileId',
			'profile',
			'databaseId',
			'matching',
			'email',
			'attempts',
			'response',
		]);
		expect(item.json).toMatchObject({
			found: true,
			profileId: EXAMPLE,
			profile: expect.objectContaining({ id: EXAMPLE, _fname: 'Marisa', db_id: 1 }),
			response: expect.objectContaining({ error: 0 }),
		});
		expect((item.json.profile as { subscriptions: unknown[] }).subscriptions[0]).toMatchObject({
			channel: 'email',
			email_data: expect.objectContaining({ email: 'example@example.com' }),
			priority: 0,
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test.each([
		['phone', { phone: '={{ $json.phone }}' }, { phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { profile_id: JOHN }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' }, { field_name: 'CRM_ID', field_value: 123420 }],
		['email_phone', { email: '', phone: '={{ $json.phone }}' }, { phone: '+79000000000' }],
	])('by %s', async (matching, extra, key) => {
		const result = await ctx.run(params({ matching, ...extra }), json({ phone: '+7 900 000-00-00', crm: 123420 }));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject({ matching, ...key });
		expect(result.items[0].json).toMatchObject({ found: true, profileId: JOHN });
	});

	test('not found fails the item by default, with a message that names the profile and the database', async () => {
		const result = await ctx.run(params(), json({ email: 'nobody@example.com' }), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('No profile with email nobody@example.com in database 1 (item 0)');
		expect(result.items[0].json.description).toMatch(/Create or Update/);
	});

	test('If Not Found → Output an Item Saying Not Found: found false, never a crash; the others are found', async () => {
		const result = await ctx.run(
			params({ options: { ifNotFound: 'output' } }),
			json({ email: 'nobody@example.com' }, { email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.found, item.json.profileId, item.pairedItem])).toEqual([
			[false, null, { item: 0 }],
			[true, JOHN, { item: 1 }],
		]);
		expect(result.items[0].json.response).toMatchObject({
			error: 404,
			error_text: expect.stringMatching(/Profile not found/),
		});
	});

	test('an unknown database is not "not found": it fails the item even with Output an Item Saying Not Found', async () => {
		const result = await ctx.run(
			params({ database: { __rl: true, mode: 'id', value: '9' }, options: { ifNotFound: 'output' } }),
			json({ email: 'john@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/Database not found/);
	});

	test('not found also when Altcraft answers HTTP 200 with the error code', async () => {
		ctx.sandbox.setOptions({ errorsWithHttp200: true });
		try {
			const result = await ctx.run(
				params({ options: { ifNotFound: 'output' } }),
				json({ email: 'nobody@example.com' }),
			);
			expect(result.items[0].json.found).toBe(false);
		} finally {
			ctx.sandbox.setOptions({ errorsWithHttp200: false });
		}
	});

	test('XML, and a Subscription Resource for email matching', async () => {
		const result = await ctx.run(
			params({ options: { requestFormat: 'xml', resourceId: { __rl: true, mode: 'id', value: '24' } } }),
			json({ email: 'example@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain('<resource_id>24</resource_id>');
		expect(result.items[0].json).toMatchObject({ found: true, profileId: EXAMPLE });
	});

	test('Dry Run shows the request; bad input is refused before anything is sent', async () => {
		const dry = await ctx.run(params({ options: { dryRun: true } }), json({ email: 'john@example.com' }));
		expect(dry.items[0].json).toMatchObject({
			dryRun: true,
			found: false,
			request: { body: { db_id: 1, email: 'john@example.com' } },
		});
		// A read has no Request-ID, and a dry run no answer.
		expect('requestId' in dry.items[0].json).toBe(false);
		expect('response' in dry.items[0].json).toBe(false);
		const bad = await ctx.run(params(), json({ email: 'john@example.com' }, { email: 'a; b@example.com' }));
		expect(bad.error?.message).toBe('"a; b@example.com" is not one valid email address (item 1)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
