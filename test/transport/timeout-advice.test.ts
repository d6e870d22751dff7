/**
 * A timeout error tells the user what to do next. Its advice must be safe to follow: Altcraft may
 * have processed the launch after the node gave up, and "run again" must not send it twice.
 * (Its own file: each case needs a real 1 s timeout.)
 */
import { json, launchParams, useSandbox, nodeOptions } from '../helpers/fixture';

const ctx = useSandbox();
const START = '/api/v1.1/campaigns/triggers/start';

async function until(condition: () => boolean, ms = 1000) {
	const end = Date.now() + ms;
	while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Altcraft answers after 1.1 s: the node has given up, but the launch went out. */
async function timedOutRun(parameters: object) {
	ctx.sandbox.inject({ path: START, delayMs: 1100 });
	const first = await ctx.run(parameters as never, json({ email: 'john@example.com' }));
	expect(first.error?.message).toMatch(/did not answer within 1 s/);
	await until(() => ctx.sandbox.launches.length > 0);
	expect(ctx.sandbox.launches).toHaveLength(1);
	return first;
}

test('the timeout advice warns that a new run sends again without an Idempotency Key, and that is so', async () => {
	const parameters = launchParams({ options: nodeOptions({ timeout: 1, maxAttempts: 1 }) });
	const first = await timedOutRun(parameters);
	expect(first.error?.description).toMatch(/a new run sends the launch again unless Options → Idempotency Key is set/);

	await ctx.run(parameters, json({ email: 'john@example.com' }));
	expect(ctx.sandbox.launches).toHaveLength(2);
});

test('with an Idempotency Key, running again after a timeout does not send the launch twice', async () => {
	const parameters = launchParams({ options: nodeOptions({ timeout: 1, maxAttempts: 1, idempotencyKey: 'order-17' }) });
	await timedOutRun(parameters);

	const second = await ctx.run(parameters, json({ email: 'john@example.com' }));
	expect(second.error).toBeUndefined();
	expect(ctx.sandbox.requests[1].requestId).toBe(ctx.sandbox.requests[0].requestId);
	expect(second.items[0].json).toMatchObject({ launched: true, duplicate: true });
	expect(ctx.sandbox.launches).toHaveLength(1);
});
