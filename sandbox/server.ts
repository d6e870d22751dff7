/**
 * An Altcraft-compatible HTTP sandbox for tests, demos and benchmarks of the node.
 *
 * The server does what every endpoint shares: reads and records requests, applies injected
 * faults, authenticates, deduplicates, and hands the request to the route registered for its
 * path (./routes). Only node:http and fast-xml-parser: it must start in milliseconds inside jest.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Answers } from './answers';
import { DedupStore } from './dedup';
import { DEMO_TOKEN, demoData, type SandboxProfile, type SandboxResource, type SandboxTrigger } from './demo-data';
import { FaultQueue, cannedReply, isCanned, seededRandom } from './faults';
import { firstHeader, openExchange, sendReply, trimTrailingSlashes, type Exchange, type Reply } from './http';
import { CONTROL_PATH, hooksControl } from './hooks/control';
import { SandboxHooks } from './hooks';
import { TRIGGER_KEY, linkPath } from './links';
import { ProfileSet } from './profiles';
import { RouteTable } from './routes';
import type { RouteContext } from './routes/route';
import type { Fault, Launch, MutableOptions, Operation, RecordedRequest, Sandbox, SandboxOptions } from './types';
import { ApiError, type Catalogue, type LaunchPlan } from './validate';

/** Altcraft's default request body limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const routeTable = new RouteTable();

function byId<T extends { id: number }>(items: readonly T[]): Map<number, T> {
	return new Map(items.map((item) => [item.id, item]));
}

function checkConfig(triggers: SandboxTrigger[]): void {
	const ids = new Set<number>();
	for (const trigger of triggers) {
		if (!TRIGGER_KEY.test(trigger.key))
			throw new Error(`Sandbox trigger ${trigger.id}: key must be 48 or 64 hex characters`);
		if (ids.has(trigger.id)) throw new Error(`Sandbox trigger ${trigger.id} is defined twice`);
		ids.add(trigger.id);
	}
}

class SandboxServer implements Sandbox, RouteContext {
	url = '';
	readonly token: string;
	readonly requests: RecordedRequest[] = [];
	readonly launches: Launch[] = [];
	readonly operations: Operation[] = [];
	readonly stats = { requests: 0, launches: 0, duplicates: 0, faults: 0 };
	readonly catalogue: Catalogue;
	readonly triggers: SandboxTrigger[];
	readonly resources: SandboxResource[];
	readonly answers = new Answers();
	readonly hooks: SandboxHooks;

	private readonly server: http.Server;
	private readonly triggersByKey = new Map<string, SandboxTrigger>();
	private readonly keepHistory: boolean;
	private readonly seed: number;
	private readonly dedup = new DedupStore(() => this.stats.duplicates++);
	private readonly faults = new FaultQueue();
	private readonly timers = new Set<NodeJS.Timeout>();
	private random: () => number;
	private faultRate: number;
	private hostPort = '';
	private closed = false;
	private tasks = 0;

	constructor(options: SandboxOptions) {
		this.token = options.token ?? DEMO_TOKEN;
		this.triggers = options.triggers ?? demoData.triggers;
		this.resources = options.resources ?? demoData.resources;
		checkConfig(this.triggers);
		for (const trigger of this.triggers) this.triggersByKey.set(trigger.key.toLowerCase(), trigger);
		this.catalogue = {
			triggersById: new Map(this.triggers.map((trigger) => [trigger.id, trigger])),
			resourceIds: new Set(this.resources.map((resource) => resource.id)),
			profiles: new ProfileSet(options.profiles ?? demoData.profiles),
			databasesById: byId(options.databases ?? demoData.databases),
			scenariosById: byId(options.scenarios ?? demoData.scenarios),
			segmentsById: byId(options.segments ?? demoData.segments),
			pixelsById: byId(options.pixels ?? demoData.pixels),
		};
		this.keepHistory = options.keepHistory ?? true;
		this.seed = options.seed ?? 1;
		this.random = seededRandom(this.seed);
		this.answers.errorsWithHttp200 = options.errorsWithHttp200 ?? false;
		this.dedup.legacyHeaders = options.legacyDuplicateHeaders ?? false;
		this.faultRate = options.faultRate ?? 0;
		const emails = new Map(
			(options.profiles ?? demoData.profiles).map((profile) => [profile.profile_id, profile.email]),
		);
		this.hooks = new SandboxHooks({ emailOf: (profileId) => emails.get(profileId) });
		if (options.hooks) this.hooks.register(options.hooks);
		this.server = http.createServer((req, res) => this.receive(req, res));
		// Benchmarks reuse keep-alive connections; Node's 5 s default would make clients reconnect.
		this.server.keepAliveTimeout = 30_000;
		this.server.headersTimeout = 35_000;
	}

	async listen(port: number, host: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address() as AddressInfo;
		const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
		this.hostPort = `${shownHost}:${address.port}`;
		this.url = `http://${this.hostPort}`;
	}

	// ---- Sandbox ----------------------------------------------------------------------------

	triggerLink(triggerId: number, withScheme = true): string {
		const trigger = this.catalogue.triggersById.get(triggerId);
		if (!trigger) throw new Error(`Sandbox has no trigger ${triggerId}`);
		return this.linkOf(trigger, withScheme);
	}

	profile(profileId: string): SandboxProfile | undefined {
		const stored = this.catalogue.profiles.get(profileId);
		return stored && structuredClone(stored);
	}

	inject(fault: Fault): void {
		this.faults.push(fault);
	}

	setOptions(partial: MutableOptions): void {
		if (partial.errorsWithHttp200 !== undefined) this.answers.errorsWithHttp200 = partial.errorsWithHttp200;
		if (partial.legacyDuplicateHeaders !== undefined) this.dedup.legacyHeaders = partial.legacyDuplicateHeaders;
		if (partial.faultRate !== undefined) this.faultRate = partial.faultRate;
	}

	reset(): void {
		// Truncate in place: tests often hold a reference to sandbox.requests / launches / stats.
		this.requests.length = 0;
		this.launches.length = 0;
		this.operations.length = 0;
		this.catalogue.profiles.restore();
		this.stats.requests = this.stats.launches = this.stats.duplicates = this.stats.faults = 0;
		this.dedup.clear();
		this.faults.clear();
		this.hooks.reset();
		this.tasks = 0;
		this.random = seededRandom(this.seed);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.hooks.close();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	// ---- RouteContext -----------------------------------------------------------------------

	triggerByKey(key: string): SandboxTrigger | undefined {
		return this.triggersByKey.get(key.toLowerCase());
	}

	linkOf(trigger: SandboxTrigger, withScheme: boolean): string {
		return `${withScheme ? 'http://' : ''}${this.hostPort}${linkPath(trigger.key)}`;
	}

	authenticate(exchange: Exchange, optional = false): Reply | undefined {
		const bodyToken = exchange.parsed?.body?.token;
		let token = typeof bodyToken === 'string' || typeof bodyToken === 'number' ? String(bodyToken) : undefined;
		if (!token) {
			const header = firstHeader(exchange.req.headers.authorization);
			const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
			token = match ? match[1] : undefined;
		}
		if (!token) {
			if (optional) return undefined;
			return this.answers.error(
				exchange,
				401,
				'Token required: send "token" in the body or the header Authorization: Bearer <token>',
			);
		}
		return token === this.token ? undefined : this.answers.error(exchange, 403, 'Invalid token');
	}

	deduplicated(exchange: Exchange, path: string, handle: () => Reply): Reply {
		return this.dedup.run(exchange, path, handle);
	}

	attempt(exchange: Exchange, action: () => Reply): Reply {
		try {
			return action();
		} catch (error) {
			if (error instanceof ApiError) return this.answers.error(exchange, error.code, error.message);
			throw error;
		}
	}

	nextTaskId(): number {
		return 1000 + ++this.tasks;
	}

	recordLaunch(exchange: Exchange, version: Launch['version'], plan: LaunchPlan): void {
		this.stats.launches++;
		const { triggerId, matching, target, profiles, endpoint, item } = plan;
		const trigger = this.catalogue.triggersById.get(triggerId);
		this.hooks.launched({
			triggerId,
			listId: trigger?.list_id,
			resourceId: trigger?.resource_id,
			channel: trigger?.send_channel,
			profiles,
			requestId: exchange.record.requestId,
			customData: (item as { custom_data?: unknown } | undefined)?.custom_data ?? exchange.record.body?.custom_data,
		});
		if (!this.keepHistory) return;
		const launch: Launch = {
			version,
			triggerId,
			requestId: exchange.record.requestId,
			matching,
			target,
			profiles,
			body: exchange.record.body,
		};
		if (endpoint !== undefined) Object.assign(launch, { endpoint, item });
		this.launches.push(launch);
	}

	recordOperation(exchange: Exchange, operation: Omit<Operation, 'requestId' | 'body'>): void {
		if (!this.keepHistory) return;
		this.operations.push({ ...operation, requestId: exchange.record.requestId, body: exchange.record.body });
	}

	// ---- request intake, faults, dispatch ---------------------------------------------------

	private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > MAX_BODY_BYTES) return this.tooLarge(req, res);
			const raw = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
			this.dispatch(this.open(req, res, raw));
		});
		req.on('error', () => res.destroy());
	}

	private open(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Exchange {
		this.stats.requests++;
		const exchange = openExchange(req, res, raw);
		if (this.keepHistory) this.requests.push(exchange.record);
		return exchange;
	}

	private tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
		const exchange = this.open(req, res, '');
		const payload = { data: null, error: 413, error_text: `Request body exceeds ${MAX_BODY_BYTES} bytes` };
		sendReply(exchange, this.answers.payload(413, payload, exchange.requestFormat));
	}

	private dispatch(exchange: Exchange): void {
		const fault = this.faults.size === 0 ? undefined : this.faults.take(exchange.record.path);
		if (fault) {
			this.stats.faults++;
			if (fault.delayMs && fault.delayMs > 0) this.later(fault.delayMs, () => this.applyFault(exchange, fault));
			else this.applyFault(exchange, fault);
			return;
		}
		if (this.faultRate > 0 && this.random() < this.faultRate) {
			this.stats.faults++;
			sendReply(exchange, cannedReply({ status: 503 }));
			return;
		}
		sendReply(exchange, this.route(exchange));
	}

	private later(ms: number, action: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			action();
		}, ms);
		this.timers.add(timer);
	}

	private applyFault(exchange: Exchange, fault: Fault): void {
		if (fault.reset === 'before') return void exchange.req.socket.destroy();
		if (fault.reset === 'after') {
			// The request takes effect (launch, dedup entry), but the client never hears about it:
			// exactly the case where a retry must carry the same Request-ID.
			this.route(exchange);
			return void exchange.req.socket.destroy();
		}
		sendReply(exchange, isCanned(fault) ? cannedReply(fault) : this.route(exchange));
	}

	private route(exchange: Exchange): Reply {
		const method = exchange.record.method;
		const path = trimTrailingSlashes(exchange.record.path);
		if (path === CONTROL_PATH || path.startsWith(`${CONTROL_PATH}/`)) return hooksControl(exchange, this.hooks, path);
		const route = routeTable.find(path);
		if (!route) return this.answers.error(exchange, 404, `Not found: ${method} ${exchange.record.path}`, 404);
		if (route.methods && !route.methods.includes(method)) {
			return this.answers.error(
				exchange,
				404,
				`${method} ${path} is not supported: use ${route.methods.join(' or ')}`,
				404,
			);
		}
		return route.handle(exchange, this, path);
	}
}

/** Starts a sandbox; resolves once it listens. Defaults: demo data, DEMO_TOKEN, 127.0.0.1, random port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = new SandboxServer(options);
	await sandbox.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	return sandbox;
}
