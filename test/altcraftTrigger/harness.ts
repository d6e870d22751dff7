/**
 * The Altcraft Trigger behind a real HTTP server, run as n8n runs a production webhook: the body
 * read and parsed as n8n's body parser does (raw Buffer kept, JSON parsed for application/json,
 * 422 when that fails, text kept for text/plain), the node's `webhook()` called through n8n-core's
 * real WebhookContext, n8n's rule applied to its result (no `workflowData`: no execution), and the
 * workflow's static data saved when the node changed it, then loaded again for the next call.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { AltcraftTrigger } from '../../nodes/AltcraftTrigger/AltcraftTrigger.node';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-altcraft.altcraftTrigger';

export interface Execution {
	items: INodeExecutionData[];
}

export interface Answer {
	status: number;
	text: string;
	contentType: string | null;
}

export interface TriggerHarness {
	url: string;
	/** Production URL of the webhook, as n8n would show it: <base>/webhook/<webhookId>/altcraft. */
	webhookUrl: string;
	executions: Execution[];
	/** Every item of every execution, in order. */
	items(): IDataObject[];
	/** The workflow's static data as n8n stored it (JSON), like the database column. */
	storedStaticData: string;
	post(body: string | unknown, options?: { query?: string; contentType?: string | null }): Promise<Answer>;
	close(): Promise<void>;
}

const WEBHOOK_ID = '8f1c2a3e-0d4b-4c5e-9f6a-7b8c9d0e1f2a';

function nodeTypesFor(type: INodeType): INodeTypes {
	return {
		getByName: () => type,
		getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(type, version),
		getKnownTypes: () => ({}),
	};
}

/** n8n's body parser for webhooks (packages/cli/src/middlewares/body-parser.ts), reduced to what matters here. */
function parseLikeN8n(req: http.IncomingMessage, raw: Buffer): { body: unknown } | { status: number } {
	const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
	if (raw.length === 0) return { body: {} };
	if (type === 'application/json') {
		try {
			return { body: JSON.parse(raw.toString('utf8')) };
		} catch {
			return { status: 422 };
		}
	}
	if (type === 'text/plain') return { body: raw.toString('utf8') };
	return { body: {} };
}

export async function startTrigger(
	parameters: INodeParameters,
	options: { nodeType?: INodeType; staticData?: string } = {},
): Promise<TriggerHarness> {
	const nodeType = options.nodeType ?? new AltcraftTrigger();
	const nodeTypes = nodeTypesFor(nodeType);
	const description = nodeType.description.webhooks![0];
	const executions: Execution[] = [];
	let stored = options.staticData ?? '{}';

	async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
		const parsed = parseLikeN8n(req, raw);
		if ('status' in parsed) {
			res.writeHead(parsed.status).end('n8n: Failed to parse request body');
			return;
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		Object.assign(req, { body: parsed.body, rawBody: raw, query: Object.fromEntries(url.searchParams) });
		const node: INode = {
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			name: 'Altcraft Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: JSON.parse(JSON.stringify(parameters)) as INodeParameters,
		};
		// As n8n's live webhooks do: the workflow, with its stored static data, loaded for each call.
		const workflow = new Workflow({
			id: 'wf-trigger',
			name: 'Altcraft Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(stored) as IDataObject,
		});
		const additionalData = { httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${WEBHOOK_ID}/${description.path}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
		};
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context);
		// n8n's WorkflowStaticDataService.saveStaticData: saved only when the node changed something.
		if (workflow.staticData.__dataChanged === true) {
			workflow.staticData.__dataChanged = false;
			const { __dataChanged: _flag, ...data } = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			stored = JSON.stringify(data);
		}
		if (result.noWebhookResponse !== true && !res.headersSent)
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'n8n default answer' }));
		if (result.workflowData !== undefined) executions.push({ items: result.workflowData[0] ?? [] });
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks)).catch((error: Error) => {
				// n8n answers a throwing webhook() with 500 and records a failed execution.
				executions.push({ items: [{ json: { thrown: error.message } }] });
				if (!res.headersSent) res.writeHead(500).end(error.message);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const webhookUrl = `${base}/webhook/${WEBHOOK_ID}/${description.path}`;

	return {
		url: base,
		webhookUrl,
		executions,
		items: () => executions.flatMap((execution) => execution.items.map((item) => item.json)),
		get storedStaticData() {
			return stored;
		},
		async post(body, postOptions = {}) {
			const contentType = postOptions.contentType === undefined ? 'application/json' : postOptions.contentType;
			const headers: Record<string, string> = {};
			if (contentType !== null) headers['Content-Type'] = contentType;
			const response = await fetch(`${webhookUrl}${postOptions.query ?? ''}`, {
				method: 'POST',
				headers,
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
			return {
				status: response.status,
				text: await response.text(),
				contentType: response.headers.get('content-type'),
			};
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
