/**
 * Contract: goals/register ("Goals and goal values registration"), fixture sandbox/fixtures/goals.ts.
 * The page shows no example: the answer and the unknown-profile error are [INF].
 */
import { SUCCESS, useApi } from './api';

const api = useApi();
const PATH = '/api/v1.1/goals/register';
const JOHN = '6606e08f10bcdd88297057a7';

test('a goal with a value is recorded on the profile (email matching by default); the answer is {error: 0, error_text} [INF]', async () => {
	const answer = await api.post(PATH, { db_id: 1, pixel_id: 1, goal: 'card', value: -25.5, email: 'john@example.com' });
	expect(answer.json).toEqual(SUCCESS);
	const body = {
		db_id: 1,
		pixel_id: 1,
		goals: [{ goal: 'card', value: 10.0 }, { goal: 'visit' }],
		matching: 'custom',
		field_name: 'CRM_ID',
		field_value: '123420',
		date: '2006-01-25T15:04:05+07:00',
	};
	await api.post(PATH, body);
	expect(api.sandbox.profile(JOHN)?.goals).toEqual([
		{ pixel_id: 1, goal: 'card', value: -25.5 },
		{ pixel_id: 1, goal: 'card', value: 10, date: '2006-01-25T15:04:05+07:00' },
		{ pixel_id: 1, goal: 'visit', date: '2006-01-25T15:04:05+07:00' },
	]);
	expect(api.sandbox.operations.map((operation) => operation.profiles)).toEqual([[JOHN], [JOHN]]);
});

test('a goal for an unknown profile (or one in another database) is 404 [INF]; nothing is recorded', async () => {
	const unknown = await api.post(PATH, { db_id: 1, pixel_id: 1, goal: 'card', email: 'nobody@example.com' });
	expect([unknown.status, unknown.json.error_text]).toEqual([
		404,
		'Profile not found in database 1 (email nobody@example.com)',
	]);
	expect((await api.post(PATH, { db_id: 2, pixel_id: 1, goal: 'card', email: 'john@example.com' })).status).toBe(404);
	expect(api.sandbox.operations).toHaveLength(0);
});

test('checks: db_id and pixel_id required and known, a goal, flat pixel_data of at most 1 KB, RFC 3339 date, five matching modes', async () => {
	const base = { db_id: 1, pixel_id: 1, goal: 'card', email: 'john@example.com' };
	const cases: Array<[Record<string, unknown>, number, RegExp]> = [
		[{ ...base, pixel_id: undefined }, 400, /pixel_id is required/],
		[{ ...base, pixel_id: 9 }, 404, /Pixel not found/],
		[{ ...base, db_id: 9 }, 404, /Database not found/],
		[{ ...base, goal: undefined }, 400, /goal or goals is required/],
		[{ ...base, value: 'lots' }, 400, /value must be a number/],
		[{ ...base, goals: [{ value: 1 }] }, 400, /goals\[0\]\.goal must be a goal name/],
		[
			{ ...base, pixel_data: { key: 'value', array: [1, 2, 3] } },
			400,
			/pixel_data.array: pixel_data must not contain nested objects or arrays/,
		],
		[{ ...base, pixel_data: { big: 'x'.repeat(1100) } }, 400, /at most 1024 \(1 KB\)/],
		[{ ...base, date: '25.01.2006' }, 400, /date must be an RFC 3339 date-time/],
		[
			{ ...base, matching: 'email_sub' },
			400,
			/matching must be one of email, email_profile, phone, profile_id, custom/,
		],
		[{ ...base, is_test: 'yes' }, 400, /is_test must be true or false/],
	];
	for (const [body, status, message] of cases) {
		const answer = await api.post(PATH, body);
		expect([answer.status, answer.json.error_text]).toEqual([status, expect.stringMatching(message)]);
	}
	expect(api.sandbox.profile(JOHN)?.goals).toBeUndefined();
});

test('XML: repeated <goals> elements with number text, answered in XML', async () => {
	const answer = await api.postXml(
		PATH,
		'<xml><token>t</token><db_id>1</db_id><pixel_id>2</pixel_id><matching>phone</matching><phone>+79000000000</phone><goals><goal>card</goal><value>10.5</value></goals><goals><goal>visit</goal></goals><is_test>true</is_test></xml>',
	);
	expect(answer.text).toBe('<xml><error>0</error><error_text>Successful operation</error_text></xml>');
	expect(api.sandbox.profile(JOHN)?.goals).toEqual([
		{ pixel_id: 2, goal: 'card', value: 10.5 },
		{ pixel_id: 2, goal: 'visit' },
	]);
});
