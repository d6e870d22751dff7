/**
 * Launch via Trigger Link (v1.0) through n8n's engine against the sandbox over HTTP: the docs'
 * v1.0 examples, every identifier, the links Altcraft shows, refusals, Altcraft's errors, Continue
 * On Fail, the token kept out of every output, and the "From List" picker.
 * (launch-via-link.test.ts holds further cases of the same operation.)
 */
import type { INodeParameters } from 'n8n-workflow';
import { listSearch, runWorkflow, type RunResult } from '../../../devkit/engine';
import { json, linkLaunchParams, useSandbox, nodeOptions } from '../../helpers/fixture';
import { xmlTree } from '../../helpers/seed';
import { md5Hex, xxh64Hex } from '../../../sandbox';

const ctx = useSandbox();

/** The v1.0 POST examples of Altcraft's "Trigger launch" page, verbatim. */
const SEED_V10_JSON = {
	token: 'abcdefghijklmnqrstuvwxyz',
	id: 96,
	matching: 'profile_id',
	profile_id: '6606e08f10bcdd88297057a7',
	fields: [
		{ name: 'FirstName', value: 'Jason', option: 0 },
		{ name: 'Order', value: '123abc456-78', option: 1 },
	],
};
const SEED_V10_XML = `<xml>
<token>2fefb577533d4cae919350c450755239</token>
<id>96</id>
<matching>profile_id</matching>
<profile_id>6606e08f10bcdd88297057a4</profile_id>
<fields>
<name>FirstName</name>
<value>Jason</value>
<option>0</option>
</fields>
<fields>
<name>Order</name>
<value>123abc456-78</value>
<option>1</option>
</fields>
</xml>`;

/** What the node sends of an example: the link names the trigger mailing and the profile. */
function withoutLinkParts<T extends object>(example: T): Omit<T, 'id' | 'matching' | 'profile_id'> {
	const { id: _id, matching: _matching, profile_id: _profileId, ...rest } = example as Record<string, unknown>;
	return rest as Omit<T, 'id' | 'matching' | 'profile_id'>;
}

const keyOf = (trigger: number) => ctx.sandbox.triggerLink(trigger).split('/trg/')[1].split('/')[0];

const linkParams = (extra: INodeParameters = {}, link = ctx.sandbox.triggerLink(96)) => linkLaunchParams(link, extra);

const seedFieldsParam = { field: SEED_V10_JSON.fields.map((field) => ({ ...field })) };

/**
 * The token appears nowhere in the execution; no whole trigger key in what the node outputs or
 * reports (the input items may hold links: they are the user's own data).
 */
function expectNoSecrets(result: RunResult) {
	expect(JSON.stringify(result.run.data.resultData)).not.toContain(ctx.sandbox.token);
	const shown = JSON.stringify({ items: result.items, error: result.error });
	expect(shown).not.toContain(ctx.sandbox.token);
	for (const trigger of [84, 96]) expect(shown).not.toContain(keyOf(trigger));
}

