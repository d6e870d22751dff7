import { json, launchParams, linkLaunchParams, useSandbox } from '../helpers/fixture';

/**
 * Options → Dry Run: every request is built and checked exactly as it would be sent, and output
 * instead of sent. Nothing reaches Altcraft; the token shows only masked.
 */
const ctx = useSandbox();
const MASK = '[token hidden]';
const dry = (options: object = {}) => ({ dryRun: true, ...options });
const people = json({ email: 'john@example.com', order: 'A-1' }, { email: 'jane@example.com', order: 'A-2' });

function expectNothingSentAndNoToken(result: { items: Array<{ json: unknown }> }) {
	expect(ctx.sandbox.requests).toHaveLength(0);
	expect(JSON.stringify(result.items)).not.toContain(ctx.sandbox.token);
}

describe('Dry Run', () => {
	test('per item: one preview per item, paired with it, equal to what a real run then sends', async () => {
		const parameters = launchParams({
			content: 'fields',
			contentValues: { values: [{ name: 'order', value: '={{ $json.order }}' }] },
			options: dry({ idempotencyKey: '={{ $json.order }}' }),
		});
		const preview = await ctx.run(parameters, people);
		expect(preview.error).toBeUndefined();
		expectNothingSentAndNoToken(preview);
		expect(preview.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [first] = preview.items;
		expect(first.json).toMatchObject({
			dryRun: true,
			launched: false,
			triggerMailingId: 84,
			matching: 'email',
			email: 'john@example.com',
			request: {
				method: 'POST',
				url: `${ctx.sandbox.url}/api/v1.1/campaigns/triggers/start/`,
				headers: { 'Content-Type': 'application/json; charset=utf-8' },
				body: { token: MASK, id: 84, matching: 'email', email: 'john@example.com', content: { order: 'A-1' } },
			},
		});
		expect(first.json).not.toHaveProperty('response');
		expect(first.json.requestId).toBe(
			(first.json.request as { headers: Record<string, string> }).headers['Request-ID'],
		);
		// n8n shows this above the output: nothing was sent.
		expect(preview.hints).toEqual([
			{
				message: expect.stringMatching(/^Dry Run is on: nothing was sent to Altcraft/),
				type: 'warning',
				location: 'outputPane',
			},
		]);

		// The same parameters without Dry Run send exactly the previewed requests.
		const real = await ctx.run({ ...parameters, options: { idempotencyKey: '={{ $json.order }}' } }, people);
		expect(real.error).toBeUndefined();
		expect(real.hints).toEqual([]);
		ctx.sandbox.requests.forEach((sent, index) => {
			const shown = preview.items[index].json.request as {
				headers: Record<string, string>;
				body: Record<string, unknown>;
			};
			expect(sent.requestId).toBe(shown.headers['Request-ID']);
			expect(sent.body).toEqual({ ...shown.body, token: ctx.sandbox.token });
		});
	});

	test('with the token in the Authorization header, the header shows it masked and the body has none', async () => {
		const result = await ctx.run(launchParams({ options: dry() }), json({ email: 'john@example.com' }), {
			credentials: { apiUrl: ctx.sandbox.url, apiToken: ctx.sandbox.token, authPlacement: 'header' },
		});
		expectNothingSentAndNoToken(result);
		const request = result.items[0].json.request as { headers: Record<string, string>; body: Record<string, unknown> };
		expect(request.headers.Authorization).toBe(`Bearer ${MASK}`);
		expect(request.body).not.toHaveProperty('token');
	});

	test('XML: the body is the XML text that would be sent, token masked and first', async () => {
		const result = await ctx.run(
			launchParams({ options: dry({ requestFormat: 'xml' }) }),
			json({ email: 'john@example.com' }),
		);
		expectNothingSentAndNoToken(result);
		const request = result.items[0].json.request as { headers: Record<string, string>; body: string };
		expect(request.headers['Content-Type']).toBe('application/xml; charset=utf-8');
		expect(request.body).toBe(
			`<xml><token>${MASK}</token><id>84</id><matching>email</matching><email>john@example.com</email></xml>`,
		);
	});

	test('audience and bulk: one item per input item, the request body shown once, on its first item', async () => {
		const audience = await ctx.run(launchParams({ launchMode: 'audience', options: dry() }), people);
		expectNothingSentAndNoToken(audience);
		expect(audience.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(audience.items.map((item) => [item.json.dryRun, item.json.launched, item.json.email])).toEqual([
			[true, false, 'john@example.com'],
			[true, false, 'jane@example.com'],
		]);
		expect(audience.items[0].json.request).toMatchObject({
			number: 1,
			of: 1,
			profiles: 2,
			body: { custom_request: { email: { $in: ['john@example.com', 'jane@example.com'] } } },
		});
		expect(audience.items[1].json.request).not.toHaveProperty('body');
		expect(audience.hints).toHaveLength(1);

		const bulk = await ctx.run(launchParams({ launchMode: 'batch', options: dry() }), people);
		expectNothingSentAndNoToken(bulk);
		expect(bulk.items).toHaveLength(2);
		expect(bulk.items[0].json.request).toMatchObject({
			url: `${ctx.sandbox.url}/api/v1.1/campaigns/triggers/start_batch`,
			body: { trigger_id: 84, data: [{ email: 'john@example.com' }, { email: 'jane@example.com' }] },
		});
		expect(bulk.items[1].json).toMatchObject({ dryRun: true, launched: false, email: 'jane@example.com' });

		// One Item per Request: the whole preview on the request's one item, paired with all its items.
		const perRequest = await ctx.run(
			launchParams({ launchMode: 'batch', options: dry({ output: 'eachRequest' }) }),
			people,
		);
		expect(perRequest.items).toHaveLength(1);
		expect(perRequest.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(perRequest.items[0].json).toMatchObject({
			dryRun: true,
			request: { number: 1, of: 1, body: { data: [{ email: 'john@example.com' }, { email: 'jane@example.com' }] } },
		});
	});

	test('Import Profile and Launch: the import it would send', async () => {
		const result = await ctx.run(
			{
				resource: 'triggerMailing',
				operation: 'importAndLaunch',
				triggerMailing: { __rl: true, mode: 'id', value: '84' },
				matching: 'email',
				email: '={{ $json.email }}',
				options: dry(),
			},
			json({ email: 'new@example.com' }),
		);
		expectNothingSentAndNoToken(result);
		expect(result.items[0].json).toMatchObject({ dryRun: true, imported: false, launched: false });
		expect(result.items[0].json.request).toMatchObject({
			url: `${ctx.sandbox.url}/api/v1.1/campaigns/triggers/import_and_start`,
			body: { token: MASK, trigger_id: 84, data: { email: 'new@example.com' } },
		});
	});

	test('bad input is refused as in a real run, naming the item', async () => {
		const result = await ctx.run(
			launchParams({ options: dry() }),
			json({ email: 'john@example.com' }, { email: 'not an email' }),
		);
		expect(result.error?.message).toBe('"not an email" is not one valid email address (item 1)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('v1.0 link: a GET preview carries no token at all; a POST to a host not allowed is refused as in a real run', async () => {
		const link = ctx.sandbox.triggerLink(84);
		const get = await ctx.run(linkLaunchParams(link, { options: dry() }), json({ email: 'john@example.com' }));
		expectNothingSentAndNoToken(get);
		const request = get.items[0].json.request as { method: string; headers: Record<string, string>; body?: unknown };
		expect(request.method).toBe('GET');
		expect(request.body).toBeUndefined();
		expect(JSON.stringify(request)).not.toContain(MASK);

		const foreign = link.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'https://trk.example.org');
		const post = await ctx.run(
			linkLaunchParams(foreign, {
				sendFields: true,
				fields: { field: [{ name: 'FirstName', value: 'Jo', option: 1 }] },
				options: dry(),
			}),
			json({ email: 'john@example.com' }),
		);
		expect(post.error?.message).toMatch(/trk\.example\.org/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
