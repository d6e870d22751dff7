/**
 * Exercises the Altcraft sandbox over real HTTP (global fetch), as the node will use it.
 */
import { demoData, md5Hex, startSandbox, xxh64Hex, type Sandbox } from '../../sandbox';
import { seedJson, withToken } from '../helpers/seed';

const SUCCESS = { data: null, error: 0, error_text: 'Successful operation' };
const SUCCESS_XML = '<xml><data/><error>0</error><error_text>Successful operation</error_text></xml>';
const START = '/api/v1.1/campaigns/triggers/start/';
const KEY_84 = demoData.triggers[0].key;
const KEY_101 = demoData.triggers[2].key;

let sb: Sandbox;

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
	const response = await fetch(sb.url + path, init);
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
	return call(path, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
}

function postXml(path: string, xml: string, headers: Record<string, string> = {}): Promise<Answer> {
	return call(path, { method: 'POST', headers: { 'Content-Type': 'application/xml', ...headers }, body: xml });
}

beforeAll(async () => {
	sb = await startSandbox();
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.reset();
	sb.setOptions({ errorsWithHttp200: false, legacyDuplicateHeaders: false, faultRate: 0 });
});

describe('v1.1 launch: the documentation examples', () => {
	test('JSON: one profile by profile_id', async () => {
		const answer = await postJson(START, {
			token: sb.token,
			id: 84,
			matching: 'profile_id',
			profile_id: 'abcdefghijklmnqrstuvwxyz',
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(SUCCESS);
		expect(answer.headers.get('content-type')).toMatch(/application\/json/);
		expect(sb.launches).toEqual([
			expect.objectContaining({
				version: '1.1',
				triggerId: 84,
				matching: 'profile_id',
				target: 'abcdefghijklmnqrstuvwxyz',
				profiles: ['abcdefghijklmnqrstuvwxyz'],
			}),
		]);
	});

	test('JSON: audience by custom_request $in', async () => {
		const customRequest = { Custom_ID: { $in: ['IpHicQquekzYkufl', 'xzFKLXeaJkCYHuMb', 'SRNOwHVZiWFItJhr'] } };
		const answer = await postJson(START, { token: sb.token, id: 84, custom_request: customRequest });
		expect(answer.json).toEqual(SUCCESS);
		expect(sb.launches[0].matching).toBeUndefined();
		expect(sb.launches[0].profiles).toEqual([
			'6606e08f10bcdd88297057a7',
			'abcdefghijklmnqrstuvwxyz',
			'6606e08f10bcdd88297057a8',
		]);
	});

	test('JSON: content and attachments', async () => {
		const body = withToken(seedJson.contentAndAttachments, sb.token);
		expect((await postJson(START, body)).json).toEqual(SUCCESS);
		expect(sb.launches[0].body).toEqual(body);
	});

	test('XML: one profile by profile_id, answered in XML', async () => {
		const answer = await postXml(
			START,
			`<xml>\n<token>${sb.token}</token>\n<id>84</id>\n<matching>profile_id</matching>\n<profile_id>abcdefghijklmnqrstuvwxyz</profile_id>\n</xml>`,
		);
		expect(answer.status).toBe(200);
		expect(answer.text).toBe(SUCCESS_XML);
		expect(answer.headers.get('content-type')).toMatch(/application\/xml/);
		expect(sb.requests[0].format).toBe('xml');
		expect(sb.launches[0]).toEqual(expect.objectContaining({ triggerId: 84, profiles: ['abcdefghijklmnqrstuvwxyz'] }));
	});

	test('XML (text/xml): custom_request as JSON text', async () => {
		const answer = await call(START, {
			method: 'POST',
			headers: { 'Content-Type': 'text/xml; charset=utf-8' },
			body: `<xml><token>${sb.token}</token><id>84</id><custom_request>{"Custom_ID": {"$in": ["IpHicQquekzYkufl", "xzFKLXeaJkCYHuMb", "SRNOwHVZiWFItJhr"]}}</custom_request></xml>`,
		});
		expect(answer.text).toBe(SUCCESS_XML);
		expect(sb.launches[0].profiles).toHaveLength(3);
		expect(sb.launches[0].body.custom_request).toEqual({
			Custom_ID: { $in: ['IpHicQquekzYkufl', 'xzFKLXeaJkCYHuMb', 'SRNOwHVZiWFItJhr'] },
		});
	});

	test('XML: repeated <attach> and <data_lines> become arrays, a single <attach> too', async () => {
		const xml = `<xml><token>${sb.token}</token><id>96</id><matching>profile_id</matching><profile_id>6606e08f10bcdd88297057a7</profile_id>
			<attach><data>data:text/csv;base64,5LuK5pel44GvCg==</data><name>日本.txt</name></attach>
			<attach><data>data:text/csv;base64,SEVMTE8K</data><name>US.txt</name></attach>
			<content><data_lines>Channel A</data_lines><data_lines>Channel B</data_lines><email_title>New videos on your favorite channels</email_title></content></xml>`;
		expect((await postXml(START, xml)).text).toBe(SUCCESS_XML);
		const body = sb.launches[0].body;
		expect(body.attach).toEqual([
			{ data: 'data:text/csv;base64,5LuK5pel44GvCg==', name: '日本.txt' },
			{ data: 'data:text/csv;base64,SEVMTE8K', name: 'US.txt' },
		]);
		expect(body.content.data_lines).toEqual(['Channel A', 'Channel B']);
		expect(body.id).toBe(96);

		const single = `<xml><token>${sb.token}</token><id>96</id><matching>email</matching><email>john@example.com</email>
			<attach><data>data:text/csv;base64,SEVMTE8K</data><name>US.txt</name></attach>
			<subscription_filter><email>john@example.com</email><not_strict>true</not_strict></subscription_filter></xml>`;
		expect((await postXml(START, single)).text).toBe(SUCCESS_XML);
		expect(sb.launches[1].body.attach).toEqual([{ data: 'data:text/csv;base64,SEVMTE8K', name: 'US.txt' }]);
		expect(sb.launches[1].body.subscription_filter.not_strict).toBe(true);
	});
});

describe('v1.1 launch: matching modes', () => {
	test('email is the default matching; unknown profiles still succeed with no recipients', async () => {
		await postJson(START, { token: sb.token, id: 84, email: 'JOHN@example.com' });
		await postJson(START, { token: sb.token, id: 84, matching: 'email', email: 'nobody@example.com' });
		expect(sb.launches.map((launch) => [launch.matching, launch.profiles])).toEqual([
			['email', ['6606e08f10bcdd88297057a7']],
			['email', []],
		]);
	});

	test('phone, custom field and tag field', async () => {
		await postJson(START, { token: sb.token, id: 84, matching: 'phone', phone: '+79000000001', resource_id: 24 });
		await postJson(START, { token: sb.token, id: 84, matching: 'custom', field_name: 'CRM_ID', field_value: '123420' });
		await postJson(START, {
			token: sb.token,
			id: 84,
			matching: 'custom',
			field_name: 'Tags',
			field_value: 'tag-1, tag-2',
		});
		expect(sb.launches.map((launch) => launch.profiles)).toEqual([
			['abcdefghijklmnqrstuvwxyz'],
			['6606e08f10bcdd88297057a7'],
			['6606e08f10bcdd88297057a8'],
		]);
	});

	test('custom_request with $or, $eq and _id', async () => {
		const custom_request = { $or: [{ email: { $eq: 'jane@example.com' } }, { _id: '6606e08f10bcdd88297057aa' }] };
		expect((await postJson(START, { token: sb.token, id: 84, custom_request })).json).toEqual(SUCCESS);
		expect(sb.launches[0].profiles).toEqual(['abcdefghijklmnqrstuvwxyz', '6606e08f10bcdd88297057aa']);
	});

	test('a `format` query parameter overrides the request format', async () => {
		const answer = await postJson(`${START}?format=xml`, { token: sb.token, id: 84, email: 'john@example.com' });
		expect(answer.text).toBe(SUCCESS_XML);
	});
});

describe('v1.1 launch: token', () => {
	const launch = { id: 84, email: 'john@example.com' };

	test('Bearer header instead of body token', async () => {
		const answer = await postJson(START, launch, { Authorization: `Bearer ${sb.token}` });
		expect(answer.json).toEqual(SUCCESS);
		expect(sb.stats.launches).toBe(1);
	});

	test('missing token: 401, wrong token: 403, in body or header', async () => {
		const missing = await postJson(START, launch);
		expect([missing.status, missing.json.error]).toEqual([401, 401]);
		expect(missing.json.error_text).toMatch(/token required/i);
		const wrongBody = await postJson(START, { ...launch, token: 'nope' });
		expect([wrongBody.status, wrongBody.json.error, wrongBody.json.error_text]).toEqual([403, 403, 'Invalid token']);
		const wrongHeader = await postJson(START, launch, { Authorization: 'Bearer nope', 'Request-ID': 'wrong-header' });
		expect(wrongHeader.status).toBe(403);
		expect(sb.stats.launches).toBe(0);
	});

	test('errorsWithHttp200 answers HTTP 200 with error != 0', async () => {
		sb.setOptions({ errorsWithHttp200: true });
		const answer = await postJson(START, { ...launch, token: 'nope' });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ data: null, error: 403, error_text: 'Invalid token' });
	});
});

