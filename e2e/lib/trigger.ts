/**
 * The Altcraft Trigger in a running n8n (`n8n start`, and queue mode): workflows with the trigger
 * are imported and activated, the sandbox's action hooks deliver the events of its launches to
 * their production URLs, and an HTTP Request node after each trigger posts every item to a
 * collector in this process. Checks: 1,000 events in concurrent batches arrive as 1,000 items
 * (none lost, none doubled); the secret, the account, bad bodies, the size limit, empty batches
 * and the filters answer as documented and start no execution; the example workflow's two
 * branches (hard bounce, click) get their event.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Sandbox } from '../../sandbox';
import { step } from '../../devkit/n8n/log';
import type { N8nHome } from '../../devkit/n8n/install';
import type { Packed } from '../../devkit/n8n/pkg';
import type { Row } from './report';
import { ensureOwner, startN8n } from './server';
import { prepareHome } from '../../devkit/n8n/setup';
import { activateWorkflow, finishedExecutions, startQueueCluster } from './queue';
import { loadExample, type Workflow, type WorkflowNode } from '../../devkit/examples/workflows';

export const TRIGGER_EXAMPLE = 'trigger-bounce-and-click.json';
const TRIGGER_TYPE = 'n8n-nodes-altcraft.altcraftTrigger';
const SECRET = 'e2e-hook-secret';
const LOAD_LAUNCHES = 500; // × (send + deliv) = 1,000 events
const LOAD_EVENTS = LOAD_LAUNCHES * 2;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Receives what the workflows' HTTP Request nodes post: one request per item, `?wf=<name>`. */
async function startCollector() {
	const items: Array<{ wf: string; json: any }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const wf = new URL(req.url ?? '/', 'http://x').searchParams.get('wf') ?? '?';
			try {
				items.push({ wf, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			} catch {
				items.push({ wf, json: Buffer.concat(chunks).toString('utf8') });
			}
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`,
		of: (wf: string) => items.filter((item) => item.wf === wf).map((item) => item.json),
		reset: () => (items.length = 0),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function collector(name: string, url: string, wf: string, position: [number, number]): WorkflowNode {
	return {
		id: `e2e0c011-0000-4000-8000-${String(Math.abs(hash(name)))
			.padStart(12, '0')
			.slice(0, 12)}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url: `${url}?wf=${wf}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: {},
		},
	};
}

function hash(text: string): number {
	let value = 7;
	for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
	return value;
}

function triggerWorkflow(id: string, webhookId: string, parameters: Record<string, unknown>, url: string): Workflow {
	return {
		id,
		name: `Altcraft Trigger e2e: ${id}`,
		nodes: [
			{
				id: `e2e0a1c0-0000-4000-8000-${webhookId.slice(-12)}`,
				name: 'Altcraft Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
			},
			collector('Collect', url, id, [240, 0]),
		],
		connections: { 'Altcraft Trigger': { main: [[{ node: 'Collect', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: true,
	};
}

/** The example as it is, with a collector after each branch. */
function exampleWorkflow(url: string): Workflow {
	const workflow = loadExample(TRIGGER_EXAMPLE);
	workflow.nodes.push(
		collector('Collect Bounce', url, 'bounce', [720, -100]),
		collector('Collect Click', url, 'click', [720, 100]),
	);
	workflow.connections['Mark Address as Bounced'] = {
		main: [[{ node: 'Collect Bounce', type: 'main', index: 0 }]],
	};
	workflow.connections['Notify About Click'] = { main: [[{ node: 'Collect Click', type: 'main', index: 0 }]] };
	delete workflow.pinData;
	return { ...workflow, active: true };
}

const LOAD = { id: 'e2eTriggerLoad', webhookId: 'e2e7a001-0000-4000-8000-00000000a001' };
const GUARDED = { id: 'e2eTriggerGuarded', webhookId: 'e2e7a001-0000-4000-8000-00000000a002' };

function webhookUrl(base: string, webhookId: string): string {
	return `${base}/webhook/${webhookId}/altcraft`;
}

async function launchMany(sandbox: Sandbox, count: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next++;
			const response = await fetch(`${sandbox.url}/api/v1.1/campaigns/triggers/start/`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Request-ID': `e2e-load-${next}-${Date.now()}` },
				body: JSON.stringify({ token: sandbox.token, id: 84, email: 'john@example.com' }),
			});
			await response.text();
		}
	};
	await Promise.all(Array.from({ length: 10 }, worker));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const start = Date.now();
	while (!condition() && Date.now() - start < timeoutMs) await sleep(250);
}

/** 1,000 events in concurrent batches through the sandbox's action hook → exactly 1,000 items. */
async function checkLoad(base: string, sandbox: Sandbox, collect: Awaited<ReturnType<typeof startCollector>>) {
	const failures: string[] = [];
	sandbox.reset();
	collect.reset();
	sandbox.hooks.register({
		url: webhookUrl(base, LOAD.webhookId),
		batchSize: 50,
		waitMs: 200,
		concurrency: 8,
		successPattern: '.*OK.*',
		retryDelayMs: 500,
	});
	await launchMany(sandbox, LOAD_LAUNCHES);
	await sandbox.hooks.sender.idle();
	await waitFor(() => collect.of(LOAD.id).length >= LOAD_EVENTS, 180_000);
	await sleep(3000); // late duplicates would come now
	const items = collect.of(LOAD.id);
	const keys = items.map((item) => `${item.event_type} ${item.event_data?.send_message_id}`);
	const distinct = new Set(keys).size;
	const deliveries = sandbox.hooks.sender.deliveries;
	const sent = deliveries.reduce((sum, delivery) => sum + delivery.events, 0);
	const retries = deliveries.reduce((sum, delivery) => sum + delivery.attempts.length - 1, 0);
	const resentAfter = deliveries
		.filter((delivery) => delivery.attempts.length > 1)
		.map((delivery) =>
			delivery.attempts.map((attempt) => `${attempt.status} ${attempt.body.slice(0, 60)}`).join(' → '),
		);
	step(
		`trigger load: ${sent} events sent in ${deliveries.length} batches (${retries} resent${resentAfter.length > 0 ? `: ${resentAfter.join('; ')}` : ''}), ${items.length} items received, ${distinct} distinct, ${items.length - distinct} doubled`,
	);
	if (sent !== LOAD_EVENTS) failures.push(`the sandbox sent ${sent} events, expected ${LOAD_EVENTS}`);
	if (deliveries.some((delivery) => !delivery.ok)) failures.push('a batch was never answered 200 OK');
	if (items.length !== LOAD_EVENTS) failures.push(`${items.length} items arrived for ${LOAD_EVENTS} events`);
	if (distinct !== LOAD_EVENTS) failures.push(`${distinct} distinct events arrived, expected ${LOAD_EVENTS}`);
	if (items.some((item) => !/^\d{4}-.*\.\d{9}Z$/.test(String(item.event_date))))
		failures.push('an item lost the nanoseconds of event_date');
	sandbox.hooks.sender.unregister();
	return { failures, batches: deliveries.length, received: items.length };
}

async function executionCount(base: string, cookie: string, workflowId: string): Promise<number | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${base}/rest/executions?filter=${filter}&limit=250`, { headers: { Cookie: cookie } });
	if (!response.ok) {
		step(`trigger: GET /rest/executions answered ${response.status}`);
		return undefined;
	}
	const json = (await response.json()) as { data?: { count?: number; results?: unknown[] } };
	return json.data?.results?.length ?? json.data?.count;
}

/** Secret, account, bad input, size, empty and filters: answers, and what started. */
async function checkGuarded(base: string, collect: Awaited<ReturnType<typeof startCollector>>, cookie?: string) {
	const failures: string[] = [];
	collect.reset();
	const url = webhookUrl(base, GUARDED.webhookId);
	const withKey = `${url}?key=${SECRET}`;
	const event = (type: string, extra: Record<string, unknown> = {}) => ({
		event_type: type,
		event_date: '2024-05-06T10:00:05.548123456Z',
		profile_id: '6606e08f10bcdd88297057a7',
		_md5: 'd4c74594d841139328695756648b6bd6',
		list_id: 1,
		account_id: 1,
		is_test: false,
		custom_data: {},
		event_data: { message_id: 84, campaign_id: 84, segment_id: 0 },
		...extra,
	});
	const post = async (target: string, body: string, contentType = 'application/json') => {
		const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': contentType }, body });
		return { status: response.status, text: await response.text() };
	};
	const cases: Array<[string, Promise<{ status: number; text: string }>, number]> = [
		['no secret', post(url, JSON.stringify([event('click')])), 401],
		['wrong secret', post(`${url}?key=wrong`, JSON.stringify([event('click')])), 403],
		['not JSON (text/plain)', post(withKey, 'not json', 'text/plain'), 400],
		['JSON of the wrong shape', post(withKey, '42'), 400],
		['an object without event_type', post(withKey, '{"hello":"world"}'), 400],
		['another account', post(withKey, JSON.stringify([event('click', { account_id: 999 })])), 403],
		[
			'over 10 MB',
			post(withKey, JSON.stringify([event('click', { custom_data: { pad: 'x'.repeat(10_500_000) } })])),
			413,
		],
		['an empty array', post(withKey, '[]'), 200],
		[
			'only unchosen and test events',
			post(withKey, JSON.stringify([event('send'), event('click', { is_test: true })])),
			200,
		],
		[
			'a mixed batch',
			post(
				withKey,
				JSON.stringify([
					event('send'),
					event('hbounce'),
					event('deliv'),
					event('click', { event_date: '2024-05-06T10:00:06.000000001Z' }),
					event('click', { is_test: true }),
				]),
			),
			200,
		],
	];
	const answers: string[] = [];
	for (const [label, pending, expected] of cases) {
		const answer = await pending;
		answers.push(`${label} ${answer.status}`);
		if (answer.status !== expected)
			failures.push(`${label}: answered ${answer.status} (${answer.text.slice(0, 120)}), expected ${expected}`);
		if (expected === 200 && answer.text !== 'OK')
			failures.push(`${label}: answered "${answer.text.slice(0, 80)}", expected "OK"`);
	}
	await sleep(4000);
	const items = collect.of(GUARDED.id);
	const types = items.map((item) => item.event_type).sort();
	if (JSON.stringify(types) !== JSON.stringify(['click', 'hbounce']))
		failures.push(`the guarded workflow got ${JSON.stringify(types)}, expected ["click","hbounce"]`);
	if (cookie) {
		const count = await executionCount(base, cookie, GUARDED.id);
		if (count === undefined) step('trigger: could not read the execution list (REST API)');
		else if (count !== 1)
			failures.push(`the guarded workflow ran ${count} executions, expected 1 (only the mixed batch)`);
		else step('trigger guarded: 1 execution for 10 requests');
	}
	step(`trigger guarded: ${answers.join(', ')}; items ${JSON.stringify(types)}`);
	return failures;
}

/** The example: a click the sandbox reports, and a hard bounce, each reach their branch. */
async function checkExample(base: string, sandbox: Sandbox, collect: Awaited<ReturnType<typeof startCollector>>) {
	const failures: string[] = [];
	const example = loadExample(TRIGGER_EXAMPLE);
	const webhookId = String(example.nodes.find((node) => node.type === TRIGGER_TYPE)?.webhookId);
	sandbox.reset();
	collect.reset();
	sandbox.hooks.register({ url: webhookUrl(base, webhookId), batchSize: 10, waitMs: 200 });
	for (const email of ['john@example.com', 'jane@example.com']) {
		await fetch(`${sandbox.url}/api/v1.1/campaigns/triggers/start/`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ token: sandbox.token, id: 84, email }),
		}).then((response) => response.text());
	}
	await sandbox.hooks.sender.idle();
	sandbox.hooks.click({ email: 'jane@example.com' }, 'https://www.example.com/pricing');
	const [john] = sandbox.hooks.messages;
	// The sandbox reports no bounces by itself: one hard bounce in the documented shape for John.
	sandbox.hooks.send([
		{
			event_type: 'hbounce',
			event_date: '2024-05-06T10:00:01.123456789Z',
			profile_id: john.profileId,
			_xxh: '0d1cf76dbb341cda',
			_md5: 'd4c74594d841139328695756648b6bd6',
			list_id: 1,
			account_id: 1,
			is_test: false,
			is_static: false,
			custom_data: { email: 'john@example.com' },
			event_data: {
				message_id: 84,
				campaign_id: 84,
				segment_id: 0,
				resource_id: 24,
				launch_id: john.launchId,
				send_message_id: john.sendMessageId,
			},
		},
	]);
	await sandbox.hooks.sender.idle();
	await waitFor(() => collect.of('bounce').length + collect.of('click').length >= 2, 30_000);
	await sleep(2000);
	const bounces = collect.of('bounce');
	const clicks = collect.of('click');
	if (bounces.length !== 1 || bounces[0].status !== 'hard_bounce' || bounces[0].email !== 'john@example.com')
		failures.push(`bounce branch got ${JSON.stringify(bounces)}`);
	if (clicks.length !== 1 || !String(clicks[0].text).includes('clicked https://www.example.com/pricing'))
		failures.push(`click branch got ${JSON.stringify(clicks)}`);
	step(
		`trigger example: bounce branch ${bounces.length} item(s), click branch ${clicks.length}: ${clicks[0]?.text ?? ''}`,
	);
	sandbox.hooks.sender.unregister();
	return failures;
}

