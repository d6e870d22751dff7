import type { INodeParameters } from 'n8n-workflow';
import { listSearch } from '../../../devkit/engine';
import { json, linkLaunchParams, useSandbox, nodeOptions } from '../../helpers/fixture';
import { xmlTree } from '../../helpers/seed';
import { md5Hex, xxh64Hex } from '../../../sandbox';

const ctx = useSandbox();

const linkParams = linkLaunchParams;
const link84 = () => ctx.sandbox.triggerLink(84);
const key84 = () => link84().split('/trg/')[1].split('/')[0];

// The seed's v1.0 POST example: its fields, their values and options.
const seedFields = [
	{ name: 'FirstName', value: 'Jason', option: 0 },
	{ name: 'Order', value: '123abc456-78', option: 1 },
];
const seedXmlFields = `<xml><fields><name>FirstName</name><value>Jason</value><option>0</option></fields><fields><name>Order</name><value>123abc456-78</value><option>1</option></fields></xml>`;
const postParams = (extra: INodeParameters = {}) =>
	linkParams(link84(), { sendFields: true, fields: { field: seedFields }, ...extra });

describe('Launch via Trigger Link (v1.0)', () => {
	test("POST reproduces the docs' JSON example: fields with their values and options, token in the body", async () => {
		const result = await ctx.run(postParams(), json({ email: 'john@example.com' }));
		expect(result.error).toBeUndefined();
		const request = ctx.sandbox.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/trg/${key84()}/john%40example.com`);
		expect(JSON.parse(request.rawBody)).toEqual({ token: ctx.sandbox.token, fields: seedFields });
		expect(ctx.sandbox.launches).toMatchObject([{ version: '1.0', triggerId: 84, target: 'john@example.com' }]);
		expect(result.items[0].json).toMatchObject({
			launched: true,
			identifyBy: 'email',
			profileIdentifier: 'john@example.com',
			method: 'POST',
			duplicate: false,
			response: { error: 0 },
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test("POST reproduces the docs' XML example: repeated <fields> elements, token first", async () => {
		const result = await ctx.run(
			postParams({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		const raw = ctx.sandbox.requests[0].rawBody;
		expect(raw.startsWith(`<xml><token>${ctx.sandbox.token}</token><fields>`)).toBe(true);
		expect(xmlTree(raw)).toEqual({ token: ctx.sandbox.token, ...(xmlTree(seedXmlFields) as object) });
		expect(result.items[0].json).toMatchObject({ launched: true, response: { error: 0 } });
	});

	test('POST without fields in XML still carries the token', async () => {
		await ctx.run(
			linkParams(link84(), { sendFields: true, options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(ctx.sandbox.requests[0].rawBody).toBe(`<xml><token>${ctx.sandbox.token}</token></xml>`);
		expect(ctx.sandbox.launches).toHaveLength(1);
	});

	describe('GET with each identifier', () => {
		test('an email, URL-encoded so that + survives', async () => {
			const result = await ctx.run(linkParams(link84()), json({ email: 'ivan+news@example.org' }));
			expect(result.error).toBeUndefined();
			const request = ctx.sandbox.requests[0];
			expect(request.method).toBe('GET');
			expect(request.path).toBe(`/trg/${key84()}/ivan%2Bnews%40example.org`);
			expect(request.rawBody).toBe('');
			expect(request.headers.authorization).toBeUndefined();
			expect(ctx.sandbox.launches[0].target).toBe('ivan+news@example.org');
		});

		test('no token travels with a GET, also when the credential sends it as a Bearer header', async () => {
			const result = await ctx.run(linkParams(link84()), json({ email: 'john@example.com' }), {
				credentials: { ...ctx.credentials, authPlacement: 'header' },
			});
			expect(result.error).toBeUndefined();
			expect(ctx.sandbox.requests[0].headers.authorization).toBeUndefined();
			expect(ctx.sandbox.requests[0].rawBody).toBe('');
		});

		test('an MD5 hash', async () => {
			const hash = md5Hex('jane@example.com');
			await ctx.run(linkParams(link84(), { sendAs: 'givenMd5', emailHash: hash.toUpperCase() }), json({}));
			expect(ctx.sandbox.requests[0].path).toBe(`/trg/${key84()}/${hash}`);
			expect(ctx.sandbox.launches[0].matching).toBe('md5');
		});

		test('an MD5 hash computed from the email (trimmed, lowercased)', async () => {
			const result = await ctx.run(linkParams(link84(), { sendAs: 'md5' }), json({ email: '  Jane@Example.com ' }));
			expect(result.error).toBeUndefined();
			expect(ctx.sandbox.requests[0].path).toBe(`/trg/${key84()}/${md5Hex('jane@example.com')}`);
			expect(result.items[0].json).toMatchObject({ profileIdentifier: md5Hex('jane@example.com') });
		});

		test('an XXHash', async () => {
			const hash = xxh64Hex('john@example.com');
			await ctx.run(linkParams(link84(), { sendAs: 'givenXxh', emailHash: hash }), json({}));
			expect(ctx.sandbox.requests[0].path).toBe(`/trg/${key84()}/${hash}`);
			expect(ctx.sandbox.launches[0].matching).toBe('xxh');
		});
	});

	describe('trigger links as Altcraft shows them', () => {
		test.each([
			['with scheme, port and placeholder (48-hex key)', () => ctx.sandbox.triggerLink(84)],
			["without scheme (the API URL's scheme is used)", () => ctx.sandbox.triggerLink(84, false)],
			['without the last segment', () => ctx.sandbox.triggerLink(84).replace('/<email|md5|xxh>', '')],
			['with a trailing slash', () => ctx.sandbox.triggerLink(84).replace('<email|md5|xxh>', '')],
			[
				'with the placeholder URL-encoded',
				() => ctx.sandbox.triggerLink(84).replace('<email|md5|xxh>', '%3Cemail%7Cmd5%7Cxxh%3E'),
			],
			['with a 64-hex key', () => ctx.sandbox.triggerLink(96)],
		])('%s', async (_name, link) => {
			const result = await ctx.run(linkParams(link()), json({ email: 'john@example.com' }));
			expect(result.error).toBeUndefined();
			expect(ctx.sandbox.launches).toHaveLength(1);
			expect(ctx.sandbox.requests[0].path).toMatch(/^\/trg\/[0-9a-f]{48,64}\/john%40example\.com$/);
		});

		test.each([
			['not a link', 'welcome-series'],
			['a key of the wrong length', 'http://trk.example.org/trg/abc123/<email|md5|xxh>'],
			[
				'a link that already names a profile',
				() => ctx.sandbox.triggerLink(84).replace('<email|md5|xxh>', 'john@example.com'),
			],
			['the v1.1 API path', 'https://example.altcraft.com/api/v1.1/campaigns/triggers/start/'],
		])('refused: %s', async (_name, link) => {
			const value = typeof link === 'function' ? link() : link;
			const result = await ctx.run(
				linkParams('={{ $json.link }}'),
				json({ email: 'a@example.com', link: link84() }, { email: 'b@example.com', link: value }),
			);
			// A trigger key in the refused text is shortened, as in the output.
			expect(result.error?.message).toBe(
				`"${value.replace(key84(), `${key84().slice(0, 8)}…`)}" is not a trigger link (item 1)`,
			);
			expect(result.error?.description).toMatch(/A trigger link looks like https:\/\/trk\.example\.org\/trg\//);
			expect(result.error?.context?.itemIndex).toBe(1);
		});
	});

	test("an unknown key: Altcraft's 404 with how to fix it", async () => {
		const unknown = link84().replace(key84(), 'f'.repeat(48));
		const result = await ctx.run(linkParams(unknown), json({ email: 'john@example.com' }));
		expect(result.error?.message).toMatch(/^Altcraft error 404/);
		expect(result.error?.description).toMatch(/trigger link/);
		expect(ctx.sandbox.launches).toHaveLength(0);
	});

	test.each([
		['givenMd5', '1234', /"1234" is not an MD5 hash \(32 hex characters\) \(item 0\)/],
		['givenXxh', md5Hex('x'), /is not an XXHash \(16 hex characters\) \(item 0\)/],
		['email', 'not-an-email', /"not-an-email" is not one valid email address \(item 0\)/],
		['md5', 'not-an-email', /"not-an-email" is not one valid email address \(item 0\)/],
	])('Send As %s: a value that is not one is refused before sending', async (sendAs, value, message) => {
		const result = await ctx.run(linkParams(link84(), { sendAs, email: value, emailHash: value }), json({}));
		expect(result.error?.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a field without a name is refused before sending', async () => {
		const result = await ctx.run(
			postParams({ fields: { field: [{ name: ' ', value: 'x', option: 1 }] } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error?.message).toBe('Field 1 has no name (item 0)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail: a failed item is an error item paired with it; the others are launched', async () => {
		const result = await ctx.run(
			linkParams(link84()),
			json({ email: 'john@example.com' }, { email: 'oops' }, { email: 'jane@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.items).toHaveLength(3);
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({ error: expect.stringMatching(/item 1/) }),
			pairedItem: { item: 1 },
		});
		expect(ctx.sandbox.launches.map((launch) => launch.target)).toEqual(['john@example.com', 'jane@example.com']);
	});

	test('the token is in no output item and no error', async () => {
		const ok = await ctx.run(postParams(), json({ email: 'john@example.com' }));
		const failed = await ctx.run(
			linkParams(link84().replace(key84(), '0'.repeat(48))),
			json({ email: 'john@example.com' }),
		);
		expect(JSON.stringify(ok.items)).not.toContain(ctx.sandbox.token);
		expect(JSON.stringify(failed.error)).not.toContain(ctx.sandbox.token);
		expect(JSON.stringify(failed.run.data.resultData)).not.toContain(ctx.sandbox.token);
	});

	test("the From List picker offers the trigger mailings' links", async () => {
		const { results } = await listSearch('searchTriggerLinks', ctx.credentials);
		// Like the v1.1 picker: launchable by API call only, active ones first (the rest: test/methods/list-search).
		expect(results.slice(0, 2).map((result) => result.name)).toEqual([
			'Welcome series (ID 84)',
			'New videos digest (ID 96)',
		]);
		const picked = results.find((result) => result.name === 'Welcome series (ID 84)')!;
		const result = await ctx.run(
			{ ...linkParams(''), triggerLink: { __rl: true, mode: 'list', value: picked.value } },
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toMatchObject([{ version: '1.0', triggerId: 84 }]);
	});

	test('an answer that is not Altcraft JSON is taken as success on HTTP 200, since the v1.0 answer is not documented', async () => {
		ctx.sandbox.inject({ path: '/trg/', status: 200, contentType: 'text/plain', body: 'OK' });
		const result = await ctx.run(linkParams(link84()), json({ email: 'john@example.com' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ launched: true, response: { httpStatus: 200, response: 'OK' } });
	});

	test('an HTML page with HTTP 200 is not a launch confirmation', async () => {
		ctx.sandbox.inject({
			path: '/trg/',
			status: 200,
			contentType: 'text/html',
			body: '<!doctype html><html><body>Welcome</body></html>',
		});
		const result = await ctx.run(linkParams(link84()), json({ email: 'john@example.com' }));
		expect(result.error?.message).toMatch(/HTML page/);
	});

	test('v1.0 retries only what Altcraft cannot have processed: 503 yes, 502 no (the link has no documented deduplication)', async () => {
		ctx.sandbox.inject({ path: '/trg/', status: 503 });
		const retried = await ctx.run(
			linkParams(link84(), { options: nodeOptions({ retryInitialWait: 1 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(retried.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(2);

		ctx.sandbox.reset();
		ctx.sandbox.inject({ path: '/trg/', status: 502 });
		const notRetried = await ctx.run(
			linkParams(link84(), { options: nodeOptions({ retryInitialWait: 1 }) }),
			json({ email: 'john@example.com' }),
		);
		expect(notRetried.error?.message).toMatch(/HTTP 502/);
		expect(ctx.sandbox.requests).toHaveLength(1);
	});
});
