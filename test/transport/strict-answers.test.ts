import type { INodeParameters } from 'n8n-workflow';
import { bulkImportParams, json, launchParams, linkLaunchParams, useSandbox } from '../helpers/fixture';

/**
 * What Altcraft answers is held to what it documents, and what can fail an item fails it before
 * the first request: through n8n's engine, the sandbox answering as a broken or hostile server would.
 */
const ctx = useSandbox();

const bulkLaunch = (extra: INodeParameters = {}) => launchParams({ launchMode: 'batch', ...extra });
const rows = json({ email: 'john@example.com' }, { email: 'jane@example.com' });

describe.each([
	['Bulk launch', bulkLaunch, '/api/v1.1/campaigns/triggers/start_batch'],
	['bulk Import Profile and Launch', bulkImportParams, '/api/v1.1/campaigns/triggers/import_and_start_batch'],
])('%s: strict about the answer', (_mode, params, path) => {
	test.each([
		['an object', '{"error":0,"error_text":"Successful operation","result":{"id":"6606e08f10bcdd88297057a7"}}'],
		['a number', '{"error":0,"error_text":"Successful operation","result":1}'],
		['a text', '{"error":0,"error_text":"Successful operation","result":"6606e08f10bcdd88297057a7"}'],
	])('a result that is %s fails every item of the request with a clear message', async (_what, body) => {
		ctx.sandbox.inject({ path, status: 200, contentType: 'application/json', body });
		const result = await ctx.run(params(), rows, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const failed = result.items.filter((item) => item.json.error !== undefined && item.json.error !== 0);
		// One failure item per input item of the request, each paired with its own input.
		expect(failed).toHaveLength(2);
		for (const item of failed) expect(item.json.error).toMatch(/its result is .* where a list of profile IDs belongs/);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items).toHaveLength(2);
		expect(JSON.stringify(result.items)).not.toContain('[object Object]');
	});

	test('a truncated XML answer is a failure, not a success', async () => {
		ctx.sandbox.inject({
			path,
			status: 200,
			contentType: 'application/xml',
			body: '<xml><error>0</error><error_text>unclosed',
		});
		const result = await ctx.run(params({ options: { requestFormat: 'xml' } }), rows);
		expect(result.error?.message).toMatch(/with XML that could not be read/);
	});

	test('XML: a single profile in result is a one-element list', async () => {
		const row = json({ email: 'john@example.com' });
		const result = await ctx.run(params({ options: { requestFormat: 'xml' } }), row);
		expect(result.error).toBeUndefined();
		// The request carried this row alone: the one ID in the answer is its profile.
		expect(result.items[0].json).toMatchObject({ launched: true, profileId: '6606e08f10bcdd88297057a7' });
		const perRequest = await ctx.run(params({ options: { requestFormat: 'xml', output: 'eachRequest' } }), row);
		expect((perRequest.items[0].json.response as { result: unknown }).result).toEqual(['6606e08f10bcdd88297057a7']);
	});
});

describe('Launch via Trigger Link: every host rule is checked before the first request', () => {
	const params = () =>
		linkLaunchParams('={{ $json.link }}', {
			sendFields: true,
			fields: { field: [{ name: 'FirstName', value: '={{ $json.name }}' }] },
		});

	const links = () => {
		const good = ctx.sandbox.triggerLink(84);
		return { good, bad: good.replace(/^http:\/\/[^/]+/, 'https://tracking.example.net') };
	};

	test('links from item data: an unlisted host on item 1 stops the run before item 0 goes out', async () => {
		const { good, bad } = links();
		const result = await ctx.run(
			params(),
			json(
				{ link: good, email: 'john@example.com', name: 'John' },
				{ link: bad, email: 'jane@example.com', name: 'Jane' },
			),
		);
		expect(result.error?.message).toBe(
			"The trigger link's host tracking.example.net is not a tracking domain of this credential, so the API token is not sent there",
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.description).not.toMatch(/Method GET/);
		expect(result.error?.description).toContain('turn off Send Field Values');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail the bad item is its error item and the good one is sent once', async () => {
		const { good, bad } = links();
		const result = await ctx.run(
			params(),
			json(
				{ link: bad, email: 'jane@example.com', name: 'Jane' },
				{ link: good, email: 'john@example.com', name: 'John' },
			),
			{ continueOnFail: true },
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toMatch(/not a tracking domain/);
		expect(ctx.sandbox.requests).toHaveLength(1);
	});
});