function workflowsFor(collectUrl: string) {
	return [
		{ id: LOAD.id, json: triggerWorkflow(LOAD.id, LOAD.webhookId, { events: ['*'], options: {} }, collectUrl) },
		{
			id: GUARDED.id,
			json: triggerWorkflow(
				GUARDED.id,
				GUARDED.webhookId,
				{ events: ['hbounce', 'click'], options: { secret: SECRET, accountId: '1' } },
				collectUrl,
			),
		},
		{ id: loadExample(TRIGGER_EXAMPLE).id, json: exampleWorkflow(collectUrl) },
	];
}

/** `n8n start` (SQLite, regular mode) with the trigger workflows active. */
export async function runTriggerChecks(options: { home: N8nHome; packed: Packed; sandbox: Sandbox }): Promise<Row> {
	const { home, packed, sandbox } = options;
	const started = Date.now();
	const failures: string[] = [];
	const logs: string[] = [];
	const collect = await startCollector();
	let received = 0;
	let server: Awaited<ReturnType<typeof startN8n>> | undefined;
	try {
		const workflows = workflowsFor(collect.url);
		await prepareHome(home, packed, sandbox, workflows);
		const activateLog = path.join(home.logDir, 'activate-trigger.log');
		logs.push(activateLog);
		for (const workflow of workflows) await activateWorkflow(home, workflow.id, activateLog);
		server = await startN8n(home, 'trigger');
		logs.push(server.logFile);
		const cookie = await ensureOwner(server.url).catch(() => undefined);
		const load = await checkLoad(server.url, sandbox, collect);
		received = load.received;
		failures.push(...load.failures);
		failures.push(...(await checkGuarded(server.url, collect, cookie)));
		failures.push(...(await checkExample(server.url, sandbox, collect)));
	} catch (error) {
		failures.push((error as Error).message);
	} finally {
		await server?.stop();
		await collect.close();
	}
	return {
		version: home.install.version,
		example: `Altcraft Trigger: ${LOAD_EVENTS} hook events, guards, ${TRIGGER_EXAMPLE}`,
		ok: failures.length === 0,
		seconds: (Date.now() - started) / 1000,
		launches: `${received} items`,
		failures,
		logs: failures.length === 0 ? [] : logs,
	};
}

