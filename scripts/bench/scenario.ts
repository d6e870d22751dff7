/**
 * One benchmark scenario in a fresh process: builds the items, runs one workflow through a real
 * n8n's engine (or the raw client), and reports throughput and peak memory as one JSON line.
 */
import { Agent, request } from 'node:http';
import type { INodeExecutionData, INodeType } from 'n8n-workflow';
import { createEngine, type EngineModules } from '../../test/helpers/engine-core';
import { N8N_DIR, n8nRequire } from './n8n-install';

type Kind = 'node' | 'http-request-node' | 'noop' | 'raw' | 'audience';
const [kind, countText, concurrencyText, url, token] = process.argv.slice(2) as [Kind, string, string, string, string];
const count = Number(countText);
const concurrency = Number(concurrencyText);

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
	const memory = process.memoryUsage();
	peakRss = Math.max(peakRss, memory.rss);
	peakHeap = Math.max(peakHeap, memory.heapUsed);
};
const sampler = setInterval(sample, 5);

const emails = Array.from({ length: count }, (_, i) => `user${i}@example.com`);
const items: INodeExecutionData[] = emails.map((email) => ({ json: { email, name: `User ${email}` } }));

async function rawClient(): Promise<number> {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const target = new URL('/api/v1.1/campaigns/triggers/start/', url);
	let next = 0;
	let requests = 0;
	const one = (email: string) =>
		new Promise<void>((resolve, reject) => {
			const body = JSON.stringify({ token, id: 84, matching: 'email', email });
			const req = request(
				target,
				{ method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Request-ID': `raw-${email}-${Date.now()}` } },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => {
						const answer = JSON.parse(Buffer.concat(chunks).toString()) as { error: number };
						if (answer.error !== 0) reject(new Error(JSON.stringify(answer)));
						else resolve();
					});
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < emails.length) {
				await one(emails[next++]);
				requests++;
			}
		}),
	);
	agent.destroy();
	return requests;
}

/** Heap still held after a full GC, with the run's outputs referenced: what the run really keeps. */
let retainedHeap = 0;
function measureRetained(keep: unknown) {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) return;
	gc();
	retainedHeap = process.memoryUsage().heapUsed;
	void keep;
}

async function engineRun(): Promise<number> {
	const load = n8nRequire();
	const modules: EngineModules = {
		core: load('n8n-core'),
		workflow: load('n8n-workflow'),
		stopBackgroundWork: () => {
			const { Container } = load('@n8n/di');
			const { SSHClientsManager } = load('n8n-core/dist/execution-engine/ssh-clients-manager');
			Container.get(SSHClientsManager).onShutdown();
		},
	};
	const pkg = `${N8N_DIR}/bench/node_modules/n8n-nodes-altcraft/dist`;
	const { Altcraft } = load(`${pkg}/nodes/Altcraft/Altcraft.node.js`) as { Altcraft: new () => INodeType };
	const { AltcraftApi } = load(`${pkg}/credentials/AltcraftApi.credentials.js`);
	const engine = createEngine(modules, { node: new Altcraft(), credential: new AltcraftApi() });
	const credentials = { apiUrl: url, apiToken: token };
	const launch = {
		resource: 'triggerMailing',
		operation: 'launch',
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'email',
		email: '={{ $json.email }}',
	};
	let result;
	if (kind === 'node') {
		result = await engine.runWorkflow({ parameters: { ...launch, options: { maxParallel: concurrency } }, items, credentials });
	} else if (kind === 'audience') {
		result = await engine.runWorkflow({
			parameters: { ...launch, launchMode: 'audience', options: { profilesPerRequest: 1000, maxParallel: concurrency } },
			items,
			credentials,
		});
	} else if (kind === 'noop') {
		const { NoOp } = load('n8n-nodes-base/dist/nodes/NoOp/NoOp.node.js');
		result = await engine.runWorkflow({ parameters: {}, items, credentials, node: { type: 'n8n-nodes-base.noOp', typeVersion: 1, nodeType: new NoOp() } });
	} else {
		const { HttpRequest } = load('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
		result = await engine.runWorkflow({
			parameters: {
				method: 'POST',
				url: new URL('/api/v1.1/campaigns/triggers/start/', url).toString(),
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Request-ID', value: '={{ $execution.id }}-{{ $itemIndex }}' }] },
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: {
					parameters: [
						{ name: 'token', value: token },
						{ name: 'id', value: '84' },
						{ name: 'matching', value: 'email' },
						{ name: 'email', value: '={{ $json.email }}' },
					],
				},
				options: {},
			},
			items,
			credentials,
			node: { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, nodeType: new HttpRequest() },
		});
	}
	measureRetained(result);
	engine.shutdown();
	if (result.error) throw new Error(`${kind} failed: ${result.error.message}`);
	const bad = result.items.filter((item) => item.json.error !== undefined && item.json.error !== 0);
	if (bad.length > 0) throw new Error(`${kind}: ${bad.length} items failed, e.g. ${JSON.stringify(bad[0].json)}`);
	return result.items.length;
}

async function main() {
	sample();
	const baselineRss = process.memoryUsage().rss;
	const started = performance.now();
	const outputs = kind === 'raw' ? await rawClient() : await engineRun();
	const seconds = (performance.now() - started) / 1000;
	sample();
	clearInterval(sampler);
	process.stdout.write(
		`${JSON.stringify({ kind, count, concurrency, outputs, seconds, perSecond: count / seconds, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, retainedHeapMb: retainedHeap / 2 ** 20, baselineRssMb: baselineRss / 2 ** 20 })}\n`,
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
