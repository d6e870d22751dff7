import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const JOHN = '6606e08f10bcdd88297057a7';
const EXAMPLE = '5f33d33ece94481aa9382110';
const GET = '/api/v1.1/profiles/get/';
const ADD = '/api/v1.1/profiles/segstatic/add';
const REMOVE = '/api/v1.1/profiles/segstatic/remove';

const params = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'segment',
	operation,
	segment: { __rl: true, mode: 'list', value: '5' },
	database: { __rl: true, mode: 'id', value: '1' },
	matching: 'email',
	email: '={{ $json.email }}',
	...extra,
});

describe('Segment → Add Profile / Remove Profile', () => {
	test('add by email: lookup first, then segstatic/add with the profile ID; the output says added and lookedUp', async () => {
		const result = await ctx.run(
			params('addProfile', { additionalFields: { skipTriggers: true } }),
			json({ email: 'john@example.com' }),
		);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([GET, ADD]);
		const add = ctx.sandbox.requests[1];
		expect(add.body).toEqual({
			token: ctx.sandbox.token,
			db_id: 1,
			profile_id: JOHN,
			segment_id: 5,
			skip_triggers: true,
		});
		expect(add.requestId).toEqual(expect.any(String));
		expect(ctx.sandbox.profile(JOHN)?.segments).toEqual([5]);
		expect(result.items[0].json).toEqual({
			added: true,
			profileId: JOHN,
			lookedUp: true,
			databaseId: 1,
			matching: 'email',
			email: 'john@example.com',
			segmentId: 5,
			requestId: add.requestId,
			duplicate: false,
			attempts: 1,
			response: { error: 0, error_text: 'Successful operation' },
		});
	});

	test('remove by Profile ID: no lookup', async () => {
		const result = await ctx.run(
			params('removeProfile', {
				segment: { __rl: true, mode: 'id', value: '2' },
				matching: 'profile_id',
				profileId: EXAMPLE,
			}),
			json({}),
		);
		expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([REMOVE]);
		expect(ctx.sandbox.profile(EXAMPLE)?.segments).toEqual([]);
		expect(result.items[0].json).toMatchObject({ removed: true, lookedUp: false, profileId: EXAMPLE, segmentId: 2 });
	});

	test("a dynamic segment is Altcraft's refusal, on that item only", async () => {
		const result = await ctx.run(
			params('addProfile', { segment: { __rl: true, mode: 'id', value: '={{ $json.segment }}' } }),
			json({ email: 'john@example.com', segment: 1 }, { email: 'john@example.com', segment: 5 }),
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/^Altcraft error 400: segment 1 is not static/);
		expect(result.items[1].json).toMatchObject({ added: true, segmentId: 5 });
	});

	test('XML, Dry Run, and bad input refused before anything is sent', async () => {
		const xml = await ctx.run(
			params('addProfile', { options: { requestFormat: 'xml' } }),
			json({ email: 'john@example.com' }),
		);
		expect(xml.error).toBeUndefined();
		expect(ctx.sandbox.requests[1].rawBody).toContain('<segment_id>5</segment_id>');
		ctx.sandbox.reset();
		const dry = await ctx.run(params('addProfile', { options: { dryRun: true } }), json({ email: 'john@example.com' }));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(dry.items[0].json).toMatchObject({ dryRun: true, segmentId: 5, lookupRequest: expect.any(Object) });
		const bad = await ctx.run(
			params('addProfile', { segment: { __rl: true, mode: 'id', value: '={{ $json.segment }}' } }),
			json({ email: 'john@example.com', segment: 5 }, { email: 'john@example.com', segment: 'VIP' }),
		);
		expect(bad.error?.message).toBe('Segment "VIP" is not a segment ID (item 1)');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
