/** The sandbox's bulk and import routes refuse what the docs' parameter tables do not allow. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { importBatchDataExample } from '../../sandbox/fixtures';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

async function post(path: string, body: object, requestId?: string) {
	const response = await fetch(`${sb.url}/api/v1.1/campaigns/triggers/${path}`, {
		method: 'POST',
		body: JSON.stringify({ token: sb.token, ...body }),
		headers: { 'Content-Type': 'application/json', ...(requestId ? { 'Request-ID': requestId } : {}) },
	});
	return {
		status: response.status,
		duplicate: response.headers.get('duplicate-request'),
		body: (await response.json()) as Record<string, any>,
	};
}

const one = [{ email: 'john@example.com' }];

test.each([
	['start_batch', { data: one }, 400, /trigger_id is required/],
	['start_batch', { trigger_id: 84 }, 400, /data is required/],
	[
		'start_batch',
		{ trigger_id: 84, data: [{ phone: '+79000000000' }] },
		400,
		/data\[0\]\.email is required for matching "email"/,
	],
	['start_batch', { trigger_id: 84, matching: 'custom', data: [{ field_value: 1 }] }, 400, /field_name is required/],
	['start_batch', { trigger_id: 101, data: one }, 400, /not active/],
	['start_batch', { trigger_id: 84, data: one, matching: 'sms' }, 400, /matching must be one of/],
	[
		'start_batch',
		{ trigger_id: 84, data: [{ email: 'a@example.com', custom_data: 'x' }] },
		400,
		/data\[0\]\.custom_data must be a JSON object/,
	],
	['start_batch_task', { trigger_id: 84, data: one }, 400, /^id is required/],
	['import_and_start', { trigger_id: 84, email: 'a@example.com' }, 400, /data is required/],
	[
		'import_and_start',
		{ trigger_id: 84, matching: 'email_sub', email: 'a@example.com', data: {} },
		400,
		/matching must be one of email, email_profile, phone, profile_id, custom/,
	],
	[
		'import_and_start',
		{ trigger_id: 84, data: { email: 'a@example.com', subscriptions: [{ resource_id: 24, channel: 'sms' }] } },
		400,
		/subscriptions\[0\]\.phone/,
	],
	[
		'import_and_start',
		{ trigger_id: 84, data: { email: 'a@example.com' }, timeout: { minutes: -1 } },
		400,
		/timeout\.minutes/,
	],
	[
		'import_and_start_batch',
		{ trigger_id: 84, data: [{ email: 'a@example.com' }] },
		400,
		/data\[0\]\.data is required/,
	],
])('%s %j → %i', async (path, body, status, text) => {
	const answer = await post(path, body);
	expect(answer.status).toBe(status);
	expect(answer.body.error_text).toMatch(text);
	expect(sb.launches).toHaveLength(0);
});

test('skip_invalid_subscriptions lets an import with an invalid subscription through', async () => {
	const answer = await post('import_and_start', {
		trigger_id: 84,
		skip_invalid_subscriptions: true,
		data: { email: 'a@example.com', subscriptions: [{ resource_id: 24, channel: 'sms' }] },
	});
	expect(answer.body.error).toBe(0);
});

test("the docs' data example of the import batch pages (phones as one string) is accepted", async () => {
	const data = JSON.parse(importBatchDataExample);
	const answer = await post('import_and_start_batch_task', { trigger_id: 84, data });
	expect(answer.body).toEqual({ error: 0, error_text: 'Successful operation', data: { id: 1001 } });
	expect(sb.launches.map((launch) => launch.target)).toEqual(['profile4@example.com', 'profile3@example.com']);
});

test('a repeated Request-ID gets the first answer with Duplicate-Request and launches nothing new', async () => {
	const first = await post('start_batch', { trigger_id: 84, data: one }, 'batch-1');
	const again = await post('start_batch', { trigger_id: 84, data: one }, 'batch-1');
	expect(again.body).toEqual(first.body);
	expect(again.duplicate).toBe('true');
	expect(sb.launches).toHaveLength(1);
});