describe('v1.1 launch: validation', () => {
	const cases: [string, Record<string, unknown>, number, RegExp][] = [
		['missing id', { email: 'john@example.com' }, 400, /id is required/],
		['id not an integer', { id: 'eighty-four', email: 'john@example.com' }, 400, /id must be/],
		['unknown trigger', { id: 999, email: 'john@example.com' }, 404, /Trigger mailing not found/],
		['inactive trigger', { id: 101, email: 'john@example.com' }, 400, /trigger mailing is not active/],
		['trigger not launched by API', { id: 102, email: 'john@example.com' }, 400, /not launched by API call/],
		['unknown matching', { id: 84, matching: 'fax', email: 'john@example.com' }, 400, /matching must be one of/],
		['email list', { id: 84, email: 'john@example.com;jane@example.com' }, 400, /one address/],
		['invalid email', { id: 84, email: 'john(at)example.com' }, 400, /not a valid address/],
		['no email and no custom_request', { id: 84 }, 400, /email is required/],
		['invalid phone', { id: 84, matching: 'phone', phone: '8 (900) 000-00-00' }, 400, /phone must be/],
		['missing profile_id', { id: 84, matching: 'profile_id' }, 400, /profile_id is required/],
		[
			'custom without field_value',
			{ id: 84, matching: 'custom', field_name: 'CRM_ID' },
			400,
			/field_value is required/,
		],
		['custom without field_name', { id: 84, matching: 'custom', field_value: 1 }, 400, /field_name is required/],
		[
			'custom_request not an object',
			{ id: 84, custom_request: '{"email":"x"}' },
			400,
			/custom_request must be a JSON object/,
		],
		[
			'unsupported custom_request operator',
			{ id: 84, custom_request: { email: { $regex: '.*' } } },
			400,
			/\$regex is not supported/,
		],
		[
			'resource_id as text',
			{ id: 84, email: 'john@example.com', resource_id: '24' },
			400,
			/resource_id must be an integer/,
		],
		['unknown resource_id', { id: 84, email: 'john@example.com', resource_id: 999 }, 404, /Resource not found/],
		['expiration not RFC 3339', { id: 84, email: 'john@example.com', expiration: '2026-02-22 21:00' }, 400, /RFC 3339/],
		[
			'content not an object',
			{ id: 84, email: 'john@example.com', content: ['a'] },
			400,
			/content must be a JSON object/,
		],
		[
			'custom_data not an object',
			{ id: 84, email: 'john@example.com', custom_data: 'x' },
			400,
			/custom_data must be a JSON object/,
		],
		[
			'subscription_filter not an object',
			{ id: 84, email: 'john@example.com', subscription_filter: [] },
			400,
			/subscription_filter must be/,
		],
		[
			'attach not an array',
			{ id: 84, email: 'john@example.com', attach: { data: 'x', name: 'a' } },
			400,
			/attach must be an array/,
		],
		[
			'attach without data URL',
			{ id: 84, email: 'john@example.com', attach: [{ data: 'SEVMTE8K', name: 'US.txt' }] },
			400,
			/data URL/,
		],
		[
			'attach without name',
			{ id: 84, email: 'john@example.com', attach: [{ data: 'data:text/plain;base64,SEVMTE8K' }] },
			400,
			/name must be/,
		],
	];

	test.each(cases)('%s', async (_name, body, code, text) => {
		const answer = await postJson(START, { token: sb.token, ...body });
		expect(answer.status).toBe(code);
		expect(answer.json.error).toBe(code);
		expect(answer.json.data).toBeNull();
		expect(answer.json.error_text).toMatch(text);
		expect(sb.stats.launches).toBe(0);
		expect(sb.requests[0].response).toEqual({ status: code, body: answer.json, duplicate: false });
	});

	test('unreadable bodies', async () => {
		const badJson = await call(START, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"id": 84,',
		});
		expect([badJson.status, badJson.json.error]).toEqual([400, 400]);
		expect(badJson.json.error_text).toMatch(/not valid JSON/);
		const noRoot = await postXml(START, `<request><token>${sb.token}</token><id>84</id></request>`);
		expect(noRoot.status).toBe(400);
		expect(noRoot.text).toMatch(
			/<error>400<\/error><error_text>XML request body must have the root element &lt;xml&gt;<\/error_text>/,
		);
		const brokenXml = await postXml(START, '<xml><id>84</xml>');
		expect(brokenXml.text).toMatch(/not valid XML/);
	});
});

