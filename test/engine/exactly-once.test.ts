import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RecordedRequest } from '../../sandbox';
import { bulkImportParams, json, launchParams, useSandbox } from '../helpers/fixture';

/**
 * A re-run with the same Idempotency Key never sends a profile twice, whatever happened to the
 * input in between: grown inside the last request, grown in the middle, reordered, a row removed.
 * For Bulk launch, bulk Import Profile and Launch, bulk Import Profile and Start (the same import
 * runner, fields/importRun.ts) and Audience, through n8n's engine against the
 * sandbox, reading what the sandbox processed (answers from its dedup store excluded), not the
 * node's output.
 */
const ctx = useSandbox();
const KEY = 'import-2026-01-15';

const modes: Record<string, (extra?: IDataObject) => INodeParameters> = {
	'Bulk launch': (options = {}) =>
		launchParams({
			launchMode: 'batch',
			itemCustomData: 'json',
			itemCustomDataJson: '={{ JSON.stringify({ order: $json.order }) }}',
			options: { idempotencyKey: KEY, ...options },
		}),
	'bulk Import Profile and Launch': (options = {}) =>
		bulkImportParams({ options: { idempotencyKey: KEY, ...options } }),
	'bulk Import Profile and Start': (options = {}) => ({
		resource: 'scenario',
		operation: 'importAndStart',
		launchMode: 'batch',
		scenario: { __rl: true, mode: 'id', value: '11' },
		matching: 'email',
		email: '={{ $json.email }}',
		options: { idempotencyKey: KEY, ...options },
	}),
	Audience: (options = {}) => launchParams({ launchMode: 'audience', options: { idempotencyKey: KEY, ...options } }),
};

/** The profiles of one request the sandbox processed (not answered from its dedup store). */
function profilesOf(request: RecordedRequest): string[] {
	const body = request.body;
	if (body.custom_request) return body.custom_request.email.$in;
	return body.data.map((element: IDataObject) => element.email);
}

const processed = () =>
	ctx.sandbox.requests
		.filter((request) => request.response?.status === 200 && !request.response.duplicate)
		.flatMap(profilesOf);

const users = (...numbers: number[]) => json(...numbers.map((i) => ({ email: `user${i}@example.com`, order: i })));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** The memory of the n8n process (the jest process here) is per workflow: a new workflow per test. */
let workflows = 0;
const workflow = () => `wf-exactly-once-${++workflows}`;

/** What the second run's input is, from the first's. */
const changes: Array<[string, number[], number[]]> = [
	// The case: 3 rows in requests of 2, then a fourth row.
	['a row added inside the last request', range(3), range(4)],
	['rows added in the middle', range(9), [0, 1, 2, 3, 100, 4, 5, 101, 6, 7, 8]],
	['the input reordered', range(9), [8, 3, 5, 0, 7, 1, 6, 2, 4]],
	['a row removed', range(9), [0, 1, 2, 3, 5, 6, 7, 8]],
];

describe.each(Object.entries(modes))('%s: a keyed re-run never sends a profile twice', (_mode, params) => {
	describe.each(changes)('%s', (_change, first, second) => {
		const expected = [...new Set([...first, ...second])].map((i) => `user${i}@example.com`).sort();

		test('production runs: what n8n saves in the static data after the first run carries to the second', async () => {
			const node = params({ profilesPerRequest: 2 });
			const one = await ctx.run(node, users(...first), { workflowId: workflow() });
			expect(one.error).toBeUndefined();
			// Another workflow ID, so that only the saved static data can tell what went out.
			const two = await ctx.run(node, users(...second), { workflowId: workflow(), staticData: one.staticData });
			expect(two.error).toBeUndefined();
			expect(processed().sort()).toEqual(expected);
		});

		test('manual runs: the memory of the n8n process that runs them', async () => {
			const node = params({ profilesPerRequest: 2 });
			const workflowId = workflow();
			expect((await ctx.run(node, users(...first), { workflowId })).error).toBeUndefined();
			expect((await ctx.run(node, users(...second), { workflowId })).error).toBeUndefined();
			expect(processed().sort()).toEqual(expected);
		});
	});

	test('with nothing remembered (a crash before n8n saved), the same profiles in another order make the same requests', async () => {
		const node = params({ profilesPerRequest: 4 });
		const rows = range(40);
		await ctx.run(node, users(...rows));
		const firstRequests = ctx.sandbox.requests.length;
		const reordered = [...rows].reverse();
		const again = await ctx.run(node, users(...reordered));
		expect(again.error).toBeUndefined();
		expect(processed().sort()).toEqual(rows.map((i) => `user${i}@example.com`).sort());
		expect(ctx.sandbox.requests.length).toBe(firstRequests * 2);
		expect(ctx.sandbox.requests.slice(firstRequests).every((request) => request.response?.duplicate)).toBe(true);
	});

	test('a request Altcraft refused is not remembered: the re-run sends its profiles', async () => {
		const node = params({ profilesPerRequest: 2 });
		ctx.sandbox.inject({
			status: 400,
			body: '{"error":400,"error_text":"Bad request"}',
			contentType: 'application/json',
		});
		const workflowId = workflow();
		const one = await ctx.run(node, users(0), { workflowId, continueOnFail: true });
		expect(one.items[0].json.error).toBeDefined();
		await ctx.run(node, users(0), { workflowId, staticData: one.staticData });
		expect(processed()).toEqual(['user0@example.com']);
	});

	test('without an Idempotency Key nothing is remembered: every run launches anew', async () => {
		const node = params({ profilesPerRequest: 2, idempotencyKey: '' });
		const workflowId = workflow();
		const one = await ctx.run(node, users(0, 1), { workflowId });
		await ctx.run(node, users(0, 1), { workflowId, staticData: one.staticData });
		expect(processed().sort()).toEqual([
			'user0@example.com',
			'user0@example.com',
			'user1@example.com',
			'user1@example.com',
		]);
	});
});

