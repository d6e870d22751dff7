/**
 * The "From List" pickers, called the way the editor calls them, against the sandbox's demo
 * account: trigger mailings 84, 96 (active, API call), 101 (inactive, API call), 102 (active, event:
 * no API call can launch it) and 1,100 generated ones of several types, active and inactive, so
 * that "Get trigger mailings list" takes two pages (limit 1000); resource 24.
 * Which documented example each answer comes from: test/contract/.
 */
import { demoData } from '../../sandbox';
import { listSearch } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const WRONG_TOKEN = 'wrong-token-5a4b3c2d1e0f';
const LIST = '/api/v1.1/campaigns/triggers/list';
const GET = '/api/v1.1/campaigns/triggers/get';
const RESOURCES = '/api/v1.1/resources/list';

const launchable = demoData.triggers.filter((trigger) => trigger.type === 'api_call');
const byId = new Map(demoData.triggers.map((trigger) => [String(trigger.id), trigger]));

function answer(path: string, body: object | string, contentType = 'application/json', times = 1) {
	ctx.sandbox.inject({
		path,
		status: 200,
		contentType,
		times,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

async function failure(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e as Error & { description?: string },
	);
	expect(error).toBeDefined();
	return error!;
}

describe('searchTriggerMailings', () => {
	test('lists every trigger mailing an API call can launch, over two pages of the list, active first, inactive marked', async () => {
		const { results, paginationToken } = await listSearch('searchTriggerMailings', ctx.credentials);
		expect(results.slice(0, 2)).toEqual([
			{ name: 'Welcome series (ID 84)', value: '84' },
			{ name: 'New videos digest (ID 96)', value: '96' },
		]);
		expect(results).toHaveLength(launchable.length);
		expect(results.map((r) => byId.get(String(r.value))!.type).every((type) => type === 'api_call')).toBe(true);
		expect(results.map((r) => r.value)).not.toContain('102');
		const firstInactive = results.findIndex((r) => !byId.get(String(r.value))!.is_active);
		expect(
			results
				.slice(0, firstInactive)
				.every((r) => byId.get(String(r.value))!.is_active && !r.name.includes('inactive')),
		).toBe(true);
		expect(
			results
				.slice(firstInactive)
				.every((r) => !byId.get(String(r.value))!.is_active && r.name.endsWith(' — inactive')),
		).toBe(true);
		expect(results[firstInactive]).toEqual({ name: 'Old promo (stopped) (ID 101) — inactive', value: '101' });
		expect(paginationToken).toBeUndefined();

		// Page 2 starts after the last ID of page 1 (the list has no next_from_id).
		const pages = ctx.sandbox.requests;
		expect(pages.map((r) => [r.method, r.path])).toEqual([
			['POST', LIST],
			['POST', LIST],
		]);
		expect(pages[0].body).toEqual({ token: ctx.sandbox.token, limit: 1000 });
		const lastOfPage1 = pages[0].response!.body.data[999].id as number;
		expect(pages[1].body).toEqual({ token: ctx.sandbox.token, from_id: lastOfPage1 + 1, limit: 1000 });
		expect(pages[1].response!.body.data.length).toBe(demoData.triggers.length - 1000);
	});

	test('also with the token as Bearer header', async () => {
		const { results } = await listSearch('searchTriggerMailings', { ...ctx.credentials, authPlacement: 'header' });
		expect(results.slice(0, 2).map((r) => r.value)).toEqual(['84', '96']);
		expect(ctx.sandbox.requests[0].headers.authorization).toBe(`Bearer ${ctx.sandbox.token}`);
		expect(ctx.sandbox.requests[0].body?.token).toBeUndefined();
	});

	test.each([
		['part of a name, any case', 'VIDEOS', ['96']],
		['an ID: that trigger mailing first, though inactive', '101', ['101']],
		['a name of an event trigger mailing (never listed)', 'cart (event)', []],
		['nothing that matches', 'no such mailing', []],
	])('a filter narrows the list: %s', async (_name, filter, values) => {
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials, filter);
		expect(results.map((r) => r.value).slice(0, values.length)).toEqual(values);
		// Every other entry holds the filter in its name or ID.
		expect(results.every((r) => r.name.toLowerCase().includes(filter.toLowerCase()))).toBe(true);
	});

	test("the editor's next page starts at the from_id it was given", async () => {
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials, undefined, '2000');
		expect(ctx.sandbox.requests[0].body).toEqual({ token: ctx.sandbox.token, from_id: 2000, limit: 1000 });
		expect(results.every((r) => Number(r.value) >= 2000)).toBe(true);
		expect(results.length).toBe(launchable.filter((t) => t.id >= 2000).length);
	});

	test('older field names (trigger_type, status) are read too', async () => {
		answer(LIST, {
			error: 0,
			error_text: 'Successful operation',
			data: [
				{ id: 1, name: 'Stopped', status: 'inactive', trigger_type: 'api_call' },
				{ id: 2, name: 'Running', status: 'active', trigger_type: 'api_call' },
				{ id: 3, name: 'On event', status: 'active', trigger_type: 'event' },
			],
		});
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials);
		expect(results).toEqual([
			{ name: 'Running (ID 2)', value: '2' },
			{ name: 'Stopped (ID 1) — inactive', value: '1' },
		]);
	});

	test('an odd item is left out, the others are listed', async () => {
		answer(LIST, {
			error: 0,
			error_text: 'Successful operation',
			data: [
				null,
				'text',
				[],
				{ name: 'No ID', type: 'api_call' },
				{ id: 'abc', name: 'Bad ID' },
				{ id: 5, type: 'api_call', is_active: true },
				{ id: '6', name: 'ID as text', is_active: 'false' },
			],
			total_count: 7,
		});
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials);
		expect(results).toEqual([
			{ name: 'Trigger mailing (ID 5)', value: '5' },
			{ name: 'ID as text (ID 6) — inactive', value: '6' },
		]);
	});

	test('an XML answer: <data/> is an empty list, one <data> element is a list of one', async () => {
		answer(
			LIST,
			'<xml><data/><error>0</error><error_text>Successful operation</error_text><total_count>0</total_count></xml>',
			'application/xml',
		);
		expect((await listSearch('searchTriggerMailings', ctx.credentials)).results).toEqual([]);
		answer(
			LIST,
			'<xml><data><for_confirm>false</for_confirm><groups><id>0</id><name>main</name></groups><id>12</id><is_active>false</is_active><name>New trigger campaign 3</name><type>api_call</type><ui_tags/></data><error>0</error><error_text>Successful operation</error_text><total_count>1</total_count></xml>',
			'application/xml',
		);
		expect((await listSearch('searchTriggerMailings', ctx.credentials)).results).toEqual([
			{ name: 'New trigger campaign 3 (ID 12) — inactive', value: '12' },
		]);
	});

	test('a list answer without data fails with a message that says so', async () => {
		answer(LIST, { error: 0, error_text: 'Successful operation' });
		const error = await failure(listSearch('searchTriggerMailings', ctx.credentials));
		expect(error.message).toBe('Altcraft answered the trigger mailings list without data');
		expect(error.description).toMatch(/API URL/);
	});

	test('an HTML page fails with a message that says so', async () => {
		answer(LIST, '<!doctype html><html><body>Sign in</body></html>', 'text/html');
		const error = await failure(listSearch('searchTriggerMailings', ctx.credentials));
		expect(error.message).toMatch(/HTML page/);
		expect(error.description).toMatch(/API URL/);
	});
});

