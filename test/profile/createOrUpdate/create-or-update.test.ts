import type { INodeParameters } from 'n8n-workflow';
import { json, nodeOptions, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const IMPORT = '/api/v1.1/profiles/import';
const UPDATE = '/api/v1.1/profiles/update';

const params = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'createOrUpdate',
	database: { __rl: true, mode: 'id', value: '1' },
	matching: 'email',
	email: '={{ $json.email }}',
	profileFields: { _fname: '={{ $json.name }}' },
	...extra,
});

describe('Profile → Create or Update, per item', () => {
	test('a sign-up creates the profile with its fields, subscription and segment; the output leads with imported and the profile ID', async () => {
		const result = await ctx.run(
			params({
				phone: '={{ $json.phone }}',
				profileFields: { _fname: '={{ $json.name }}', _sex: 'female', _city: 'Moscow', _bdate: '1990-02-22' },
				customFields: 'json',
				customFieldsJson: '{"CRM_ID": 777}',
				subscriptions: { subscription: [{ resourceId: '24', channel: 'email', status: 'subscribed' }] },
				additionalFields: { skipTriggers: true, detectGeo: true, addToSegments: '2, 5' },
			}),
			json({ email: 'nina@example.com', name: 'Nina', phone: '+7 900 123-45-67' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.path).toBe(IMPORT);
		expect(request.body).toEqual({
			token: ctx.sandbox.token,
			db_id: 1,
			matching: 'email',
			email: 'nina@example.com',
			skip_triggers: true,
			detect_geo: true,
			add_to_segments: [2, 5],
			data: {
				CRM_ID: 777,
				email: 'nina@example.com',
				phones: ['+79001234567'],
				_fname: 'Nina',
				_sex: 'female',
				_city: 'Moscow',
				_bdate: '1990-02-22',
				subscriptions: [{ resource_id: 24, channel: 'email', email: 'nina@example.com', status: 'subscribed' }],
			},
		});
		const profileId = request.response?.body.profile_id;
		expect(ctx.sandbox.profile(profileId)).toMatchObject({ segments: [2, 5], email: 'nina@example.com' });
		const [item] = result.items;
		expect(Object.keys(item.json)[0]).toBe('imported');
		expect(item).toEqual({
			json: {
				imported: true,
				profileId,
				databaseId: 1,
				matching: 'email',
				email: 'nina@example.com',
				requestId: request.requestId,
				duplicate: false,
				attempts: 1,
				response: { error: 0, error_text: 'Successful operation', profile_id: profileId },
			},
			pairedItem: { item: 0 },
		});
		expect(item.json).not.toHaveProperty('error');
	});

	test.each([
		['phone', {}, { phone: '+79000000000' }],
		['profile_id', { profileId: JOHN }, { profile_id: JOHN }],
		['custom', { fieldName: 'CRM_ID', fieldValue: '={{ $json.crm }}' }, { field_name: 'CRM_ID', field_value: 123420 }],
		['email_phone', { email: '' }, { phone: '+79000000000' }],
	])('identified by %s: the key goes at the root and the existing profile is updated', async (matching, extra, key) => {
		const result = await ctx.run(
			params({ matching, phone: '={{ $json.phone }}', ...extra }),
			json({ email: 'john@example.com', phone: '+79000000000', crm: 123420, name: 'Johnny' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toMatchObject({ matching, ...key });
		expect(result.items[0].json).toMatchObject({ imported: true, profileId: JOHN, matching });
	});

	test('Update Only sends profiles/update: a known profile is updated, an unknown one fails its item', async () => {
		const result = await ctx.run(
			params({ options: { updateOnly: true } }),
			json({ email: 'john@example.com', name: 'J' }, { email: 'nobody@example.com', name: 'N' }),
			{ continueOnFail: true },
		);
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([UPDATE, UPDATE]);
		expect(result.items[0].json).toMatchObject({ updated: true, profileId: JOHN });
		expect(result.items[1].json.error).toMatch(/^Altcraft error 404: Profile not found in database 1/);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('XML: the import travels as XML and its answer is read', async () => {
		const result = await ctx.run(
			params({ options: { requestFormat: 'xml' }, additionalFields: { removeFromSegments: '2' } }),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].format).toBe('xml');
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><_fname>John</_fname></data>',
		);
		expect(result.items[0].json).toMatchObject({ imported: true, profileId: JOHN });
	});

	test('Dry Run sends nothing and shows the request with its Request-ID', async () => {
		const result = await ctx.run(params({ options: { dryRun: true } }), json({ email: 'john@example.com', name: 'J' }));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			expect.stringMatching(/^Dry Run is on: nothing was sent/),
		]);
		expect('response' in result.items[0].json).toBe(false);
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			imported: false,
			email: 'john@example.com',
			request: { method: 'POST', url: `${ctx.sandbox.url}${IMPORT}`, body: expect.objectContaining({ db_id: 1 }) },
			requestId: expect.any(String),
		});
	});

	test('a retry after a lost answer reuses the Request-ID: one import, answered as duplicate', async () => {
		ctx.sandbox.inject({ reset: 'after', path: IMPORT });
		const result = await ctx.run(
			params({ options: nodeOptions({ retryInitialWait: 0 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[0].requestId).toBe(ctx.sandbox.requests[1].requestId);
		expect(ctx.sandbox.operations).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ imported: true, duplicate: true, attempts: 2, profileId: JOHN });
	});
});

describe('Profile → Create or Update: bad input is refused before anything is sent', () => {
	// Item 0 is fine, item 1 is not: the run stops at item 1 before any request goes out.
	test.each([
		[
			'a segment ID',
			{ additionalFields: { addToSegments: '={{ $json.bad }}' } },
			'2',
			'2, vip',
			'Add to Segments: "vip" is not a segment ID (item 1)',
		],
		[
			'a database ID',
			{ database: { __rl: true, mode: 'id', value: '={{ $json.bad }}' } },
			'1',
			'main',
			'Database "main" is not a database ID (item 1)',
		],
		[
			'a registration date',
			{ profileFields: { _regdate: '={{ $json.bad }}' } },
			'2024-05-06T10:00:00Z',
			'yesterday',
			'Registration Date "yesterday" is not an RFC 3339 date-time (item 1)',
		],
		[
			'a reserved key',
			{ customFields: 'json', customFieldsJson: '={{ $json.bad }}' },
			'{}',
			'{"__proto__": {"x": 1}}',
			'Custom Fields (JSON) holds the key "__proto__", which cannot be sent (item 1)',
		],
		['a missing email', { email: '={{ $json.bad }}' }, 'a@example.com', '', 'Email is empty for item 1'],
	])('%s', async (_what, extra, good, bad, message) => {
		const result = await ctx.run(
			params(extra as INodeParameters),
			json({ email: 'a@example.com', bad: good }, { email: 'b@example.com', bad }),
		);
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
