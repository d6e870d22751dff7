/**
 * The "From List" pickers of the node, called the way the editor calls them, against the sandbox's
 * demo account: trigger mailings 84, 96 (active, API call), 101 (inactive, API call), 102 (active,
 * event: cannot be launched by the API) and resource 24.
 */
import { listSearch } from '../helpers/engine';
import { useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const WRONG_TOKEN = 'wrong-token-5a4b3c2d1e0f';

describe('searchTriggerMailings', () => {
	test('lists the trigger mailings an API call can launch, inactive ones last and marked', async () => {
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials);
		expect(results).toEqual([
			{ name: 'Welcome series (ID 84)', value: '84' },
			{ name: 'New videos digest (ID 96)', value: '96' },
			{ name: 'Old promo (stopped) (ID 101) — inactive', value: '101' },
		]);
		expect(results.map((r) => r.value)).not.toContain('102');

		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(ctx.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1.1/campaigns/triggers/list', body: { token: ctx.sandbox.token } });
	});

	test('also with the token as Bearer header', async () => {
		const { results } = await listSearch('searchTriggerMailings', { ...ctx.credentials, authPlacement: 'header' });
		expect(results.map((r) => r.value)).toEqual(['84', '96', '101']);
		expect(ctx.sandbox.requests[0].headers.authorization).toBe(`Bearer ${ctx.sandbox.token}`);
		expect(ctx.sandbox.requests[0].body?.token).toBeUndefined();
	});

	test.each([
		['part of a name, any case', 'VIDEOS', ['96']],
		['an ID', '101', ['101']],
		['a word several names share', 'o', ['84', '96', '101']],
		['a name of an event trigger mailing (never listed)', 'cart', []],
		['nothing that matches', 'no such mailing', []],
	])('a filter narrows the list: %s', async (_name, filter, values) => {
		const { results } = await listSearch('searchTriggerMailings', ctx.credentials, filter);
		expect(results.map((r) => r.value)).toEqual(values);
	});
});

describe('searchResources', () => {
	test('lists resource 24', async () => {
		const { results } = await listSearch('searchResources', ctx.credentials);
		expect(results).toEqual([{ name: 'Main newsletter (ID 24)', value: '24' }]);
		expect(ctx.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1.1/resources/list' });
	});

	test('a filter narrows it by name or ID', async () => {
		expect((await listSearch('searchResources', ctx.credentials, 'newsletter')).results.map((r) => r.value)).toEqual(['24']);
		expect((await listSearch('searchResources', ctx.credentials, '24')).results.map((r) => r.value)).toEqual(['24']);
		expect((await listSearch('searchResources', ctx.credentials, 'promo')).results).toEqual([]);
	});
});

describe('a wrong token', () => {
	async function failure(method: 'searchTriggerMailings' | 'searchResources') {
		const error = await listSearch(method, { ...ctx.credentials, apiToken: WRONG_TOKEN }).then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		expect(error).toBeDefined();
		return error!;
	}

	test.each([['searchTriggerMailings' as const], ['searchResources' as const]])(
		'%s fails with Altcraft\'s error text, and never shows the token',
		async (method) => {
			const error = await failure(method);
			expect(error.message).toBe('Altcraft error 403: Invalid token');
			expect(error.description).toMatch(/token/i);
			const whole = JSON.stringify({ error, message: error.message, description: error.description, stack: error.stack });
			expect(whole).not.toContain(WRONG_TOKEN);
			expect(whole).not.toContain(ctx.sandbox.token);
		},
	);

	test('also when Altcraft answers HTTP 200 with error 403', async () => {
		ctx.sandbox.setOptions({ errorsWithHttp200: true });
		try {
			const error = await failure('searchTriggerMailings');
			expect(ctx.sandbox.requests[0].response?.status).toBe(200);
			expect(error.message).toBe('Altcraft error 403: Invalid token');
			expect(JSON.stringify({ error, stack: error.stack })).not.toContain(WRONG_TOKEN);
		} finally {
			ctx.sandbox.setOptions({ errorsWithHttp200: false });
		}
	});
});