describe("the docs' v1.0 POST examples", () => {
	test('JSON: the same fields, values and options; token from the credential; no id, matching or profile_id', async () => {
		const result = await ctx.run(
			linkParams({ sendFields: true, fields: seedFieldsParam }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/trg/${keyOf(96)}/john%40example.com`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.rawBody)).toEqual({ ...withoutLinkParts(SEED_V10_JSON), token: ctx.sandbox.token });
		expect(request.body.fields).toEqual(SEED_V10_JSON.fields);
		expect(ctx.sandbox.launches).toMatchObject([
			{
				version: '1.0',
				triggerId: 96,
				matching: 'email',
				target: 'john@example.com',
				profiles: ['6606e08f10bcdd88297057a7'],
			},
		]);
		expectNoSecrets(result);
	});

	test('XML: <xml> root, token first, one <fields> element per field, as in the docs', async () => {
		const result = await ctx.run(
			linkParams({ sendFields: true, fields: seedFieldsParam, options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.headers['content-type']).toMatch(/^application\/xml/);
		expect(request.rawBody).toBe(
			`<xml><token>${ctx.sandbox.token}</token>` +
				'<fields><name>FirstName</name><value>Jason</value><option>0</option></fields>' +
				'<fields><name>Order</name><value>123abc456-78</value><option>1</option></fields></xml>',
		);
		const seed = withoutLinkParts(xmlTree(SEED_V10_XML) as Record<string, unknown>);
		expect(xmlTree(request.rawBody)).toEqual({ ...seed, token: ctx.sandbox.token });
		// The sandbox reads the XML as Altcraft would: the same fields as the JSON example.
		expect(request.body.fields).toEqual(SEED_V10_JSON.fields);
		expect(ctx.sandbox.launches).toMatchObject([{ version: '1.0', triggerId: 96 }]);
		expect(result.items[0].json).toMatchObject({
			launched: true,
			response: { error: 0, error_text: 'Successful operation' },
		});
		expectNoSecrets(result);
	});

	test('XML with a single field still sends it as a <fields> element', async () => {
		await ctx.run(
			linkParams({
				sendFields: true,
				fields: { field: [{ name: 'FirstName', value: 'Jason', option: 2 }] },
				options: { requestFormat: 'xml' },
			}),
			json({ email: 'john@example.com' }),
		);
		expect(ctx.sandbox.requests[0].rawBody).toBe(
			`<xml><token>${ctx.sandbox.token}</token><fields><name>FirstName</name><value>Jason</value><option>2</option></fields></xml>`,
		);
		expect(ctx.sandbox.launches[0].body.fields).toEqual([{ name: 'FirstName', value: 'Jason', option: 2 }]);
	});

	test('field values come from each item; a number from an expression stays a number', async () => {
		const fields = {
			field: [
				{ name: 'FirstName', value: '={{ $json.name }}', option: 1 },
				{ name: 'CRM_ID', value: '={{ $json.crm }}', option: 2 },
			],
		};
		const result = await ctx.run(
			linkParams({ sendFields: true, fields }),
			json(
				{ email: 'john@example.com', name: 'Johnny', crm: 123420 },
				{ email: 'jane@example.com', name: 'Janet', crm: 123421 },
			),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches.map((launch) => launch.body.fields)).toEqual([
			[
				{ name: 'FirstName', value: 'Johnny', option: 1 },
				{ name: 'CRM_ID', value: 123420, option: 2 },
			],
			[
				{ name: 'FirstName', value: 'Janet', option: 1 },
				{ name: 'CRM_ID', value: 123421, option: 2 },
			],
		]);
	});
});

describe('GET: no body, no token, one identifier in the last segment', () => {
	test('an email with + is URL-encoded (%2B) and reaches the right profile', async () => {
		const result = await ctx.run(linkParams(), json({ email: 'ivan+news@example.org' }));
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/trg/${keyOf(96)}/ivan%2Bnews%40example.org`);
		expect(request.rawBody).toBe('');
		expect(request.headers.authorization).toBeUndefined();
		expect(ctx.sandbox.launches).toMatchObject([
			{ matching: 'email', target: 'ivan+news@example.org', profiles: ['6606e08f10bcdd88297057a8'] },
		]);
	});

	test.each([
		['givenMd5', 'md5', md5Hex('jane@example.com'), 'abcdefghijklmnqrstuvwxyz'],
		['givenXxh', 'xxh', xxh64Hex('jane@example.com'), 'abcdefghijklmnqrstuvwxyz'],
	])('Send As %s: the hash as given (upper case is lowered)', async (sendAs, identifyBy, hash, profile) => {
		const result = await ctx.run(
			linkParams({ sendAs, emailHash: '={{ $json.hash }}' }),
			json({ hash: hash.toUpperCase() }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].path).toBe(`/trg/${keyOf(96)}/${hash}`);
		expect(ctx.sandbox.launches).toMatchObject([{ matching: identifyBy, target: hash, profiles: [profile] }]);
		expect(result.items[0].json).toMatchObject({ identifyBy, profileIdentifier: hash, method: 'GET' });
	});

	test('Send As "MD5 Hash of the Email" (the default): trimmed, lowercased, hashed', async () => {
		const { sendAs: _sendAs, ...byDefault } = linkParams();
		const result = await ctx.run(byDefault, json({ email: ' John@Example.COM ' }));
		expect(result.error).toBeUndefined();
		const hash = md5Hex('john@example.com');
		expect(ctx.sandbox.requests[0].path).toBe(`/trg/${keyOf(96)}/${hash}`);
		expect(ctx.sandbox.launches).toMatchObject([{ matching: 'md5', profiles: ['6606e08f10bcdd88297057a7'] }]);
	});

	test('GET works even with a wrong token: the link alone launches', async () => {
		const result = await runWorkflow({
			parameters: linkParams(),
			items: json({ email: 'john@example.com' }),
			credentials: { ...ctx.credentials, apiToken: 'not-the-token' },
		});
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(1);
	});

	test("the output: Altcraft's answer and the launch, paired, with only the start of the key", async () => {
		const result = await ctx.run(linkParams(), json({ email: 'john@example.com' }, { email: 'jane@example.com' }));
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				launched: true,
				triggerKey: `${keyOf(96).slice(0, 8)}…`,
				identifyBy: 'email',
				profileIdentifier: index === 0 ? 'john@example.com' : 'jane@example.com',
				method: 'GET',
				requestId: ctx.sandbox.requests[index].requestId,
				duplicate: false,
				attempts: 1,
				response: { data: null, error: 0, error_text: 'Successful operation' },
			});
		});
		expectNoSecrets(result);
	});
});

