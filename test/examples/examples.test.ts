/**
 * Every workflow in examples/ runs through n8n-core's engine against the sandbox over HTTP and
 * does what it shows: the expectations of devkit/examples/checks.ts, the same the end-to-end
 * suite checks in real n8n (the Altcraft node's output items and their pairing, and what the
 * sandbox received). As in that suite, a trigger a manual run cannot start from (Form,
 * Schedule, the Altcraft Trigger's webhook) becomes a node of the same name returning its pinned
 * sample data, behind a Manual Trigger; the other nodes of n8n-nodes-base run as the stand-ins of
 * ./stand-ins.ts. (The Altcraft Trigger itself is tested in test/altcraftTrigger/ and, with real
 * action hooks, in the end-to-end run.)
 */
import type { INode } from 'n8n-workflow';
import { NODE_TYPE, runStoredWorkflow, shutdownEngine, type StoredWorkflow } from '../../devkit/engine';
import { Failures, SPECS, commonChecks, specFor } from '../../devkit/examples/checks';
import { MANUAL_TRIGGER, forManualRun, listExamples, loadExample, pointLinksAt } from '../../devkit/examples/workflows';
import { startSandbox, type Sandbox } from '../../sandbox';
import { STAND_INS } from './stand-ins';

const files = listExamples();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
	shutdownEngine();
});

/** Nodes this harness cannot run as the example asks: no stand-in for the type, or another version. */
function notRunnable(nodes: INode[]): string[] {
	return nodes
		.filter((node) => node.type !== NODE_TYPE && node.type !== MANUAL_TRIGGER)
		.filter((node) => STAND_INS[node.type]?.description.version !== node.typeVersion)
		.map((node) => `${node.name} (${node.type} v${node.typeVersion})`);
}

test('every example has its expectations, and every expectation its example', () => {
	expect(files.length).toBeGreaterThan(0);
	expect({
		examplesWithoutExpectations: files.filter((file) => !specFor(file)),
		expectationsWithoutExample: SPECS.map((spec) => spec.file).filter((file) => !files.includes(file)),
	}).toEqual({ examplesWithoutExpectations: [], expectationsWithoutExample: [] });
});

// n8n imports workflows by their ID: two examples with one ID leave one of them unreachable (the
// end-to-end run then executes the other under its name).
test('every example has its own workflow ID', () => {
	const filesById = new Map<string, string[]>();
	for (const file of files) {
		const id = String(loadExample(file).id);
		filesById.set(id, [...(filesById.get(id) ?? []), file]);
	}
	expect([...filesById.values()].filter((shared) => shared.length > 1)).toEqual([]);
});

test.each(files)('%s does what it shows', async (file) => {
	const spec = specFor(file);
	if (!spec) throw new Error(`${file} has no expectations: add them to devkit/examples/checks.ts`);
	const { workflow } = forManualRun(loadExample(file));
	// The stored JSON's loose types (plain strings for connection types) as n8n's own.
	const runnable = pointLinksAt(workflow, sandbox.url) as unknown as StoredWorkflow;
	const missing = notRunnable(runnable.nodes);
	if (missing.length > 0)
		throw new Error(`${file}: no stand-in in test/examples/stand-ins.ts for ${missing.join(', ')}`);

	sandbox.reset();
	const { run } = await runStoredWorkflow(
		runnable,
		{ apiUrl: sandbox.url, apiToken: sandbox.token, authPlacement: 'body' },
		STAND_INS,
	);

	const failures = new Failures();
	const evidence = { workflow, run, stdout: JSON.stringify(run), stderr: '', sandbox };
	commonChecks(spec, evidence, failures);
	spec.check(evidence, failures);
	expect(failures.list).toEqual([]);
});
