/**
 * The example workflows, and their headless form: `n8n execute` starts only from a Manual Trigger
 * (or Start / Execute Workflow Trigger), so a workflow that starts from a Form, Schedule or Webhook
 * trigger is rewritten for the run: the trigger becomes a Code node of the same name that returns the
 * trigger's pinned sample data (or one empty item), fed by a Manual Trigger. Everything downstream,
 * including expressions such as $('On form submission'), stays as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../n8n/install';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const STARTABLE = new Set([MANUAL_TRIGGER, 'n8n-nodes-base.start', 'n8n-nodes-base.executeWorkflowTrigger']);
export const E2E_TRIGGER_NAME = 'Manual Trigger (e2e)';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	pinData?: Record<string, Array<{ json: unknown; binary?: unknown }>>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export function loadExample(file: string): Workflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Workflow;
}

export function listExamples(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

function isTrigger(node: WorkflowNode): boolean {
	return /trigger$/i.test(node.type) || node.type === 'n8n-nodes-base.webhook';
}

/** The trigger nodes `n8n execute` cannot start from. */
export function unstartableTriggers(workflow: Workflow): WorkflowNode[] {
	return workflow.nodes.filter((node) => isTrigger(node) && !STARTABLE.has(node.type));
}

/** A Code node in the trigger's place (same id, name and position), so the graph downstream is unchanged. */
function codeStandIn(trigger: WorkflowNode, jsCode: string): WorkflowNode {
	return {
		id: trigger.id,
		name: trigger.name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: trigger.position,
		parameters: { jsCode },
	};
}

/** The workflow as `n8n execute --id` can run it; `rewritten` names the triggers replaced. */
export function forManualRun(original: Workflow): { workflow: Workflow; rewritten: string[] } {
	const workflow: Workflow = JSON.parse(JSON.stringify(original));
	const triggers = unstartableTriggers(workflow);
	if (triggers.length === 0) {
		delete workflow.pinData;
		return { workflow, rewritten: [] };
	}
	if (triggers.length > 1) throw new Error(`${original.name}: more than one trigger to replace`);
	const trigger = triggers[0];
	const sample = original.pinData?.[trigger.name] ?? [{ json: {} }];
	const replacement = codeStandIn(
		trigger,
		`// e2e: stands in for the ${trigger.type} node; returns its sample output.\nreturn ${JSON.stringify(sample, null, 2)};\n`,
	);
	const manual: WorkflowNode = {
		id: 'e2e00000-0000-4000-8000-000000000001',
		name: E2E_TRIGGER_NAME,
		type: MANUAL_TRIGGER,
		typeVersion: 1,
		position: [trigger.position[0] - 240, trigger.position[1]],
		parameters: {},
	};
	workflow.nodes = [manual, ...workflow.nodes.map((node) => (node === trigger ? replacement : node))];
	workflow.connections = {
		[E2E_TRIGGER_NAME]: { main: [[{ node: trigger.name, type: 'main', index: 0 }]] },
		...workflow.connections,
	};
	// `n8n execute` ignores pin data; drop it so that nothing looks pinned in the stored copy either.
	delete workflow.pinData;
	workflow.name = `${original.name} [e2e: Manual Trigger]`;
	return { workflow, rewritten: [`${trigger.name} (${trigger.type})`] };
}

/** Node types (and versions) of a workflow that an n8n install does not know. */
export function unknownNodeTypes(workflow: Workflow, n8nDir: string, ownType: string): string[] {
	const nodesJson = path.join(n8nDir, 'node_modules', 'n8n-nodes-base', 'dist', 'types', 'nodes.json');
	const described = JSON.parse(fs.readFileSync(nodesJson, 'utf8')) as Array<{
		name: string;
		version: number | number[];
	}>;
	const versions = new Map<string, number[]>();
	for (const description of described) {
		const name = description.name.includes('.') ? description.name : `n8n-nodes-base.${description.name}`;
		const list = Array.isArray(description.version) ? description.version : [description.version];
		versions.set(name, [...(versions.get(name) ?? []), ...list]);
	}
	const missing: string[] = [];
	for (const node of workflow.nodes) {
		if (node.type === ownType) continue;
		const known = versions.get(node.type);
		if (!known) missing.push(`${node.type} (unknown type)`);
		else if (!known.includes(node.typeVersion))
			missing.push(`${node.type} v${node.typeVersion} (known: ${known.join(', ')})`);
	}
	return missing;
}

/**
 * The workflow as a production webhook can run it (queue mode): the trigger becomes a Code node of
 * the same name fed by a Webhook (POST `path`, answering with the last node's first item). The
 * Code node returns the trigger's sample data with the request body's fields on top, so that each
 * call can be told apart.
 */
export function forWebhookRun(original: Workflow, webhookPath: string): Workflow {
	const workflow: Workflow = JSON.parse(JSON.stringify(original));
	const triggers = workflow.nodes.filter((node) => isTrigger(node));
	if (triggers.length !== 1) throw new Error(`${original.name}: expected one trigger, found ${triggers.length}`);
	const trigger = triggers[0];
	const sample = (original.pinData?.[trigger.name] ?? [{ json: {} }])[0].json;
	const webhookName = 'Webhook (e2e)';
	const replacement = codeStandIn(
		trigger,
		`// e2e: stands in for the ${trigger.type} node: its sample output, with the webhook body on top.\nconst sample = ${JSON.stringify(sample)};\nreturn $input.all().map((item) => ({ json: { ...sample, ...item.json.body } }));\n`,
	);
	const webhook: WorkflowNode = {
		id: 'e2e00000-0000-4000-8000-000000000002',
		name: webhookName,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [trigger.position[0] - 240, trigger.position[1]],
		webhookId: 'e2e00000-0000-4000-8000-0000000000a1',
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		},
	};
	const downstream = workflow.connections[trigger.name];
	workflow.nodes = [webhook, ...workflow.nodes.map((node) => (node === trigger ? replacement : node))];
	workflow.connections = {
		...workflow.connections,
		[webhookName]: { main: [[{ node: trigger.name, type: 'main', index: 0 }]] },
	};
	if (downstream) workflow.connections[trigger.name] = downstream;
	delete workflow.pinData;
	workflow.name = `${original.name} [e2e: Webhook, queue mode]`;
	return workflow;
}

/** The tracking host the examples' v1.0 trigger links use; tests and dev point it at the sandbox. */
export const EXAMPLE_LINK_HOST = 'https://trk.example.org';

/** Replaces the example tracking host in every string parameter with the sandbox's URL. */
export function pointLinksAt(workflow: Workflow, sandboxUrl: string): Workflow {
	const swap = (value: unknown): unknown => {
		if (typeof value === 'string') return value.split(EXAMPLE_LINK_HOST).join(sandboxUrl);
		if (Array.isArray(value)) return value.map(swap);
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, swap(entry)]));
		return value;
	};
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => ({ ...node, parameters: swap(node.parameters) as Record<string, unknown> })),
	};
}
