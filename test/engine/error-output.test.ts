import type { INodeExecutionData } from 'n8n-workflow';
import { json, launchParams, useSandbox } from '../helpers/fixture';

/**
 * Settings → On Error, as n8n runs it: "Continue (using error output)" sends every failed item to
 * the error branch, each paired with its own input, and the launches to the success branch;
 * "Continue (regular output)" keeps the same failed items on the main branch. A request that
 * carried several items fails each of them.
 */
const ctx = useSandbox();
const toErrorOutput = { settings: { onError: 'continueErrorOutput' as const } };
const toMainOutput = { settings: { onError: 'continueRegularOutput' as const } };
const INACTIVE = { __rl: true, mode: 'id', value: '101' };

const paired = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);
const emails = (items: INodeExecutionData[]) => items.map((item) => item.json.email);

describe('Continue (using error output)', () => {
	test('Per Item: the item with an empty email goes to the error branch, the others to the success branch', async () => {
		const result = await ctx.run(
			launchParams(),
			json({ email: 'john@example.com' }, { email: '' }, { email: 'jane@example.com' }),
			toErrorOutput,
		);
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(paired(success)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(emails(success)).toEqual(['john@example.com', 'jane@example.com']);
		expect(success.every((item) => item.json.launched === true && !('error' in item.json))).toBe(true);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		// n8n keeps the message as the item's JSON and the error itself (with its description) beside it.
		expect(failed[0].json).toEqual({ error: 'Email is empty for item 1' });
		expect(failed[0].error).toMatchObject({ message: 'Email is empty for item 1', description: expect.any(String) });
		expect(ctx.sandbox.launches).toHaveLength(2);
	});

	test('Audience: a request Altcraft refuses sends each of its items to the error branch, paired with its own input', async () => {
		const result = await ctx.run(
			launchParams({
				launchMode: 'audience',
				triggerMailing: { __rl: true, mode: 'id', value: '={{ $json.trigger }}' },
			}),
			json(
				{ email: 'a@example.com', trigger: '84' },
				{ email: 'b@example.com', trigger: '101' },
				{ email: 'c@example.com', trigger: '101' },
				{ email: 'd@example.com', trigger: '84' },
			),
			toErrorOutput,
		);
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(paired(success)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(emails(success)).toEqual(['a@example.com', 'd@example.com']);
		expect(paired(failed)).toEqual([{ item: 1 }, { item: 2 }]);
		for (const item of failed) expect(item.json.error).toMatch(/not active/);
	});

	test('Bulk: a failed request fails each of its items; a bad row fails alone', async () => {
		const result = await ctx.run(
			launchParams({ launchMode: 'batch', triggerMailing: INACTIVE }),
			json({ email: 'a@example.com' }, { email: 'oops' }, { email: 'c@example.com' }),
			toErrorOutput,
		);
		expect(result.error).toBeUndefined();
		const [success, failed] = result.outputs;
		expect(success).toEqual([]);
		expect(paired(failed)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(failed.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/not active/),
			expect.stringMatching(/"oops".*item 1/),
			expect.stringMatching(/not active/),
		]);
	});

	test('One Item per Request: the failure is still one item per input item', async () => {
		const result = await ctx.run(
			launchParams({ launchMode: 'batch', triggerMailing: INACTIVE, options: { output: 'eachRequest' } }),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }),
			toErrorOutput,
		);
		expect(result.outputs[0]).toEqual([]);
		expect(paired(result.outputs[1])).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Continue (regular output)', () => {
	test('Per Item: the failed item stays on the main branch, in its place, with what to fix', async () => {
		const result = await ctx.run(
			launchParams(),
			json({ email: 'john@example.com' }, { email: '' }, { email: 'jane@example.com' }),
			toMainOutput,
		);
		expect(result.outputs).toHaveLength(1);
		expect(paired(result.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toEqual({ error: 'Email is empty for item 1', description: expect.any(String) });
		// An IF on "error exists" tells them apart: no success item has the key.
		expect(result.items.map((item) => 'error' in item.json)).toEqual([false, true, false]);
	});

	test('Bulk: a failed request gives one failure item per input item, each paired with its own input', async () => {
		const result = await ctx.run(
			launchParams({ launchMode: 'batch', triggerMailing: INACTIVE }),
			json({ email: 'a@example.com' }, { email: 'b@example.com' }),
			toMainOutput,
		);
		expect(result.items).toEqual(
			[0, 1].map((item) => ({
				json: {
					error: expect.stringMatching(/not active/),
					description: expect.any(String),
					httpCode: expect.any(String),
				},
				pairedItem: { item },
			})),
		);
	});
});