/** What a bulk answer tells of a row sent now, per mode (docs/output.md). */
const NOW_SENT: Record<string, boolean | null> = {
	Audience: null,
	'Bulk launch': false,
	'bulk Import Profile and Launch': true,
	'bulk Import Profile and Start': true,
};

/** What every item of a mode's request names: what it launches or starts. */
const SHARED: Record<string, IDataObject> = {
	Audience: { triggerMailingId: 84 },
	'Bulk launch': { triggerMailingId: 84 },
	'bulk Import Profile and Launch': { triggerMailingId: 84 },
	'bulk Import Profile and Start': { scenarioId: 11 },
};

describe('what the output says of profiles already sent', () => {
	test.each(Object.entries(modes))(
		'%s: one item per input item, paired with it, saying it was already sent',
		async (mode, params) => {
			const node = params({ profilesPerRequest: 10 });
			const workflowId = workflow();
			const one = await ctx.run(node, users(0, 1), { workflowId });
			const two = await ctx.run(node, users(1, 0, 2), { workflowId, staticData: one.staticData });
			expect(two.error).toBeUndefined();
			expect(processed().sort()).toEqual(['user0@example.com', 'user1@example.com', 'user2@example.com']);
			const verb = mode.startsWith('bulk Import') ? 'imported' : 'launched';
			expect(
				two.items.map((item) => [item.pairedItem, item.json.email, item.json[verb], item.json.alreadySent]),
			).toEqual([
				[{ item: 0 }, 'user1@example.com', false, true],
				[{ item: 1 }, 'user0@example.com', false, true],
				// Sent now. Audience cannot tell per profile (null); Bulk launch can, and the sandbox has no
				// such profile, so its answer lists none (false); the import creates it first (true).
				[{ item: 2 }, 'user2@example.com', NOW_SENT[mode], undefined],
			]);
			const held = two.items[0].json;
			expect(held).toMatchObject({ duplicate: true, requestId: null, attempts: 0, ...SHARED[mode] });
			expect(held.note).toMatch(/already went out under this Idempotency Key/);
			expect(held).not.toHaveProperty('response');
			expect(held).not.toHaveProperty('error');
			// The one request sent is request 1 of 1: held-back items are no request.
			expect(two.items[2].json.request).toMatchObject({ number: 1, of: 1, items: 1, duplicate: false });
		},
	);

	test('One Item per Request: the held-back items are one item, paired with each of them', async () => {
		const node = modes['Bulk launch']({ profilesPerRequest: 10, output: 'eachRequest' });
		const workflowId = workflow();
		const one = await ctx.run(node, users(0, 1), { workflowId });
		const two = await ctx.run(node, users(0, 1, 2), { workflowId, staticData: one.staticData });
		expect(two.error).toBeUndefined();
		expect(two.items).toHaveLength(2);
		const [held, sent] = two.items;
		expect(held.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(held.json).toMatchObject({
			alreadySent: true,
			duplicate: true,
			requestId: null,
			attempts: 0,
			request: { items: 2, profiles: 2 },
		});
		expect(sent.pairedItem).toEqual([{ item: 2 }]);
		expect(sent.json).toMatchObject({ request: { number: 1, of: 1, items: 1 }, duplicate: false });
		expect(processed().sort()).toEqual(['user0@example.com', 'user1@example.com', 'user2@example.com']);
	});

	test('keyed requests order their profiles by fingerprint: each item still names its own recipient', async () => {
		const node = modes['Bulk launch']({ profilesPerRequest: 1000 });
		const rows = range(30);
		const result = await ctx.run(node, users(...rows), { workflowId: workflow() });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.pairedItem, item.json.email])).toEqual(
			rows.map((i) => [{ item: i }, `user${i}@example.com`]),
		);
	});

	test('Dry Run after a real run shows which items a real run would hold back, and sends nothing', async () => {
		const workflowId = workflow();
		await ctx.run(modes['Bulk launch']({ profilesPerRequest: 10 }), users(0), { workflowId });
		ctx.sandbox.reset();
		const dry = await ctx.run(modes['Bulk launch']({ profilesPerRequest: 10, dryRun: true }), users(0, 1), {
			workflowId,
		});
		expect(dry.items.map((item) => [item.json.dryRun, item.json.email, item.json.alreadySent])).toEqual([
			[true, 'user0@example.com', true],
			[true, 'user1@example.com', undefined],
		]);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Dry Run sends nothing and remembers nothing', async () => {
		const node = modes['Bulk launch']({ profilesPerRequest: 10, dryRun: true });
		const workflowId = workflow();
		const one = await ctx.run(node, users(0, 1), { workflowId });
		expect(one.staticData['node:Altcraft'] ?? {}).toEqual({});
		expect(ctx.sandbox.requests).toHaveLength(0);
		// Nor in the process: a real run afterwards sends both.
		await ctx.run(modes['Bulk launch']({ profilesPerRequest: 10 }), users(0, 1), { workflowId });
		expect(processed().sort()).toEqual(['user0@example.com', 'user1@example.com']);
	});
});