describe('searchTriggerLinks', () => {
	test('links come from "Get trigger mailing information", 20 per page, for the page shown only', async () => {
		const first = await listSearch('searchTriggerLinks', ctx.credentials);
		expect(first.results).toHaveLength(20);
		expect(first.results.slice(0, 2)).toEqual([
			{ name: 'Welcome series (ID 84)', value: ctx.sandbox.triggerLink(84, false) },
			{ name: 'New videos digest (ID 96)', value: ctx.sandbox.triggerLink(96, false) },
		]);
		const gets = ctx.sandbox.requests.filter((r) => r.path === GET);
		expect(gets).toHaveLength(20);
		expect(gets[0].body).toEqual({ token: ctx.sandbox.token, id: 84 });
		expect(first.paginationToken as string).toBe(':20');

		ctx.sandbox.reset();
		const second = await listSearch('searchTriggerLinks', ctx.credentials, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(20);
		expect(second.results.map((r) => r.value)).not.toContain(first.results[19].value);
		expect(ctx.sandbox.requests.filter((r) => r.path === GET)[0].body.id).toBe(
			Number(second.results[0].name.match(/ID (\d+)/)![1]),
		);
	});

	test('a trigger mailing whose information fails is left out; the others are listed', async () => {
		ctx.sandbox.inject({
			path: GET,
			status: 500,
			contentType: 'application/json',
			body: '{"error":500,"error_text":"Internal error"}',
		});
		const page = await listSearch('searchTriggerLinks', ctx.credentials);
		expect(page.results).toHaveLength(19);
		expect(ctx.sandbox.requests.filter((r) => r.path === GET)).toHaveLength(20);
	});

	test("when every trigger mailing of the page fails, Altcraft's error is shown", async () => {
		ctx.sandbox.inject({
			path: GET,
			status: 403,
			times: 20,
			contentType: 'application/json',
			body: '{"error":403,"error_text":"No access to trigger campaigns"}',
		});
		const error = await failure(listSearch('searchTriggerLinks', ctx.credentials));
		expect(error.message).toBe('Altcraft error 403: No access to trigger campaigns');
	});

	test('information without a call_url leaves that trigger mailing out', async () => {
		answer(GET, {
			data: { id: 84, name: 'Welcome series', trigger_type: 'api_call', is_active: true },
			error: 0,
			error_text: 'Successful operation',
		});
		answer(GET, { data: { id: 96, call_url: '' }, error: 0, error_text: 'Successful operation' });
		const { results } = await listSearch('searchTriggerLinks', ctx.credentials, 'e');
		expect(results.map((r) => r.value)).not.toContain(ctx.sandbox.triggerLink(84, false));
		expect(results.map((r) => r.value)).not.toContain(ctx.sandbox.triggerLink(96, false));
		expect(results.length).toBeGreaterThan(0);
	});
});

describe('searchResources', () => {
	test('lists resource 24', async () => {
		const { results, paginationToken } = await listSearch('searchResources', ctx.credentials);
		expect(results).toEqual([{ name: 'Main newsletter (ID 24)', value: '24' }]);
		expect(paginationToken).toBeUndefined();
		expect(ctx.sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: RESOURCES,
			body: { token: ctx.sandbox.token, limit: 1000 },
		});
	});

	test('a filter narrows it by name or ID', async () => {
		expect((await listSearch('searchResources', ctx.credentials, 'newsletter')).results.map((r) => r.value)).toEqual([
			'24',
		]);
		expect((await listSearch('searchResources', ctx.credentials, '24')).results.map((r) => r.value)).toEqual(['24']);
		expect((await listSearch('searchResources', ctx.credentials, 'promo')).results).toEqual([]);
	});

	test('a full page is followed by the page at next_from_id', async () => {
		const data = Array.from({ length: 1000 }, (_, i) => ({ id: i * 3 + 1, name: `Resource ${i * 3 + 1}` }));
		answer(RESOURCES, { data, error: 0, error_text: 'Successful operation', next_from_id: 5000, total_count: 1001 });
		answer(RESOURCES, {
			data: [{ id: 5000, name: 'Last one' }],
			error: 0,
			error_text: 'Successful operation',
			next_from_id: 5001,
			total_count: 1001,
		});
		const { results } = await listSearch('searchResources', ctx.credentials);
		expect(results).toHaveLength(1001);
		expect(results[1000]).toEqual({ name: 'Last one (ID 5000)', value: '5000' });
		expect(ctx.sandbox.requests[1].body).toEqual({ token: ctx.sandbox.token, from_id: 5000, limit: 1000 });
	});
});

