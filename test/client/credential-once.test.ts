/**
 * In a real n8n every credential read is a database lookup and a decryption. The node reads the
 * credential once per execution and hands it to n8n's request helper, instead of letting n8n read
 * it again for each of the items' requests.
 */
import { json, launchParams, linkLaunchParams, useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const people = json(
	{ email: 'john@example.com' },
	{ email: 'jane@example.com' },
	{ email: 'max@example.com' },
	{ email: 'eva@example.com' },
	{ email: 'ola@example.com' },
);

test('five launches, one credential read; every request still carries the token', async () => {
	const result = await ctx.run(launchParams(), people);
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.launches).toHaveLength(5);
	expect(ctx.sandbox.requests.map((request) => (request.body as { token?: string }).token)).toEqual(
		people.map(() => ctx.sandbox.token),
	);
	expect(result.credentialReads).toBe(1);
});

test('the token in the Authorization header, read once too', async () => {
	const result = await ctx.run(launchParams(), people, {
		credentials: { apiUrl: ctx.sandbox.url, apiToken: ctx.sandbox.token, authPlacement: 'header' },
	});
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.requests.map((request) => request.headers.authorization)).toEqual(
		people.map(() => `Bearer ${ctx.sandbox.token}`),
	);
	expect(result.credentialReads).toBe(1);
});

test('launch via link: one credential read for all items', async () => {
	const result = await ctx.run(linkLaunchParams(ctx.sandbox.triggerLink(84), { sendFields: true }), people);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(5);
	expect(ctx.sandbox.requests.map((request) => JSON.parse(request.rawBody).token)).toEqual(
		people.map(() => ctx.sandbox.token),
	);
	expect(result.credentialReads).toBe(1);
});
