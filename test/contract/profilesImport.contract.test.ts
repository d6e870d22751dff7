/**
 * Contract: profiles/import and profiles/update ("Import profile", "Import or update a profile"),
 * profiles/import_batch ("Import multiple profiles"), profiles/update_batch ("Update multiple profiles").
 * Fixtures: sandbox/fixtures/profiles.ts; every answer here is [INF] (no example is stored).
 */
import { importOrUpdateProfileGuide } from '../../sandbox/fixtures';
import { SUCCESS, useApi } from './api';

const api = useApi();
const IMPORT = '/api/v1.1/profiles/import';
const JOHN = '6606e08f10bcdd88297057a7';

test("the user guide's request creates the profile in database 5 and answers its profile_id [INF]", async () => {
	const answer = await api.post(IMPORT, api.documented(importOrUpdateProfileGuide));
	expect(answer.status).toBe(200);
	expect(answer.json).toEqual({ ...SUCCESS, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
	expect(api.sandbox.profile(answer.json.profile_id)).toMatchObject({ db_id: 5, email: 'i.petrov@example.com' });
	expect(api.sandbox.operations).toEqual([
		expect.objectContaining({
			endpoint: IMPORT,
			profiles: [answer.json.profile_id],
			item: { email: 'i.petrov@example.com' },
		}),
	]);
});

test('an imported profile is launched for by email and by profile ID; a second import updates it', async () => {
	const data = {
		email: 'new.client@example.com',
		_fname: 'Ann',
		subscriptions: [{ channel: 'email', email: 'new.client@example.com', resource_id: 24 }],
	};
	const created = await api.post(IMPORT, { db_id: 1, email: 'new.client@example.com', data });
	const id = created.json.profile_id;
	await api.post('/api/v1.1/campaigns/triggers/start/', { id: 84, email: 'new.client@example.com' });
	await api.post('/api/v1.1/campaigns/triggers/start/', { id: 84, matching: 'profile_id', profile_id: id });
	expect(api.sandbox.launches.map((launch) => launch.profiles)).toEqual([[id], [id]]);
	const again = await api.post(IMPORT, {
		db_id: 1,
		matching: 'email',
		email: 'new.client@example.com',
		data: { _lname: 'Lee' },
	});
	expect(again.json.profile_id).toBe(id);
	expect(api.sandbox.profile(id)?.fields).toEqual({ _fname: 'Ann', _lname: 'Lee' });
	expect(api.sandbox.profile(id)?.subscriptions).toEqual([
		{ resource_id: 24, channel: 'email', email: 'new.client@example.com', status: 'subscribed', priority: 0 },
	]);
});

test('profiles/update changes a known profile and refuses an unknown one (404 [INF]); profile_id matching never creates', async () => {
	const known = await api.post('/api/v1.1/profiles/update', {
		db_id: 1,
		email: 'john@example.com',
		data: { FirstName: 'Johnny' },
	});
	expect(known.json).toEqual({ ...SUCCESS, profile_id: JOHN });
	expect(api.sandbox.profile(JOHN)?.fields?.FirstName).toBe('Johnny');
	const unknown = await api.post('/api/v1.1/profiles/update', { db_id: 1, email: 'nobody@example.com', data: {} });
	expect(unknown.status).toBe(404);
	expect(unknown.json).toMatchObject({
		error: 404,
		error_text: expect.stringMatching(/Profile not found in database 1.*never creates/),
	});
	const byId = await api.post(IMPORT, {
		db_id: 1,
		matching: 'profile_id',
		profile_id: '000000000000000000000000',
		data: {},
	});
	expect(byId.json.error).toBe(404);
	expect(api.sandbox.operations).toHaveLength(1);
});

test('request checks: db_id required and known, data required, the 11 matching modes, segments static', async () => {
	const cases: Array<[Record<string, unknown>, number, RegExp]> = [
		[{ email: 'a@example.com', data: {} }, 400, /db_id is required/],
		[{ db_id: 9, email: 'a@example.com', data: {} }, 404, /Database not found \(db_id 9\)/],
		[{ db_id: 1, email: 'a@example.com' }, 400, /data is required/],
		[
			{ db_id: 1, matching: 'md5', email: 'a@example.com', data: {} },
			400,
			/matching must be one of email, email_profile, email_sub/,
		],
		[{ db_id: 1, matching: 'custom', field_value: 'x', data: {} }, 400, /field_name is required/],
		[{ db_id: 1, email: 'a@example.com', data: {}, add_to_segments: [1] }, 400, /segment 1 is not static/],
		[{ db_id: 1, email: 'a@example.com', data: {}, add_to_segments: [77] }, 404, /Segment not found/],
		[
			{ db_id: 1, email: 'a@example.com', data: { subscriptions: [{ resource_id: 24, channel: 'sms' }] } },
			400,
			/phone must be a phone number/,
		],
	];
	for (const [body, status, message] of cases) {
		const answer = await api.post(IMPORT, body);
		expect([answer.status, answer.json.error_text]).toEqual([status, expect.stringMatching(message)]);
	}
	expect(api.sandbox.operations).toHaveLength(0);
});

test('add_to_segments / remove_from_segments change static segment membership; skip_invalid_subscriptions drops the bad one', async () => {
	await api.post(IMPORT, { db_id: 1, email: 'john@example.com', add_to_segments: [2, 5], data: {} });
	expect(api.sandbox.profile(JOHN)?.segments).toEqual([2, 5]);
	const data = {
		subscriptions: [
			{ resource_id: 24, channel: 'sms' },
			{ resource_id: 24, channel: 'sms', phone: '+79000000000' },
		],
	};
	await api.post(IMPORT, {
		db_id: 1,
		email: 'john@example.com',
		remove_from_segments: [2],
		skip_invalid_subscriptions: true,
		data,
	});
	expect(api.sandbox.profile(JOHN)).toMatchObject({
		segments: [5],
		subscriptions: [{ resource_id: 24, channel: 'sms', phone: '+79000000000', status: 'subscribed', priority: 0 }],
	});
});

test('XML: an import with booleans and a repeated <add_to_segments> answers in XML', async () => {
	const answer = await api.postXml(
		IMPORT,
		'<xml><token>t</token><db_id>1</db_id><matching>phone</matching><phone>+79000000001</phone><skip_triggers>true</skip_triggers><add_to_segments>2</add_to_segments><add_to_segments>5</add_to_segments><data><_fname>Jane</_fname></data></xml>',
	);
	expect(answer.text).toBe(
		'<xml><error>0</error><error_text>Successful operation</error_text><profile_id>abcdefghijklmnqrstuvwxyz</profile_id></xml>',
	);
	expect(api.sandbox.profile('abcdefghijklmnqrstuvwxyz')).toMatchObject({
		segments: [2, 5],
		fields: { _fname: 'Jane' },
	});
});

test('the same Request-ID twice: one import, the first answer with Duplicate-Request', async () => {
	const body = { db_id: 1, email: 'twice@example.com', data: {} };
	const first = await api.post(IMPORT, body, { 'Request-ID': 'import-once' });
	const second = await api.post(IMPORT, { ...body, data: { _fname: 'Changed' } }, { 'Request-ID': 'import-once' });
	expect(second.json).toEqual(first.json);
	expect(second.headers.get('duplicate-request')).toBe('true');
	expect(api.sandbox.operations).toHaveLength(1);
	expect(api.sandbox.profile(first.json.profile_id)?.fields).toEqual({});
});

describe('import_batch and update_batch', () => {
	test('one result per element in data order, each with its own error [INF]; the call answers 0', async () => {
		const data = [
			{ email: 'john@example.com', _fname: 'John' },
			{ email: 'not-an-address' },
			{
				email: 'batch.new@example.com',
				subscriptions: [{ channel: 'email', email_data: { email: 'batch.new@example.com' }, resource_id: 24 }],
			},
		];
		const answer = await api.post('/api/v1.1/profiles/import_batch', { db_id: 1, matching: 'email', data });
		expect(answer.json).toEqual({
			...SUCCESS,
			result: [
				{ ...SUCCESS, profile_id: JOHN },
				{ error: 400, error_text: 'data[1].email is not a valid address: "not-an-address"' },
				{ ...SUCCESS, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) },
			],
		});
		// The nested subscription shape of the batch pages is stored flat.
		expect(api.sandbox.profile(answer.json.result[2].profile_id)?.subscriptions).toEqual([
			{ resource_id: 24, channel: 'email', email: 'batch.new@example.com', status: 'subscribed', priority: 0 },
		]);
		expect(api.sandbox.operations.map((operation) => operation.item)).toEqual([data[0], data[2]]);
	});

	test("update_batch: an unknown profile is that element's 404; custom matching takes each element's field", async () => {
		const data = [{ CRM_ID: 123420, FirstName: 'J.' }, { CRM_ID: 999 }];
		const answer = await api.post('/api/v1.1/profiles/update_batch', {
			db_id: 1,
			matching: 'custom',
			field_name: 'CRM_ID',
			data,
		});
		expect(answer.json.result).toEqual([
			{ ...SUCCESS, profile_id: JOHN },
			{ error: 404, error_text: expect.stringMatching(/Profile not found in database 1 \(custom 999\)/) },
		]);
	});

	test('more than 10,000 profiles is refused whole (400) and nothing is imported', async () => {
		const data = Array.from({ length: 10_001 }, (_, i) => ({ email: `p${i}@example.com` }));
		const answer = await api.post('/api/v1.1/profiles/import_batch', { db_id: 1, data });
		expect(answer.status).toBe(400);
		expect(answer.json.error_text).toMatch(/at most 10000 profiles/);
		expect(api.sandbox.operations).toHaveLength(0);
	});

	test('a body over 10 MB is refused with 413', async () => {
		const answer = await api.post('/api/v1.1/profiles/import_batch', {
			db_id: 1,
			data: [{ email: 'a@example.com', blob: 'x'.repeat(10 * 1024 * 1024) }],
		});
		expect(answer.status).toBe(413);
	});
});