describe('lists and trigger information, shaped like the documented examples', () => {
	test('triggers list: documented item shape, total_count, paging by from_id / limit, is_active', async () => {
		const all = await postJson('/api/v1.1/campaigns/triggers/list', { token: sb.token });
		expect(all.json.error).toBe(0);
		expect(all.json.data).toHaveLength(1000); // the documented default limit
		expect(all.json.total_count).toBe(demoData.triggers.length);
		expect(all.json.data[0]).toEqual({
			id: 84,
			name: 'Welcome series',
			type: 'api_call',
			is_active: true,
			for_confirm: false,
			ui_tags: [],
			groups: [{ id: 0, name: 'main' }],
		});
		expect(all.json).not.toHaveProperty('next_from_id');
		const page = await postJson(
			'/api/v1.1/campaigns/triggers/list/',
			{ from_id: 97, limit: 2 },
			{ Authorization: `Bearer ${sb.token}` },
		);
		expect(page.json.data.map((trigger: { id: number }) => trigger.id)).toEqual([101, 102]);
		const active = await postJson('/api/v1.1/campaigns/triggers/list', { token: sb.token, is_active: true, limit: 3 });
		expect(active.json.data.map((trigger: { id: number }) => trigger.id)).toEqual([84, 96, 102]);
		expect((await postJson('/api/v1.1/campaigns/triggers/list', { token: sb.token, limit: 0 })).status).toBe(400);
	});

	test('trigger information: call_url without scheme in JSON; with scheme and the placeholder on its own line in XML', async () => {
		const host = sb.url.replace('http://', '');
		const got = await postJson('/api/v1.1/campaigns/triggers/get', { token: sb.token, id: 84 });
		expect(got.json.data).toMatchObject({
			id: 84,
			name: 'Welcome series',
			trigger_type: 'api_call',
			is_active: true,
			call_url: `${host}/trg/${KEY_84}/<email|md5|xxh>`,
		});
		expect(sb.triggerLink(84, false)).toBe(got.json.data.call_url);
		const xml = await postXml('/api/v1.1/campaigns/triggers/get', `<xml><token>${sb.token}</token><id>84</id></xml>`);
		expect(xml.text).toContain(`<call_url>${sb.url}/trg/${KEY_84}/\n&lt;email|md5|xxh&gt;\n</call_url>`);
		expect((await postJson('/api/v1.1/campaigns/triggers/get', { token: sb.token, id: 999999 })).json.error).toBe(404);
		expect((await postJson('/api/v1.1/campaigns/triggers/get', { token: sb.token, id: 102 })).json.data.call_url).toBe(
			'',
		);
	});

	test('resources list: documented item shape, next_from_id and total_count, and its token check', async () => {
		const answer = await postJson('/api/v1.1/resources/list', { token: sb.token });
		expect(answer.json).toEqual({
			error: 0,
			error_text: 'Successful operation',
			data: [{ id: 24, name: 'Main newsletter', groups: [{ id: 1, name: 'subaccount' }] }],
			next_from_id: 25,
			total_count: 1,
		});
		expect((await postJson('/api/v1.1/resources/list', { token: sb.token, from_id: 25 })).json.data).toEqual([]);
		expect((await postJson('/api/v1.1/resources/list', { token: 'nope' })).status).toBe(403);
		expect((await postJson('/api/v1.1/resources/list', { token: sb.token, limit: -1 })).status).toBe(400);
	});
});

