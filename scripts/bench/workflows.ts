/**
 * The benchmark's workflows, as n8n stores them: Manual Trigger → "Rows" (a Code node making the
 * items; for plain rows, parsed by Edit Fields and split by Split Out) → the measured node. Every scenario gets the same rows, so the no-op workflow is the
 * memory baseline of the others. The measured node is always named MEASURED: its own start time
 * and execution time in n8n's run data are what the bench reports.
 */
import { NODE_TYPE } from '../../devkit/n8n/pkg';
import { CREDENTIAL } from '../../devkit/n8n/setup';
import type { Workflow, WorkflowNode } from '../../devkit/examples/workflows';

export const MEASURED = 'Measured';
export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';

export type Kind =
	| 'noop'
	| 'noop-plain'
	| 'node'
	| 'http-request-node'
	| 'http-token-body'
	| 'batch-code'
	| 'batch'
	| 'import-batch'
	| 'audience';

export interface Scenario {
	kind: Kind;
	label: string;
	/** Stored workflow ID (n8n wants 16 letters/digits). */
	id: string;
	/**
	 * Where the rows come from: `code`, a Code node (in n8n 1.x its rows are the sandbox's proxies,
	 * every property read crosses them); `plain`, plain objects as from a database node (the Code
	 * node hands over JSON text, n8n's Edit Fields parses it, Split Out makes the items).
	 */
	rows: 'code' | 'plain';
}

export const SCENARIOS: Record<Kind, Scenario> = {
	noop: {
		kind: 'noop',
		label: 'no-op workflow, rows from a Code node (baseline)',
		id: 'altcraftBenchNop',
		rows: 'code',
	},
	'noop-plain': {
		kind: 'noop-plain',
		label: 'no-op workflow, plain rows (baseline)',
		id: 'altcraftBenchNoP',
		rows: 'plain',
	},
	node: { kind: 'node', label: 'this node, one launch per item', id: 'altcraftBenchNod', rows: 'code' },
	'http-request-node': {
		kind: 'http-request-node',
		label: "n8n's HTTP Request node, one call per item, stored credential",
		id: 'altcraftBenchHtt',
		rows: 'code',
	},
	'http-token-body': {
		kind: 'http-token-body',
		label: "n8n's HTTP Request node, one call per item, token typed into the body",
		id: 'altcraftBenchHtb',
		rows: 'code',
	},
	'batch-code': {
		kind: 'batch-code',
		label: 'this node, Bulk launch (start_batch), rows from a Code node',
		id: 'altcraftBenchBaC',
		rows: 'code',
	},
	batch: {
		kind: 'batch',
		label: 'this node, Bulk launch (start_batch), plain rows',
		id: 'altcraftBenchBat',
		rows: 'plain',
	},
	'import-batch': {
		kind: 'import-batch',
		label: 'this node, Bulk import (import_and_start_batch), plain rows',
		id: 'altcraftBenchImp',
		rows: 'plain',
	},
	audience: {
		kind: 'audience',
		label: 'this node, Audience (one message for all)',
		id: 'altcraftBenchAud',
		rows: 'code',
	},
};

/** Each row: an email and its own custom data (the bulk scenarios send it; the others ignore it). */
const ROW = [
	'  email: `user${i}@bench.example.com`,',
	'  name: `User ${i}`,',
	'  custom: { order_id: `A-${100000 + i}`, amount: (i % 97) * 10 + 5, items: [{ sku: `SKU-${i % 13}`, qty: 1 + (i % 3) }] },',
];

function rowsCode(count: number, rows: Scenario['rows']): string {
	if (rows === 'code')
		return [
			`// bench: ${count} rows, each with its own data`,
			`return Array.from({ length: ${count} }, (_, i) => ({ json: {`,
			...ROW,
			'} }));',
		].join('\n');
	return [
		`// bench: ${count} rows as JSON text, parsed outside the Code node's sandbox`,
		`const rows = Array.from({ length: ${count} }, (_, i) => ({`,
		...ROW,
		'}));',
		'return [{ json: { text: JSON.stringify({ rows }) } }];',
	].join('\n');
}

const credentials = { altcraftApi: CREDENTIAL };

function measuredNode(
	kind: Kind,
	sandboxUrl: string,
	token: string,
	concurrency: number,
): Pick<WorkflowNode, 'type' | 'typeVersion' | 'parameters' | 'credentials'> {
	const launch = {
		resource: 'triggerMailing',
		operation: 'launch',
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'email',
		email: '={{ $json.email }}',
	};
	const batch = {
		...launch,
		launchMode: 'batch',
		itemCustomData: 'json',
		itemCustomDataJson: '={{ $json.custom }}',
		options: { profilesPerRequest: 1000, maxParallel: concurrency },
	};
	const body = [
		{ name: 'id', value: '84' },
		{ name: 'matching', value: 'email' },
		{ name: 'email', value: '={{ $json.email }}' },
	];
	const http = {
		method: 'POST',
		url: new URL(LAUNCH_PATH, sandboxUrl).toString(),
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Request-ID', value: '={{ $execution.id }}-{{ $itemIndex }}' }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		options: {},
	};
	switch (kind) {
		case 'noop':
		case 'noop-plain':
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
		case 'batch-code':
			return { type: NODE_TYPE, typeVersion: 1, parameters: batch, credentials };
		case 'import-batch':
			return {
				type: NODE_TYPE,
				typeVersion: 1,
				parameters: {
					resource: 'triggerMailing',
					operation: 'importAndLaunch',
					launchMode: 'batch',
					triggerMailing: { __rl: true, mode: 'id', value: '84' },
					matching: 'email',
					email: '={{ $json.email }}',
					profileFields: { _fname: '={{ $json.name }}' },
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
					...http,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'altcraftApi',
					bodyParameters: { parameters: body },
				},
				credentials,
			};
		case 'http-token-body':
			// How many users call an API by hand: no credential, the token typed into the body, so n8n
			// reads no credential per call.
			return {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: { ...http, bodyParameters: { parameters: [{ name: 'token', value: token }, ...body] } },
			};
	}
}

/** Plain rows: n8n's Edit Fields parses the JSON text, Split Out makes one item per row. */
const PLAIN_ROW_NODES: WorkflowNode[] = [
	{
		id: 'b0000000-0000-4000-8000-000000000004',
		name: 'Parse',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [330, 0],
		parameters: { mode: 'raw', jsonOutput: '={{ $json.text }}', options: {} },
	},
	{
		id: 'b0000000-0000-4000-8000-000000000005',
		name: 'Split',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [380, 0],
		parameters: { fieldToSplitOut: 'rows', options: {} },
	},
];

export function benchWorkflow(
	scenario: Scenario,
	count: number,
	sandbox: { url: string; token: string },
	concurrency: number,
): Workflow {
	const plain = scenario.rows === 'plain';
	const chain = ['Start', 'Rows', ...(plain ? PLAIN_ROW_NODES.map((node) => node.name) : []), MEASURED];
	const connections: Workflow['connections'] = {};
	chain.slice(0, -1).forEach((name, index) => {
		connections[name] = { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] };
	});
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
				parameters: { jsCode: rowsCode(count, scenario.rows) },
			},
			...(plain ? PLAIN_ROW_NODES : []),
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: MEASURED,
				position: [440, 0],
				...measuredNode(scenario.kind, sandbox.url, sandbox.token, concurrency),
			},
		],
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