describe('POST and the token', () => {
	test("a wrong token: Altcraft's 403, and the token is nowhere in the error", async () => {
		const wrong = 'wrong-token-5f0c3b9e';
		const result = await runWorkflow({
			parameters: linkParams({ sendFields: true, fields: seedFieldsParam }),
			items: json({ email: 'john@example.com' }),
			credentials: { ...ctx.credentials, apiToken: wrong },
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: 'Altcraft error 403: Invalid token' });
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(wrong);
		expect(ctx.sandbox.launches).toHaveLength(0);
	});

	test('with the token in the Authorization header, the POST body holds only the fields', async () => {
		const result = await runWorkflow({
			parameters: linkParams({ sendFields: true, fields: seedFieldsParam }),
			items: json({ email: 'john@example.com' }),
			credentials: { ...ctx.credentials, authPlacement: 'header' },
		});
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.headers.authorization).toBe(`Bearer ${ctx.sandbox.token}`);
		expect(JSON.parse(request.rawBody)).toEqual({ fields: SEED_V10_JSON.fields });
		expectNoSecrets(result);
	});

	test('POST without fields sends an empty list (and the token)', async () => {
		await ctx.run(linkParams({ sendFields: true }), json({ email: 'john@example.com' }));
		expect(JSON.parse(ctx.sandbox.requests[0].rawBody)).toEqual({ token: ctx.sandbox.token, fields: [] });
		expect(ctx.sandbox.launches).toHaveLength(1);
	});
});