describe('a wrong token', () => {
	test.each([['searchTriggerMailings' as const], ['searchResources' as const], ['searchTriggerLinks' as const]])(
		"%s fails with Altcraft's error text, and never shows the token",
		async (method) => {
			const error = await failure(listSearch(method, { ...ctx.credentials, apiToken: WRONG_TOKEN }));
			expect(error.message).toBe('Altcraft error 403: Invalid token');
			expect(error.description).toMatch(/token/i);
			const whole = JSON.stringify({
				error,
				message: error.message,
				description: error.description,
				stack: error.stack,
			});
			expect(whole).not.toContain(WRONG_TOKEN);
			expect(whole).not.toContain(ctx.sandbox.token);
		},
	);

	test('also when Altcraft answers HTTP 200 with error 403', async () => {
		ctx.sandbox.setOptions({ errorsWithHttp200: true });
		try {
			const error = await failure(listSearch('searchTriggerMailings', { ...ctx.credentials, apiToken: WRONG_TOKEN }));
			expect(ctx.sandbox.requests[0].response?.status).toBe(200);
			expect(error.message).toBe('Altcraft error 403: Invalid token');
			expect(JSON.stringify({ error, stack: error.stack })).not.toContain(WRONG_TOKEN);
		} finally {
			ctx.sandbox.setOptions({ errorsWithHttp200: false });
		}
	});
});