describe('v1.0 trigger link', () => {
	test('GET with an email whose + is sent as %2B', async () => {
		const answer = await call(`/trg/${KEY_84}/${encodeURIComponent('ivan+news@example.org')}`);
		expect([answer.status, answer.json]).toEqual([200, SUCCESS]);
		expect(sb.launches[0]).toEqual(
			expect.objectContaining({
				version: '1.0',
				triggerId: 84,
				matching: 'email',
				target: 'ivan+news@example.org',
				profiles: ['6606e08f10bcdd88297057a8'],
			}),
		);
	});

	test('GET with the MD5 and the XXHash of an email', async () => {
		expect(xxh64Hex('abc')).toBe('44bc2cf5ad770999'); // reference vector of XXH64
		await call(`/trg/${KEY_84}/${md5Hex('jane@example.com')}`);
		await call(`/trg/${KEY_84}/${xxh64Hex('jane@example.com').toUpperCase()}/`);
		expect(sb.launches.map((launch) => [launch.matching, launch.profiles])).toEqual([
			['md5', ['abcdefghijklmnqrstuvwxyz']],
			['xxh', ['abcdefghijklmnqrstuvwxyz']],
		]);
	});

	test('POST JSON and XML with fields', async () => {
		const fields = [
			{ name: 'FirstName', value: 'Jason', option: 0 },
			{ name: 'Order', value: '123abc456-78', option: 1 },
		];
		expect((await postJson(`/trg/${KEY_84}/john@example.com`, { token: sb.token, fields })).json).toEqual(SUCCESS);
		const xml = `<xml><token>${sb.token}</token><fields><name>FirstName</name><value>Jason</value><option>0</option></fields>
			<fields><name>Order</name><value>123abc456-78</value><option>2</option></fields></xml>`;
		expect((await postXml(`/trg/${KEY_84}/jane@example.com`, xml)).text).toBe(SUCCESS_XML);
		expect(sb.launches[1].body.fields).toEqual([fields[0], { ...fields[1], option: 2 }]);
	});

	test('errors: option out of range, wrong token, placeholder, inactive trigger, unknown key', async () => {
		const option = await postJson(`/trg/${KEY_84}/john@example.com`, {
			fields: [{ name: 'FirstName', value: 'J', option: 3 }],
		});
		expect([option.status, option.json.error]).toEqual([400, 400]);
		expect(option.json.error_text).toMatch(/option must be 0/);
		expect((await postJson(`/trg/${KEY_84}/jane@example.com`, { token: 'nope' })).status).toBe(403);
		const placeholder = await call(
			sb.triggerLink(84).replace(sb.url, '').replace('<email|md5|xxh>', encodeURIComponent('<email|md5|xxh>')),
		);
		expect(placeholder.json.error_text).toMatch(/placeholder/);
		expect((await call(`/trg/${KEY_101}/john@example.com`)).json.error_text).toMatch(/not active/);
		const unknown = await call(`/trg/${'0'.repeat(48)}/john@example.com`);
		expect([unknown.status, unknown.json.error]).toEqual([404, 404]);
		expect((await call('/trg/not-a-key/john@example.com')).status).toBe(404);
		sb.setOptions({ errorsWithHttp200: true });
		expect((await call(`/trg/${'1'.repeat(64)}/john@example.com`)).status).toBe(404);
		expect(sb.stats.launches).toBe(0);
	});
});

