import type { INodeParameters } from 'n8n-workflow';
import { json, nodeOptions, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const EXAMPLE = '5f33d33ece94481aa9382110';
const DELETE = '/api/v1.1/profiles/delete';

const params = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'delete',
	database: { __rl: true, mode: 'id', value: '1' },
	profileId: '={{ $json.id }}',
	...extra,
});

describe('Profile → Delete', () => {
	test('by Profile ID (the default): the profile is gone, the output says deleted with its ID and Request-ID', async () => {
		const result = await ctx.run(params(), json({ id: EXAMPLE }));
		expect(result.error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect(request.body).toEqual({ token: ctx.sandbox.token, db_id: 1, matching: 'profile_id', profile_id: EXAMPLE });
		expect(request.requestId).toEqual(expect.any(String));
		expect(ctx.sandbox.profile(EXAMPLE)).toBeUndefined();
		expect(result.items[0]).toEqual({
			json: {
				deleted: true,
				profileId: EXAMPLE,
				databaseId: 1,
				matching: 'profile_id',
				requestId: request.requestId,
				duplicate: false,
				attempts: 1,
				response: { data: { profile_id: EXAMPLE }, error: 0, error_text: 'Successful operation' },
			},
			pairedItem: { item: 0 },
		});
	});

	test("the docs' request (by email) reads the profile ID from the answer's data", async () => {
		const result = await ctx.run(
			params({ matching: 'email', email: '={{ $json.email }}' }),
			json({ email: 'example@example.com' }),
		);
		expect(ctx.sandbox.requests[0].body).toMatchObject({ matching: 'email', email: 'example@example.com' });
		expect(result.items[0].json).toMatchObject({ deleted: true, profileId: EXAMPLE, email: 'example@example.com' });
	});

	test('Dry Run shows the request and deletes nothing', async () => {
		const result = await ctx.run(params({ options: { dryRun: true } }), json({ id: EXAMPLE }));
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(ctx.sandbox.profile(EXAMPLE)).toBeDefined();
		expect(result.items[0].json).toMatchObject({
			dryRun: true,
			deleted: false,
			requestId: expect.any(String),
			profileId: EXAMPLE,
			request: { url: `${ctx.sandbox.url}${DELETE}`, body: { db_id: 1, matching: 'profile_id', profile_id: EXAMPLE } },
		});
	});

	test('without the delete permission the error says which permission the token needs', async () => {
		ctx.sandbox.inject({
			path: DELETE,
			status: 403,
			body: JSON.stringify({ data: null, error: 403, error_text: 'Access denied' }),
		});
		const result = await ctx.run(params(), json({ id: EXAMPLE }), { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Altcraft error 403: Access denied');
		expect(result.items[0].json.description).toMatch(/role of this API token in Altcraft must allow deleting profiles/);
		expect(ctx.sandbox.profile(EXAMPLE)).toBeDefined();
	});

	test('a profile already gone is a clear per-item error; a retry after a lost answer is answered as duplicate, not deleted twice', async () => {
		const gone = await ctx.run(params(), json({ id: '000000000000000000000000' }), { continueOnFail: true });
		expect(gone.items[0].json.error).toBe('No profile with profileId 000000000000000000000000 in database 1 (item 0)');
		ctx.sandbox.reset();
		ctx.sandbox.inject({ reset: 'after', path: DELETE });
		const result = await ctx.run(params({ options: nodeOptions({ retryInitialWait: 0 }) }), json({ id: EXAMPLE }));
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests.map((request) => request.requestId)).toEqual([
			ctx.sandbox.requests[0].requestId,
			ctx.sandbox.requests[0].requestId,
		]);
		expect(ctx.sandbox.operations).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ deleted: true, duplicate: true, attempts: 2 });
	});

	test('only the four modes delete takes are offered, and an empty Profile ID is refused before sending', async () => {
		const { Altcraft } = await import('../../../nodes/Altcraft/Altcraft.node');
		const matching = new Altcraft().description.properties.find(
			(property) => property.name === 'matching' && property.displayOptions?.show?.operation?.includes('delete'),
		);
		expect(matching?.default).toBe('profile_id');
		expect(matching?.options?.map((option) => (option as { value: string }).value).sort()).toEqual([
			'custom',
			'email',
			'phone',
			'profile_id',
		]);
		const result = await ctx.run(params(), json({ id: EXAMPLE }, { id: '' }));
		expect(result.error?.message).toBe('Profile ID is empty for item 1');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
