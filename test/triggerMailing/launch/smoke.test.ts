import { json, launchParams, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();

test('launches a trigger mailing for the email of one item', async () => {
	const result = await ctx.run(launchParams(), json({ email: 'john@example.com' }));
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.launches).toHaveLength(1);
	expect(ctx.sandbox.requests[0].body).toEqual({
		token: ctx.sandbox.token,
		id: 84,
		matching: 'email',
		email: 'john@example.com',
	});
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toEqual({
		launched: true,
		triggerMailingId: 84,
		matching: 'email',
		email: 'john@example.com',
		requestId: ctx.sandbox.requests[0].requestId,
		duplicate: false,
		attempts: 1,
		response: { error: 0, error_text: 'Successful operation', data: null },
	});
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});