describe('routing', () => {
	test('unknown paths and wrong methods are HTTP 404 JSON errors', async () => {
		const unknown = await postJson('/api/v1.1/campaigns/triggers/no_such_method', { token: sb.token });
		expect([unknown.status, unknown.json.error]).toEqual([404, 404]);
		expect((await call(START)).status).toBe(404);
	});
});

describe('deduplication', () => {
	test('same Request-ID: original response, Duplicate headers, no second launch', async () => {
		const first = await postJson(
			START,
			{ token: sb.token, id: 84, email: 'john@example.com' },
			{ 'Request-ID': 'launch-1' },
		);
		const again = await postJson(
			START,
			{ token: sb.token, id: 84, email: 'jane@example.com' },
			{ 'Request-ID': 'launch-1' },
		);
		expect(first.headers.get('duplicate-request')).toBeNull();
		expect([again.status, again.json]).toEqual([200, SUCCESS]);
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.headers.get('duplicate-key')).toBe('launch-1');
		expect(sb.launches).toHaveLength(1);
		expect(sb.launches[0].requestId).toBe('launch-1');
		expect(sb.stats.duplicates).toBe(1);
		expect(sb.requests[1].response).toEqual({ status: 200, body: SUCCESS, duplicate: true });
	});

	test('an application error is replayed too; legacy header names', async () => {
		sb.setOptions({ legacyDuplicateHeaders: true });
		const first = await postJson(
			START,
			{ token: sb.token, id: 101, email: 'john@example.com' },
			{ 'Request-ID': 'launch-2' },
		);
		const again = await postJson(
			START,
			{ token: sb.token, id: 84, email: 'john@example.com' },
			{ 'Request-ID': 'launch-2' },
		);
		expect(again.status).toBe(first.status);
		expect(again.json).toEqual(first.json);
		expect(again.headers.get('x-duplicate-request')).toBe('true');
		expect(again.headers.get('x-duplicate-key')).toBe('launch-2');
		expect(again.headers.get('duplicate-request')).toBeNull();
		expect(sb.stats.launches).toBe(0);
	});

	test('without Request-ID identical bodies are one launch (checksum); distinct Request-IDs are two', async () => {
		const body = { token: sb.token, id: 84, email: 'john@example.com' };
		await postJson(START, body);
		const again = await postJson(START, body);
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.headers.get('duplicate-key')).toMatch(/^[0-9a-f]{64}$/);
		expect(sb.stats.launches).toBe(1);
		await postJson(START, body, { 'Request-ID': 'a' });
		await postJson(START, body, { 'Request-ID': 'b' });
		expect(sb.stats).toEqual({ requests: 4, launches: 3, duplicates: 1, faults: 0 });
	});

	test('two identical v1.0 GETs are one launch', async () => {
		await call(`/trg/${KEY_84}/john@example.com`);
		expect((await call(`/trg/${KEY_84}/john@example.com`)).headers.get('duplicate-request')).toBe('true');
		expect(sb.stats.launches).toBe(1);
	});
});

