/**
 * A node that checks 200,000 items must not stall n8n's event loop: in a main process the same
 * loop serves the editor and webhooks. A timer every 10 ms records the longest gap
 * while the workflow runs through n8n-core's engine.
 */
import { launchParams, useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const COUNT = 200_000;

async function longestStall(run: () => Promise<unknown>): Promise<number> {
	let last = Date.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = Date.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 10);
	try {
		await run();
	} finally {
		clearInterval(timer);
	}
	return longest;
}

test('an audience of 200,000 items: no stall over 1 s, every item in a launch', async () => {
	const items = Array.from({ length: COUNT }, (_, i) => ({ json: { email: `user${i}@example.com` } }));
	let result: Awaited<ReturnType<typeof ctx.run>> | undefined;
	const started = Date.now();
	const stall = await longestStall(async () => {
		result = await ctx.run(
			launchParams({ launchMode: 'audience', options: { profilesPerRequest: 10000, maxParallel: 4 } }),
			items,
		);
	});
	console.log(`audience of ${COUNT}: ${Date.now() - started} ms, longest stall ${stall} ms`);
	expect(result!.error).toBeUndefined();
	expect(ctx.sandbox.launches).toHaveLength(COUNT / 10000);
	expect(stall).toBeLessThan(1000);
}, 180_000);

// Fewer items here: each refused item builds an error (about 0.5 ms); without turns the loop would still block for seconds.
test('20,000 items that all fail the check (Continue On Fail): no stall over 1 s, one error item each', async () => {
	const COUNT = 20_000;
	const items = Array.from({ length: COUNT }, (_, i) => ({ json: { email: `not-an-email-${i}` } }));
	let result: Awaited<ReturnType<typeof ctx.run>> | undefined;
	const started = Date.now();
	const stall = await longestStall(async () => {
		result = await ctx.run(launchParams(), items, { continueOnFail: true });
	});
	console.log(`per item, ${COUNT} refused: ${Date.now() - started} ms, longest stall ${stall} ms`);
	expect(result!.items).toHaveLength(COUNT);
	expect(ctx.sandbox.launches).toHaveLength(0);
	expect(stall).toBeLessThan(1000);
}, 180_000);
