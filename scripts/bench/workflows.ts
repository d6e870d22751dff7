/**
 * The benchmark's workflows, as n8n stores them: Manual Trigger → "Rows" (a Code node making the
 * items) → the measured node. Every scenario gets the same rows, so the no-op workflow is the
 * memory baseline of the others. The measured node is always named MEASURED: its own start time
 * and execution time in n8n's run data are what the bench reports.
 */
import { NODE_TYPE } from '../../devkit/n8n/pkg';
import { CREDENTIAL } from '../../devkit/n8n/setup';
import type { Workflow, WorkflowNode } from '../../devkit/examples/workflows';

export const MEASURED = 'Measured';
export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';

export type Kind = 'noop' | 'node' | 'http-request-node' | 'batch' | 'audience';

export interface Scenario {
	kind: Kind;
	label: string;
	/** Stored workflow ID (n8n wants 16 letters/digits). */
	id: string;
}

export const SCENARIOS: Record<Kind, Scenario> = {
	noop: { kind: 'noop', label: 'no-op workflow (baseline)', id: 'altcraftBenchNop' },
	node: { kind: 'node', label: 'this node, one launch per item', id: 'altcraftBenchNod' },
	'http-request-node': {
		kind: 'http-request-node',
		label: "n8n's HTTP Request node, one call per item",
		id: 'altcraftBenchHtt',
	},
	batch: { kind: 'batch', label: 'this node, Launch Mode batch (per-item custom data)', id: 'altcraftBenchBat' },
	audience: { kind: 'audience', label: 'this node, audience mode (one message for all)', id: 'altcraftBenchAud' },
};

/** Each row: an email and its own custom data (the bulk scenario sends it; the others ignore it). */
function rowsCode(count: number): string {
	return [
		`// bench: ${count} rows, each with its own data`,
		`return Array.from({ length: ${count} }, (_, i) => ({ json: {`,
		'  email: `user${i}@bench.example.com`,',
		'  name: `User ${i}`,',
		'  custom: { order_id: `A-${100000 + i}`, amount: (i % 97) * 10 + 5, items: [{ sku: `SKU-${i % 13}`, qty: 1 + (i % 3) }] },',
		'} }));',
	].join('\n');
}

const credentials = { altcraftApi: CREDENTIAL };

function measuredNode(
	kind: Kind,
	sandboxUrl: string,
	concurrency: number,
): Pick<WorkflowNode, 'type' | 'typeVersion' | 'parameters' | 'credentials'> {
	const launch = {
		resource: 'triggerMailing',
		operation: 'launch',
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'email',
		email: '={{ $json.email }}',
	};
	switch (kind) {
		case 'noop':
			return { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		case 'node':
			return {
				type: NODE_TYPE,
				typeVersion: 1,
				parameters: { ...launch, options: { maxParallel: concurrency } },
				credentials,
			};
		case 'audience':
			return {
				type: NODE_TYPE,
				typeVersion: 1,
				parameters: {
					...launch,
					launchMode: 'audience',
					options: { profilesPerRequest: 1000, maxParallel: concurrency },
				},
				credentials,
			};
		case 'batch':
			return {
				type: NODE_TYPE,
				typeVersion: 1,
				parameters: {
					...launch,
					launchMode: 'batch',
					itemCustomData: 'json',
					itemCustomDataJson: '={{ $json.custom }}',
					options: { profilesPerRequest: 1000, maxParallel: concurrency },
				},
				credentials,
			};
		case 'http-request-node':
			// What a user would build by hand: the same stored Altcraft credential (n8n adds the
			// token as the node does), a Request-ID per call, the same body.
			return {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: new URL(LAUNCH_PATH, sandboxUrl).toString(),
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'altcraftApi',
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Request-ID', value: '={{ $execution.id }}-{{ $itemIndex }}' }] },
					sendBody: true,
					contentType: 'json',
					specifyBody: 'keypair',
					bodyParameters: {
						parameters: [
							{ name: 'id', value: '84' },
							{ name: 'matching', value: 'email' },
							{ name: 'email', value: '={{ $json.email }}' },
						],
					},
					options: {},
				},
				credentials,
			};
	}
}

export function benchWorkflow(scenario: Scenario, count: number, sandboxUrl: string, concurrency: number): Workflow {
	return {
		id: scenario.id,
		name: `Bench: ${scenario.label}`,
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: rowsCode(count) },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: MEASURED,
				position: [440, 0],
				...measuredNode(scenario.kind, sandboxUrl, concurrency),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: MEASURED, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