describe('faults', () => {
	const launch = (id: string): Promise<Answer> =>
		postJson(START, { token: sb.token, id: 84, email: 'john@example.com' }, { 'Request-ID': id });

	test('canned HTML 503 with Retry-After, for `times` requests, recorded but not processed', async () => {
		sb.inject({ path: START, times: 2, status: 503, retryAfter: 1 });
		const first = await launch('f1');
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('1');
		expect(first.headers.get('content-type')).toMatch(/text\/html/);
		expect(first.text).toMatch(/<h1>503 Service Unavailable<\/h1>/);
		expect((await launch('f1')).status).toBe(503);
		expect((await launch('f1')).json).toEqual(SUCCESS);
		expect(sb.stats).toEqual({ requests: 3, launches: 1, duplicates: 0, faults: 2 });
		expect(sb.requests[0].body.id).toBe(84);
		expect(sb.requests[0].response?.status).toBe(503);
	});

	test('canned JSON body with custom headers; path filter', async () => {
		sb.inject({
			path: /resources/,
			status: 429,
			body: '{"error":429,"error_text":"slow down"}',
			headers: { 'X-Test': 'yes' },
		});
		expect((await launch('g1')).status).toBe(200);
		const limited = await postJson('/api/v1.1/resources/list', { token: sb.token });
		expect([limited.status, limited.json.error_text, limited.headers.get('x-test')]).toEqual([429, 'slow down', 'yes']);
		expect(limited.headers.get('content-type')).toMatch(/application\/json/);
	});

	test('delayMs alone delays a normal answer', async () => {
		sb.inject({ delayMs: 80 });
		const started = Date.now();
		expect((await launch('d1')).json).toEqual(SUCCESS);
		expect(Date.now() - started).toBeGreaterThanOrEqual(70);
		expect(sb.stats.launches).toBe(1);
	});

	test("reset 'before': connection dropped, nothing launched", async () => {
		sb.inject({ reset: 'before' });
		await expect(launch('r1')).rejects.toThrow();
		expect(sb.stats.launches).toBe(0);
		expect(sb.requests[0].response).toBeUndefined();
		expect((await launch('r1')).headers.get('duplicate-request')).toBeNull();
		expect(sb.stats.launches).toBe(1);
	});

	test("reset 'after': launched but unanswered; the retry with the same Request-ID is a duplicate", async () => {
		sb.inject({ reset: 'after', delayMs: 10 });
		await expect(launch('r2')).rejects.toThrow();
		expect(sb.stats.launches).toBe(1);
		const retry = await launch('r2');
		expect([retry.status, retry.headers.get('duplicate-request')]).toEqual([200, 'true']);
		expect(sb.stats.launches).toBe(1);
	});

	test('faultRate gives reproducible random 503s', async () => {
		sb.setOptions({ faultRate: 0.5 });
		const run = async (): Promise<number[]> => {
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await launch(`rate-${i}`)).status);
			return statuses;
		};
		const first = await run();
		expect(first).toContain(503);
		expect(first).toContain(200);
		sb.reset();
		expect(await run()).toEqual(first);
		expect(sb.stats.faults).toBe(first.filter((status) => status === 503).length);
	});
});

test('keepHistory false keeps only counters', async () => {
	const lean = await startSandbox({ keepHistory: false, token: 'abcdefghijklmnqrstuvwxyz' });
	try {
		const response = await fetch(`${lean.url}${START}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				token: 'abcdefghijklmnqrstuvwxyz',
				id: 84,
				matching: 'profile_id',
				profile_id: 'abcdefghijklmnqrstuvwxyz',
			}),
		});
		expect(await response.json()).toEqual(SUCCESS);
		expect([lean.requests.length, lean.launches.length]).toEqual([0, 0]);
		expect(lean.stats).toEqual({ requests: 1, launches: 1, duplicates: 0, faults: 0 });
	} finally {
		await lean.close();
	}
});
