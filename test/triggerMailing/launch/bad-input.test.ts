import { json, launchParams, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();

/** Runs one item through the node and returns the error n8n reports, checking nothing was sent. */
async function errorFor(parameters: object, item: object = {}) {
	const result = await ctx.run(
		launchParams(parameters as never),
		json({ email: 'john@example.com' }, { email: 'jane@example.com', ...item }),
	);
	expect(result.error).toBeDefined();
	expect(ctx.sandbox.launches.length).toBeLessThanOrEqual(1);
	expect(JSON.stringify(result.error)).not.toContain(ctx.sandbox.token);
	return result.error!;
}

describe('bad input is refused before sending, naming the item and the field', () => {
	test.each([
		['an empty email', { email: '={{ $json.email }}' }, { email: '' }, /Email is empty for item 1/],
		[
			'a list of emails',
			{ email: '={{ $json.email }}' },
			{ email: 'a@example.com; b@example.com' },
			/not one valid email address \(item 1\)/,
		],
		[
			'a list where one profile ID belongs',
			{ matching: 'profile_id', profileId: '={{ $json.id ?? "x1" }}' },
			{ id: ['id1', 'id2'] },
			/Profile ID is a list, not one value \(item 1\)/,
		],
		[
			'an object as email',
			{ email: '={{ $json.email }}' },
			{ email: { address: 'a@example.com' } },
			/Email is an object, not one value \(item 1\)/,
		],
		[
			'a malformed phone',
			{ matching: 'phone', phone: '={{ $json.phone ?? "+79000000000" }}' },
			{ phone: '12ab' },
			/"12ab" is not a phone number \(item 1\)/,
		],
		[
			'an empty profile ID',
			{ matching: 'profile_id', profileId: '={{ $json.id ?? "x1" }}' },
			{ id: '' },
			/Profile ID is empty for item 1/,
		],
		[
			'a custom field without a value',
			{ matching: 'custom', fieldName: 'CRM_ID', fieldValue: '={{ $json.crm ?? 1 }}' },
			{ crm: '' },
			/Field Value is empty for item 1/,
		],
		[
			'invalid JSON in the custom query',
			{ launchMode: 'query', customRequest: '={{ $json.q ?? "{\\"a\\":1}" }}' },
			{ q: '{"email": ' },
			/Custom Query is not valid JSON \(item 1\)/,
		],
		[
			'a custom query that is not an object',
			{ launchMode: 'query', customRequest: '={{ $json.q ?? "{\\"a\\":1}" }}' },
			{ q: '[1, 2]' },
			/Custom Query must be a JSON object \(item 1\)/,
		],
		[
			'an empty custom query (it would reach every profile)',
			{ launchMode: 'query', customRequest: '={{ $json.q ?? "{\\"a\\":1}" }}' },
			{ q: '{}' },
			/Custom Query is empty \(item 1\)/,
		],
		[
			'a date that is not a date',
			{ additionalFields: { expiration: '={{ $json.when ?? "2099-01-01T00:00:00Z" }}' } },
			{ when: 'tomorrow-ish' },
			/Expiration "tomorrow-ish" is not a date-time \(item 1\)/,
		],
		[
			'an expiration in the past',
			{ additionalFields: { expiration: '={{ $json.when ?? "2099-01-01T00:00:00Z" }}' } },
			{ when: '2020-01-01T00:00:00Z' },
			/Expiration 2020-01-01T00:00:00Z is in the past \(item 1\)/,
		],
		[
			'a data URL that is not base64',
			{
				additionalFields: {
					attachments: { dataUrl: [{ data: '={{ $json.d ?? "data:text/plain;base64,SEVMTE8K" }}', name: 'a.txt' }] },
				},
			},
			{ d: 'hello' },
			/data URL is not a Base64 data URL \(item 1\)/,
		],
		[
			'content JSON that is not JSON',
			{ content: 'json', contentJson: '={{ $json.c ?? "{}" }}' },
			{ c: '{oops' },
			/Content \(JSON\) is not valid JSON \(item 1\)/,
		],
		[
			'a trigger mailing ID that is not a number',
			{ triggerMailing: { __rl: true, mode: 'id', value: '={{ $json.t ?? 84 }}' } },
			{ t: 'welcome' },
			/Trigger Mailing "welcome" is not a trigger mailing ID \(item 1\)/,
		],
	])('%s', async (_name, parameters, item, message) => {
		const error = await errorFor(parameters, item);
		expect(error.message).toMatch(message);
		expect(error.description).toBeTruthy();
		expect(error.context?.itemIndex).toBe(1);
	});

	test("a body over Altcraft's 10 MB limit", async () => {
		const big = Buffer.alloc(8 * 1024 * 1024, 1).toString('base64');
		const result = await ctx.run(
			launchParams({ additionalFields: { attachments: { binary: [{ binaryPropertyName: 'data' }] } } }),
			[
				{
					json: { email: 'john@example.com' },
					binary: { data: { data: big, mimeType: 'application/pdf', fileName: 'big.pdf' } },
				},
			],
		);
		expect(result.error?.message).toMatch(/request for item 0 is 10\.7 MB, over Altcraft's 10 MB limit/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a content key that cannot be an XML element, with Request Format XML', async () => {
		const result = await ctx.run(
			launchParams({ content: 'json', contentJson: '{"first name": "Jo"}', options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error?.message).toMatch(/cannot be sent as XML: "content.first name" cannot be an XML element name/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('Altcraft errors', () => {
	test.each([
		[101, /Altcraft error 400: .*not active/i, /Activate it in Altcraft/],
		[102, /Altcraft error 400: .*API call/i, /special API call/],
		[999, /Altcraft error 404: .*not found/i, /Check the trigger mailing ID/],
	])("trigger mailing %s fails with Altcraft's text and how to fix it", async (trigger, message, description) => {
		const result = await ctx.run(
			launchParams({ triggerMailing: { __rl: true, mode: 'id', value: String(trigger) } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	test('error != 0 in an HTTP 200 answer is an error too', async () => {
		ctx.sandbox.setOptions({ errorsWithHttp200: true });
		try {
			const result = await ctx.run(
				launchParams({ triggerMailing: { __rl: true, mode: 'id', value: '101' } }),
				json({ email: 'john@example.com' }),
			);
			expect(result.error?.message).toMatch(/Altcraft error 400/);
		} finally {
			ctx.sandbox.setOptions({ errorsWithHttp200: false });
		}
	});

	test('with Continue On Fail, a failed item becomes an error item paired with it and the rest go on', async () => {
		const result = await ctx.run(
			launchParams(),
			json({ email: 'john@example.com' }, { email: 'not-an-email' }, { email: 'jane@example.com' }),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toMatch(/"not-an-email" is not one valid email address \(item 1\)/);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[0].json.launched).toBe(true);
		expect(result.items[2].json.launched).toBe(true);
		expect(ctx.sandbox.launches.map((launch) => launch.target)).toEqual(['john@example.com', 'jane@example.com']);
	});

	test('without Continue On Fail, a bad item stops the run before anything is sent', async () => {
		const items = json(...Array.from({ length: 20 }, (_, i) => ({ email: i === 3 ? 'bad' : `u${i}@example.com` })));
		const result = await ctx.run(launchParams({ options: { maxParallel: 1 } }), items);
		expect(result.error?.context?.itemIndex).toBe(3);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('an Altcraft error stops new launches; those in flight finish', async () => {
		ctx.sandbox.inject({
			status: 400,
			body: '{"error":400,"error_text":"No"}',
			contentType: 'application/json',
			path: '/api/v1.1/campaigns/triggers/start',
		});
		const items = json(...Array.from({ length: 20 }, (_, i) => ({ email: `u${i}@example.com` })));
		const result = await ctx.run(launchParams({ options: { maxParallel: 1 } }), items);
		expect(result.error?.message).toBe('Altcraft error 400: No');
		expect(ctx.sandbox.requests).toHaveLength(1);
	});

	test('the same custom query for several items is refused: it would message the audience once per item', async () => {
		const result = await ctx.run(
			launchParams({ launchMode: 'query', customRequest: '{"CRM_ID": 123420}' }),
			json({}, {}, {}),
		);
		expect(result.error?.message).toBe('Item 1 would launch the same custom query as item 0');
		expect(result.error?.description).toMatch(/Execute Once/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