/** Queue mode: the main process receives the hooks, the workers run the executions. */
export async function runTriggerQueueMode(options: {
	packed: Packed;
	sandbox: Sandbox;
	tmp: string;
	version: string;
}): Promise<Row | undefined> {
	const { packed, sandbox, version } = options;
	const logDir = path.join(options.tmp, `trigger-queue-${version}`);
	fs.mkdirSync(logDir, { recursive: true });
	const started = Date.now();
	const failures: string[] = [];
	const logs: string[] = [];
	const collect = await startCollector();
	let received = 0;
	let cluster: Awaited<ReturnType<typeof startQueueCluster>> | undefined;
	try {
		cluster = await startQueueCluster({ packed, sandbox, version, logDir, workflows: workflowsFor(collect.url), logs });
		if (!cluster) return undefined;
		const load = await checkLoad(cluster.main.url, sandbox, collect);
		received = load.received;
		failures.push(...load.failures);
		failures.push(...(await checkGuarded(cluster.main.url, collect)));
		await sleep(2000);
		const { perWorker, main } = finishedExecutions(cluster);
		const total = perWorker.reduce((sum, value) => sum + value, 0);
		step(
			`trigger queue mode: executions per worker ${perWorker.join(' + ')} (load batches ${load.batches} + 1 guarded), main ${main}`,
		);
		if (total !== load.batches + 1)
			failures.push(`the workers finished ${total} executions, expected ${load.batches + 1} (one per batch)`);
		if (main > 0) failures.push('the main process executed a job itself');
	} catch (error) {
		failures.push((error as Error).message);
	} finally {
		await cluster?.stop();
		await collect.close();
	}
	return {
		version: `${version} queue`,
		example: `Altcraft Trigger: ${LOAD_EVENTS} hook events, guards (main receives, 2 workers run)`,
		ok: failures.length === 0,
		seconds: (Date.now() - started) / 1000,
		launches: `${received} items`,
		failures,
		logs: failures.length === 0 ? [] : logs,
	};
}
