import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const JANE = 'abcdefghijklmnqrstuvwxyz';
const IMPORT_BATCH = '/api/v1.1/profiles/import_batch';
const UPDATE_BATCH = '/api/v1.1/profiles/update_batch';

const bulk = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'createOrUpdate',
	launchMode: 'batch',
	database: { __rl: true, mode: 'id', value: '1' },
	matching: 'email',
	email: '={{ $json.email }}',
	profileFields: { _fname: '={{ $json.name }}' },
	...extra,
});
const rows = (n: number) =>
	json(...Array.from({ length: n }, (_, i) => ({ email: `row${i}@example.com`, name: `Row ${i}` })));

describe('Profile → Create or Update, Bulk', () => {
	test('2,500 CRM rows make 3 import_batch requests (1,000 per request) and one output per row, paired', async () => {
		const result = await ctx.run(bulk(), rows(2500));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => [request.path, request.body.data.length])).toEqual([
			[IMPORT_BATCH, 1000],
			[IMPORT_BATCH, 1000],
			[IMPORT_BATCH, 500],
		]);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ db_id: 1, matching: 'email' });
		expect(ctx.sandbox.requests[0].body.data[0]).toEqual({ email: 'row0@example.com', _fname: 'Row 0' });
		expect(result.items).toHaveLength(2500);
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 2500 }, (_, i) => ({ item: i })));
		const ids = ctx.sandbox.requests.flatMap((request) =>
			request.response?.body.result.map((entry: { profile_id: string }) => entry.profile_id),
		);
		expect(result.items.map((item) => item.json.profileId)).toEqual(ids);
		// Outcome first, the row's own entry of Altcraft's result, the request's outcome, then the
		// answer without the list of all 1,000 entries.
		expect(result.items[1500].json).toEqual({
			imported: true,
			profileId: ids[1500],
			databaseId: 1,
			matching: 'email',
			email: 'row1500@example.com',
			result: { error: 0, error_text: 'Successful operation', profile_id: ids[1500] },
			request: {
				number: 2,
				of: 3,
				items: 1000,
				profiles: 1000,
				profilesRefused: 0,
				requestId: ctx.sandbox.requests[1].requestId,
				duplicate: false,
				attempts: 1,
			},
			response: { error: 0, error_text: 'Successful operation' },
		});
		expect(result.items.some((item) => 'error' in item.json)).toBe(false);
	});

	test('subscriptions go in the nested shape of the batch pages', async () => {
		await ctx.run(
			bulk({
				phone: '={{ $json.phone }}',
				subscriptions: {
					subscription: [
						{ resourceId: '24', channel: 'email', status: 'subscribed' },
						{ resourceId: '24', channel: 'sms' },
					],
				},
			}),
			json({ email: 'nested@example.com', phone: '+79005554433', name: 'N' }),
		);
		expect(ctx.sandbox.requests[0].body.data[0].subscriptions).toEqual([
			{ channel: 'email', email_data: { email: 'nested@example.com' }, resource_id: 24, status: 'subscribed' },
			{ channel: 'sms', phone_data: { phone: '+79005554433' }, resource_id: 24 },
		]);
		const [entry] = ctx.sandbox.requests[0].response?.body.result;
		expect(ctx.sandbox.profile(entry.profile_id)?.subscriptions).toHaveLength(2);
	});

	test('an element Altcraft refuses fails its own item; the others succeed (Continue On Fail)', async () => {
		const result = await ctx.run(
			bulk({ options: { updateOnly: true } }),
			json(
				{ email: 'john@example.com', name: 'J' },
				{ email: 'nobody@example.com', name: 'N' },
				{ email: 'jane@example.com', name: 'Ja' },
			),
			{ continueOnFail: true },
		);
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([UPDATE_BATCH]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ updated: true, profileId: JOHN });
		expect(result.items[1].json.error).toMatch(
			/^Altcraft refused the profile of item 1: Profile not found in database 1.*\(error 404\)$/,
		);
		expect(result.items[2].json).toMatchObject({ updated: true, profileId: JANE });
		expect(result.items[0].json.request).toMatchObject({ items: 3, profiles: 3, profilesRefused: 1 });
	});

	test('with Continue (using error output) the refused element goes to the error branch, paired with its own row', async () => {
		const result = await ctx.run(
			bulk({ options: { updateOnly: true } }),
			json({ email: 'john@example.com' }, { email: 'nobody@example.com' }, { email: 'jane@example.com' }),
			{ settings: { onError: 'continueErrorOutput' } },
		);
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success.map((item) => [item.pairedItem, item.json.updated])).toEqual([
			[{ item: 0 }, true],
			[{ item: 2 }, true],
		]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed[0].json.error).toMatch(/^Altcraft refused the profile of item 1/);
		expect(failed[0].error).toMatchObject({ description: expect.stringMatching(/other profiles were processed/) });
	});

	test('Output: One Item per Request keeps one item per request, paired with its rows, with the whole answer', async () => {
		const result = await ctx.run(bulk({ options: { output: 'eachRequest', profilesPerRequest: 2 } }), rows(3));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }]]);
		expect(result.items[0].json).toMatchObject({
			databaseId: 1,
			matching: 'email',
			request: { number: 1, of: 2, items: 2, profiles: 2, profilesRefused: 0 },
			requestId: ctx.sandbox.requests[0].requestId,
			duplicate: false,
		});
		expect(result.items[0].json.response).toEqual(ctx.sandbox.requests[0].response?.body);
	});

	test('without Continue On Fail the refused element stops the run, pinned to its item', async () => {
		const result = await ctx.run(
			bulk({ options: { updateOnly: true } }),
			json({ email: 'john@example.com' }, { email: 'nobody@example.com' }),
		);
		expect(result.error?.message).toMatch(/^Altcraft refused the profile of item 1/);
		expect(result.error?.context?.itemIndex).toBe(1);
	});

	test('when the answer cannot be matched to the items, each item says so instead of guessing', async () => {
		ctx.sandbox.inject({
			path: IMPORT_BATCH,
			status: 200,
			body: JSON.stringify({ error: 0, error_text: 'Successful operation', result: [{ error: 0, profile_id: JOHN }] }),
		});
		const result = await ctx.run(bulk(), rows(2));
		expect(result.items.map((item) => [item.json.imported, item.json.note])).toEqual([
			[null, expect.stringMatching(/does not tell this profile's result/)],
			[null, expect.stringMatching(/does not tell/)],
		]);
	});

	test('items with different request-level fields (Skip Triggers) go in requests of their own; custom matching puts the field in each element', async () => {
		const result = await ctx.run(
			bulk({
				matching: 'custom',
				fieldName: 'CRM_ID',
				fieldValue: '={{ $json.crm }}',
				additionalFields: { skipTriggers: '={{ $json.quiet }}' },
				options: { maxParallel: 1 },
			}),
			json({ crm: 123420, quiet: true }, { crm: 123421, quiet: false }, { crm: 555, quiet: true }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => [request.body.skip_triggers, request.body.data])).toEqual([
			[true, [{ CRM_ID: 123420 }, { CRM_ID: 555 }]],
			[undefined, [{ CRM_ID: 123421 }]],
		]);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ matching: 'custom', field_name: 'CRM_ID' });
		expect(result.items.map((item) => [item.pairedItem, item.json.fieldValue])).toEqual([
			[{ item: 0 }, 123420],
			[{ item: 1 }, 123421],
			[{ item: 2 }, 555],
		]);
	});

	test('XML: each profile is a repeated data element', async () => {
		const result = await ctx.run(
			bulk({ options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com', name: 'John' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests[0].rawBody).toContain(
			'<data><email>john@example.com</email><_fname>John</_fname></data>',
		);
		expect(result.items[0].json).toMatchObject({ imported: true, profileId: JOHN });
	});

	test('segments are refused in Bulk mode before anything is sent; Dry Run shows one request per chunk', async () => {
		const refused = await ctx.run(bulk({ additionalFields: { addToSegments: '2' } }), rows(1));
		expect(refused.error?.message).toBe(
			'Add to Segments and Remove From Segments cannot be sent in Bulk mode (item 0)',
		);
		const dry = await ctx.run(bulk({ options: { dryRun: true, profilesPerRequest: 2 } }), rows(3));
		expect(ctx.sandbox.requests).toHaveLength(0);
		// One item per row, saying nothing was imported; each request's body shown once, on its first row.
		const request = (item: (typeof dry.items)[number]) => item.json.request as Record<string, any>;
		expect(
			dry.items.map((item) => [
				item.json.dryRun,
				item.json.imported,
				request(item).number,
				request(item).profiles,
				request(item).body?.data.length,
				item.pairedItem,
			]),
		).toEqual([
			[true, false, 1, 2, 2, { item: 0 }],
			[true, false, 1, 2, undefined, { item: 1 }],
			[true, false, 2, 1, 1, { item: 2 }],
		]);
	});
});
