/**
 * Contract: "Trigger launch (API call)", POST /api/v1.1/campaigns/triggers/start/
 * (https://guides.altcraft.com/en/developer-guide/campaigns/trigger-campaigns/2196177, fixture
 * sandbox/fixtures/triggersStart.ts). The request examples of this page (the seed copy) are held
 * in test/triggerMailing/launch/seed-examples.test.ts; here: its response examples, the deduplication headers
 * and the error envelope ([INF]: no error example is documented, see sandbox/fixtures/apiInteraction.ts).
 */
import { triggerLaunch as page } from '../../sandbox/fixtures';
import { json, launchParams, linkLaunchParams, useSandbox } from '../helpers/fixture';
import { serveDocumented } from './docExamples';

const ctx = useSandbox();
const PATH = '/api/v1.1/campaigns/triggers/start';
const john = () => json({ email: 'john@example.com' });

test.each([['json' as const], ['xml' as const]])(
	"response: the docs' %s success example is a launch that went out",
	async (format) => {
		serveDocumented(ctx.sandbox, PATH, page, format);
		const result = await ctx.run(launchParams(), john());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			launched: true,
			duplicate: false,
			response: { data: null, error: 0, error_text: 'Successful operation' },
		});
		expect(result.items[0].json).not.toHaveProperty('error');
	},
);

test.each([
	['current', { 'Duplicate-Request': 'true', 'Duplicate-Key': 'k-1' }],
	['older X-', { 'X-Duplicate-Request': 'true', 'X-Duplicate-Key': 'k-1', 'X-Request-ID': 'k-1' }],
])('a duplicate answer with the %s header names is reported as a duplicate', async (_naming, headers) => {
	ctx.sandbox.inject({ path: PATH, status: 200, contentType: 'application/json', body: page.response!.json!, headers });
	const result = await ctx.run(launchParams(), john());
	expect(result.items[0].json).toMatchObject({ launched: true, duplicate: true, response: { error: 0 } });
});

test.each([
	['current', false],
	['older X-', true],
])("the sandbox's own duplicate answer (%s names) is reported as a duplicate", async (_naming, legacy) => {
	ctx.sandbox.setOptions({ legacyDuplicateHeaders: legacy });
	try {
		const params = launchParams({ options: { idempotencyKey: 'contract-dup-1' } });
		await ctx.run(params, john());
		const again = await ctx.run(params, john());
		expect(ctx.sandbox.requests[1].response?.duplicate).toBe(true);
		expect(again.items[0].json).toMatchObject({ launched: true, duplicate: true, response: { error: 0 } });
	} finally {
		ctx.sandbox.setOptions({ legacyDuplicateHeaders: false });
	}
});

test.each([
	['JSON, HTTP 403', 403, 'application/json', '{"data":null,"error":403,"error_text":"Invalid token"}'],
	['JSON, HTTP 200', 200, 'application/json', '{"data":null,"error":403,"error_text":"Invalid token"}'],
	[
		'XML, HTTP 200',
		200,
		'application/xml',
		'<xml><data/><error>403</error><error_text>Invalid token</error_text></xml>',
	],
])(
	"an error in the documented envelope ([INF] %s) fails the item with Altcraft's code and text",
	async (_name, status, contentType, body) => {
		ctx.sandbox.inject({ path: PATH, status, contentType, body });
		const result = await ctx.run(launchParams(), john(), { continueOnFail: true });
		expect(result.items[0].json).toMatchObject({ error: 'Altcraft error 403: Invalid token' });
		expect(ctx.sandbox.launches).toHaveLength(0);
	},
);

test("v1.0 link: no answer is documented; Altcraft's envelope and a plain 2xx both count as sent", async () => {
	const link = ctx.sandbox.triggerLink(84);
	const result = await ctx.run(linkLaunchParams(link), john());
	expect(result.items[0].json).toMatchObject({
		launched: true,
		response: { error: 0, error_text: 'Successful operation' },
	});
	ctx.sandbox.inject({ path: '/trg/', status: 200, contentType: 'text/plain', body: 'OK' });
	const plain = await ctx.run(linkLaunchParams(link), john());
	expect(plain.items[0].json).toMatchObject({ launched: true, response: { httpStatus: 200, response: 'OK' } });
});
