/**
 * Contract: profiles/get/ ("Get profile data"), profiles/delete ("Delete profile"),
 * subscriptions/set ("Add or edit subscription"). Fixtures: sandbox/fixtures/profiles.ts.
 */
import { md5Hex, xxh64Hex } from '../../sandbox';
import { deleteProfile, getProfileData, getProfileDataCutExample } from '../../sandbox/fixtures';
import { SUCCESS, compactXml, useApi } from './api';

const api = useApi();
const GET = '/api/v1.1/profiles/get/';
const DELETE = '/api/v1.1/profiles/delete';
const SET = '/api/v1.1/subscriptions/set';
const EXAMPLE_ID = '5f33d33ece94481aa9382110';
const JANE = 'abcdefghijklmnqrstuvwxyz';

/** The keys of the cut example that a complete answer has too (the cut one is not valid JSON). */
const EXAMPLE_KEYS = [
	'_domaingroup',
	'_emaildomain',
	'_md5',
	'_status',
	'_xxh',
	'db_id',
	'email',
	'id',
	'phones',
	'subscriptions',
];
const EXAMPLE_SUBSCRIPTION_KEYS = ['channel', 'email_data', 'hash_id', 'is_delete', 'priority'];

describe('profiles/get/', () => {
	test("the docs' request gets the profile in the example's shape (the stored example is cut: its keys, nested subscriptions)", async () => {
		for (const key of [...EXAMPLE_KEYS, ...EXAMPLE_SUBSCRIPTION_KEYS])
			expect(getProfileDataCutExample).toContain(`"${key}"`);
		const answer = await api.post(GET, api.documented(getProfileData));
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject(SUCCESS);
		const data = answer.json.data;
		expect(Object.keys(data)).toEqual(expect.arrayContaining(EXAMPLE_KEYS));
		expect(data).toMatchObject({
			_domaingroup: 'other',
			_emaildomain: 'example.com',
			_fname: 'Marisa',
			_md5: md5Hex('example@example.com'),
			_xxh: xxh64Hex('example@example.com'),
			db_id: 1,
			email: 'example@example.com',
			id: EXAMPLE_ID,
			phones: ['+508370045348179'],
		});
		expect(data.subscriptions).toEqual([
			{
				channel: 'email',
				email_data: { domain: 'example.com', domain_group: 'other', email: 'example@example.com', md5: data._md5 },
				hash_id: expect.stringMatching(/^\d+$/),
				is_delete: false,
				priority: 0,
				resource_id: 24,
				status: 'subscribed',
			},
		]);
	});

	test("XML: the docs' XML request is answered in XML with nested elements", async () => {
		const answer = await api.postXml(GET, getProfileData.request!.xml!);
		expect(answer.headers.get('content-type')).toMatch(/application\/xml/);
		expect(answer.text).toContain(`<id>${EXAMPLE_ID}</id>`);
		expect(answer.text).toContain('<subscriptions><channel>email</channel><email_data><domain>example.com</domain>');
	});

	test('only the documented path /profiles/get/ (with slash) is served [INF]; not found is 404 [INF]; profiles are per database', async () => {
		const noSlash = await api.post('/api/v1.1/profiles/get', { db_id: 1, email: 'example@example.com' });
		expect([noSlash.status, noSlash.json.error_text]).toEqual([
			404,
			expect.stringMatching(/spell this path "\/api\/v1.1\/profiles\/get\/"/),
		]);
		const unknown = await api.post(GET, { db_id: 1, email: 'nobody@example.com' });
		expect([unknown.status, unknown.json.error_text]).toEqual([
			404,
			'Profile not found in database 1 (email nobody@example.com)',
		]);
		const otherDb = await api.post(GET, { db_id: 1, email: 'buyer@example.net' });
		expect(otherDb.status).toBe(404);
		const rightDb = await api.post(GET, { db_id: 2, email: 'buyer@example.net' });
		expect(rightDb.json.data).toMatchObject({ db_id: 2, Company: 'Example Ltd' });
	});

	test('every matching mode the page lists is taken, with its key (phone, profile_id, custom incl. tags)', async () => {
		const bodies = [
			{ matching: 'phone', phone: '+79000000000' },
			{ matching: 'profile_id', profile_id: '6606e08f10bcdd88297057a7' },
			{ matching: 'custom', field_name: 'Tags', field_value: 'vip, newsletter' },
			{ matching: 'email_profile', email: 'JOHN@example.com' },
		];
		for (const body of bodies) {
			const answer = await api.post(GET, { db_id: 1, ...body });
			expect(answer.json.data.id).toBe('6606e08f10bcdd88297057a7');
		}
		expect((await api.post(GET, { db_id: 1, matching: 'phone' })).json.error_text).toBe(
			'request.phone is required for matching "phone"',
		);
	});
});