describe('trigger links', () => {
	test.each([
		['with scheme, port and placeholder, 48-hex key', () => ctx.sandbox.triggerLink(84), 84],
		['with scheme, port and placeholder, 64-hex key', () => ctx.sandbox.triggerLink(96), 96],
		["without scheme (on the API host: the API URL's http)", () => ctx.sandbox.triggerLink(84, false), 84],
		[
			'without scheme and without the last segment',
			() => ctx.sandbox.triggerLink(96, false).replace('/<email|md5|xxh>', ''),
			96,
		],
		[
			'with a trailing slash instead of the placeholder',
			() => ctx.sandbox.triggerLink(96).replace('<email|md5|xxh>', ''),
			96,
		],
	])('%s', async (_name, link, trigger) => {
		const result = await ctx.run(linkParams({}, link()), json({ email: 'john@example.com' }));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].path).toBe(`/trg/${keyOf(trigger)}/john%40example.com`);
		expect(ctx.sandbox.launches).toMatchObject([{ version: '1.0', triggerId: trigger }]);
	});

	test('a link per item from an expression: each item launches its own trigger mailing', async () => {
		const result = await ctx.run(
			linkParams({}, '={{ $json.link }}'),
			json(
				{ email: 'john@example.com', link: ctx.sandbox.triggerLink(84) },
				{ email: 'jane@example.com', link: ctx.sandbox.triggerLink(96, false) },
			),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches.map((launch) => [launch.triggerId, launch.target])).toEqual([
			[84, 'john@example.com'],
			[96, 'jane@example.com'],
		]);
	});

	test('a malformed link from an item: refused before sending, naming the item and the shape of a link', async () => {
		const result = await ctx.run(
			linkParams({}, '={{ $json.link }}'),
			json(
				{ email: 'john@example.com', link: ctx.sandbox.triggerLink(84) },
				{ email: 'jane@example.com', link: 'https://trk.example.org/trg/84' },
			),
		);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: '"https://trk.example.org/trg/84" is not a trigger link (item 1)',
			context: { itemIndex: 1 },
		});
		expect(result.error?.description).toMatch(
			/^A trigger link looks like https:\/\/trk\.example\.org\/trg\/KEY\/email\|md5\|xxh, where KEY is 48 or 64 hex characters/,
		);
		// n8n shows the description as HTML: a raw angle bracket would swallow the shape.
		expect(result.error?.description).not.toMatch(/[<>]/);
		// Every item is checked before the first launch: the good item 0 is not sent either.
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an empty link from an item says so', async () => {
		const result = await ctx.run(linkParams({}, '={{ $json.link }}'), json({ email: 'john@example.com', link: '' }));
		expect(result.error).toMatchObject({ message: 'Trigger Link is empty for item 0', context: { itemIndex: 0 } });
	});

	test("an unknown key: Altcraft's 404 as a NodeApiError that points at the link", async () => {
		const unknown = ctx.sandbox.triggerLink(84).replace(keyOf(84), 'f'.repeat(48));
		const result = await ctx.run(linkParams({}, unknown), json({ email: 'john@example.com' }));
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Altcraft error 404: Trigger link not found: unknown trigger key',
			httpCode: '404',
			context: { itemIndex: 0 },
		});
		expect(result.error?.description).toMatch(/trigger link/);
		expect(ctx.sandbox.launches).toHaveLength(0);
		expectNoSecrets(result);
	});

	test('an Altcraft error in an HTTP 200 answer is still an error', async () => {
		ctx.sandbox.setOptions({ errorsWithHttp200: true });
		try {
			const result = await ctx.run(linkParams({}, ctx.sandbox.triggerLink(101)), json({ email: 'john@example.com' }));
			expect(result.error).toMatchObject({
				name: 'NodeApiError',
				message: expect.stringMatching(/^Altcraft error 400: .*not active/),
			});
			expect(result.error?.description).toMatch(/Activate it in Altcraft/);
		} finally {
			ctx.sandbox.setOptions({ errorsWithHttp200: false });
		}
	});

	test('a 503 is retried with the same Request-ID, like every launch', async () => {
		ctx.sandbox.inject({ path: '/trg/', status: 503 });
		const result = await ctx.run(
			linkParams({ options: nodeOptions({ retryInitialWait: 10 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(ctx.sandbox.requests[1].requestId).toBe(ctx.sandbox.requests[0].requestId);
		expect(result.items[0].json).toMatchObject({ attempts: 2, duplicate: false });
	});

	test('with an Idempotency Key, a second run is answered as a duplicate', async () => {
		const params = linkParams({ options: { idempotencyKey: '={{ $json.order }}' } });
		await ctx.run(params, json({ email: 'john@example.com', order: 'A-1' }));
		const again = await ctx.run(params, json({ email: 'john@example.com', order: 'A-1' }));
		expect(ctx.sandbox.requests[0].requestId).toMatch(new RegExp(`^link-${keyOf(96).slice(0, 12)}-A-1-[0-9a-f]{16}$`));
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(again.items[0].json).toMatchObject({ duplicate: true });
	});
});

describe('refused before sending', () => {
	test.each([
		[
			'email',
			'john@example.com; jane@example.com',
			'"john@example.com; jane@example.com" is not one valid email address (item 0)',
			/one profile per request/,
		],
		['email', '', 'Email is empty for item 0', /one profile per request/],
		['md5', '', 'Email is empty for item 0', /one profile per request/],
		['givenMd5', 'not-a-hash', '"not-a-hash" is not an MD5 hash (32 hex characters) (item 0)', /MD5 Hash of the Email/],
		[
			'givenMd5',
			xxh64Hex('john@example.com'),
			`"${xxh64Hex('john@example.com')}" is not an MD5 hash (32 hex characters) (item 0)`,
			/MD5/,
		],
		[
			'givenXxh',
			md5Hex('john@example.com'),
			`"${md5Hex('john@example.com')}" is not an XXHash (16 hex characters) (item 0)`,
			/XXHash/,
		],
		['givenXxh', ' ', 'Email Hash is empty for item 0', /XXHash/],
	])('Send As %s: "%s"', async (sendAs, value, message, description) => {
		const result = await ctx.run(
			linkParams({ sendAs, email: '={{ $json.value }}', emailHash: '={{ $json.value }}' }),
			json({ value }),
		);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message, context: { itemIndex: 0 } });
		expect(result.error?.description).toMatch(description);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Send As "MD5 Hash of the Email" with something that is not an email', async () => {
		const result = await ctx.run(linkParams({ sendAs: 'md5' }), json({ email: md5Hex('john@example.com') }));
		expect(result.error?.message).toMatch(/is not one valid email address \(item 0\)/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a field with an empty name', async () => {
		const fields = {
			field: [
				{ name: 'FirstName', value: 'Jason', option: 0 },
				{ name: '={{ $json.missing }}', value: 'x', option: 1 },
			],
		};
		const result = await ctx.run(linkParams({ sendFields: true, fields }), json({ email: 'john@example.com' }));
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Field 2 has no name (item 0)',
			context: { itemIndex: 0 },
		});
		expect(result.error?.description).toMatch(/FirstName/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an option outside 0, 1, 2 given by an expression', async () => {
		const fields = { field: [{ name: 'FirstName', value: 'Jason', option: '={{ 3 }}' }] };
		const result = await ctx.run(linkParams({ sendFields: true, fields }), json({ email: 'john@example.com' }));
		expect(result.error?.message).toBe('Field "FirstName" has option 3, which is not 0, 1 or 2 (item 0)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

test('Continue On Fail: each failure is an error item paired with its item; the others are launched', async () => {
	const good = ctx.sandbox.triggerLink(84);
	const unknownKey = good.replace(keyOf(84), '0'.repeat(48));
	const result = await ctx.run(
		linkParams({ sendFields: true, fields: seedFieldsParam }, '={{ $json.link }}'),
		json(
			{ email: 'john@example.com', link: good },
			{ email: 'jane@example.com', link: 'not a link' },
			{ email: 'jane@example.com', link: unknownKey },
			{ email: 'nobody', link: good },
			{ email: 'ivan+news@example.org', link: good },
		),
		{ continueOnFail: true },
	);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	expect(result.items[0].json).toMatchObject({ launched: true, profileIdentifier: 'john@example.com' });
	expect(result.items[1].json).toEqual({
		error: '"not a link" is not a trigger link (item 1)',
		description: expect.stringMatching(/^A trigger link looks like/),
	});
	expect(result.items[2].json).toMatchObject({
		error: 'Altcraft error 404: Trigger link not found: unknown trigger key',
		httpCode: '404',
	});
	expect(result.items[3].json).toMatchObject({ error: '"nobody" is not one valid email address (item 3)' });
	expect(result.items[4].json).toMatchObject({ launched: true, profileIdentifier: 'ivan+news@example.org' });
	expect(ctx.sandbox.launches.map((launch) => launch.target)).toEqual(['john@example.com', 'ivan+news@example.org']);
	expectNoSecrets(result);
});

describe('the "From List" picker', () => {
	// Paging, failures and odd answers of this picker: test/methods/list-search.test.ts.
	test('lists the links of the trigger mailings an API call launches, and a picked link launches', async () => {
		const { results } = await listSearch('searchTriggerLinks', ctx.credentials);
		expect(results.slice(0, 2)).toEqual([
			{ name: 'Welcome series (ID 84)', value: ctx.sandbox.triggerLink(84, false) },
			{ name: 'New videos digest (ID 96)', value: ctx.sandbox.triggerLink(96, false) },
		]);
		const result = await ctx.run(
			linkParams({ triggerLink: { __rl: true, mode: 'list', value: results[1].value } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toMatchObject([{ version: '1.0', triggerId: 96 }]);
	});

	test('filters by name or ID', async () => {
		expect((await listSearch('searchTriggerLinks', ctx.credentials, 'welcome')).results.map((r) => r.name)).toEqual([
			'Welcome series (ID 84)',
		]);
		expect((await listSearch('searchTriggerLinks', ctx.credentials, '96')).results[0].name).toBe(
			'New videos digest (ID 96)',
		);
	});
});

test('a refused link that holds a trigger key shows only the start of the key', async () => {
	const link = ctx.sandbox.triggerLink(84).replace('<email|md5|xxh>', 'john@example.com');
	const result = await ctx.run(linkParams({}, '={{ $json.link }}'), json({ email: 'john@example.com', link }), {
		continueOnFail: true,
	});
	expect(result.items[0].json.error).toBe(
		`"${link.replace(keyOf(84), `${keyOf(84).slice(0, 8)}…`)}" is not a trigger link (item 0)`,
	);
	expectNoSecrets(result);
});