describe('profiles/delete', () => {
	test("the docs' JSON request gets the docs' JSON answer, and the XML request the XML answer", async () => {
		const answer = await api.post(DELETE, api.documented(deleteProfile));
		expect(answer.json).toEqual(JSON.parse(deleteProfile.response!.json!));
		api.sandbox.reset();
		const xml = await api.postXml(DELETE, deleteProfile.request!.xml!);
		const documented = compactXml(deleteProfile.response!.xml!);
		// Same elements; the sandbox writes error and error_text before data.
		expect(xml.text).toBe(documented.replace(/^<xml>(<data>.*<\/data>)(.*)<\/xml>$/, '<xml>$2$1</xml>'));
	});

	test('a deleted profile is gone: get 404, a launch for it reaches nobody, profile_id import + launch 404, a second delete 404', async () => {
		await api.post(DELETE, api.documented(deleteProfile));
		expect(api.sandbox.profile(EXAMPLE_ID)).toBeUndefined();
		expect((await api.post(GET, { db_id: 1, email: 'example@example.com' })).status).toBe(404);
		await api.post('/api/v1.1/campaigns/triggers/start/', { id: 84, matching: 'profile_id', profile_id: EXAMPLE_ID });
		expect(api.sandbox.launches).toEqual([expect.objectContaining({ profiles: [] })]);
		const relaunch = await api.post('/api/v1.1/campaigns/triggers/import_and_start', {
			trigger_id: 84,
			matching: 'profile_id',
			profile_id: EXAMPLE_ID,
			data: {},
		});
		expect(relaunch.status).toBe(404);
		expect((await api.post(DELETE, { db_id: 1, email: 'example@example.com' })).status).toBe(404);
		expect(api.sandbox.operations).toEqual([expect.objectContaining({ endpoint: DELETE, profiles: [EXAMPLE_ID] })]);
		api.sandbox.reset();
		expect(api.sandbox.profile(EXAMPLE_ID)).toMatchObject({ email: 'example@example.com' });
	});

	test('only email, phone, profile_id and custom matching (the page lists four)', async () => {
		const answer = await api.post(DELETE, { db_id: 1, matching: 'email_profile', email: 'john@example.com' });
		expect([answer.status, answer.json.error_text]).toEqual([
			400,
			expect.stringMatching(/matching must be one of email, phone, profile_id, custom/),
		]);
		expect(api.sandbox.profile('6606e08f10bcdd88297057a7')).toBeDefined();
	});
});

describe('subscriptions/set', () => {
	test("the docs' (cut) request adds the subscription; the answer is {error: 0, error_text} [INF]; get shows it nested", async () => {
		const body = { channel: 'email', db_id: 1, email: 'john@example.com', priority: 10, profile_id: JANE };
		const answer = await api.post(SET, { ...body, resource_id: 24 });
		expect(answer.json).toEqual(SUCCESS);
		await api.post(SET, { ...body, resource_id: 24, status: 1 });
		const got = await api.post(GET, { db_id: 1, matching: 'profile_id', profile_id: JANE });
		expect(got.json.data.subscriptions).toEqual([
			expect.objectContaining({
				channel: 'email',
				email_data: expect.objectContaining({ email: 'john@example.com' }),
				priority: 10,
				resource_id: 24,
				status: 'unsubscribed',
			}),
		]);
		expect(api.sandbox.operations).toHaveLength(2);
	});

	test('checks: db_id, profile_id, resource_id required; each channel its key; unknown profile or resource 404 [INF]', async () => {
		const base = { db_id: 1, profile_id: JANE, resource_id: 24 };
		const cases: Array<[Record<string, unknown>, number, RegExp]> = [
			[{ ...base, resource_id: undefined, email: 'a@example.com' }, 400, /resource_id is required/],
			[{ ...base, profile_id: undefined, email: 'a@example.com' }, 400, /profile_id is required/],
			[{ ...base, channel: 'push', provider: 'Firefox' }, 400, /provider and subscription_id are required/],
			[{ ...base, channel: 'sms', phone: '12' }, 400, /phone must be a phone number/],
			[{ ...base, channel: 'whatsapp' }, 400, /cc_data \{"phone"/],
			[{ ...base, email: 'a@example.com', status: 'gone' }, 400, /status must be one of subscribed/],
			[{ ...base, resource_id: 99, email: 'a@example.com' }, 404, /Resource not found/],
			[
				{ ...base, profile_id: '000000000000000000000000', email: 'a@example.com' },
				404,
				/Profile not found in database 1/,
			],
			[{ ...base, db_id: 2, email: 'a@example.com' }, 404, /Profile not found in database 2/],
		];
		for (const [body, status, message] of cases) {
			const answer = await api.post(SET, body);
			expect([answer.status, answer.json.error_text]).toEqual([status, expect.stringMatching(message)]);
		}
		expect(api.sandbox.profile(JANE)?.subscriptions).toBeUndefined();
	});
});
