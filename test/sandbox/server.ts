/**
 * An Altcraft-compatible HTTP sandbox for tests, demos and benchmarks of the node.
 *
 * It implements the trigger launch API as documented on the Altcraft page "Trigger launch
 * (API call)": v1.1 `POST /api/v1.1/campaigns/triggers/start/` (JSON or XML), the v1.0 link
 * `/trg/<key>/<email|md5|xxh>`, the trigger and resource lists, Request-ID / checksum
 * deduplication, and injectable faults (delays, canned errors, connection resets).
 * Only node:http and fast-xml-parser: it must start in milliseconds inside jest.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyError, contentTypeOf, isPlainObject, parseBody, requestFormatOf, serialise, type Format, type ParsedBody } from './codec';
import { DEMO_TOKEN, demoData, type SandboxProfile, type SandboxResource, type SandboxTrigger } from './demo-data';
import { ProfileSet } from './profiles';
import { ApiError, checkTriggerLaunchable, checkV10Fields, isEmail, planLaunchV11, type Catalogue, type LaunchPlan } from './validate';

export { DEMO_TOKEN, demoData };
export type { SandboxProfile, SandboxTrigger };

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** Parsed JSON or XML (root <xml> unwrapped); undefined if there is none or it did not parse. */
	body: any;
	format: 'json' | 'xml' | 'none';
	requestId?: string;
	at: number;
	/** What was answered; absent while pending and for connection resets. */
	response?: { status: number; body: any; duplicate: boolean };
}

export interface Launch {
	version: '1.1' | '1.0';
	triggerId: number;
	requestId?: string;
	/** v1.1: email | phone | profile_id | custom, undefined for custom_request; v1.0: email | md5 | xxh. */
	matching?: string;
	/** The email / phone / profile_id / field value / v1.0 link value. */
	target?: string;
	/** profile_ids the message went to; for custom_request those matched in the profile set. */
	profiles: string[];
	body: any;
}

export interface Fault {
	/** String: path prefix (trailing slashes ignored); RegExp: tested on the path. Default: every path. */
	path?: string | RegExp;
	/** How many matching requests it applies to; default 1. */
	times?: number;
	status?: number;
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	delayMs?: number;
	/** 'before': drop the connection unprocessed; 'after': process (launch + dedup entry), then drop it unanswered. */
	reset?: 'before' | 'after';
	retryAfter?: number | string;
}

export interface SandboxOptions {
	/** 0 = random. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	token?: string;
	profiles?: SandboxProfile[];
	triggers?: SandboxTrigger[];
	resources?: { id: number; name: string }[];
	/** Default false: application errors use a matching HTTP status; true: HTTP 200 with error != 0, as Altcraft also does. */
	errorsWithHttp200?: boolean;
	/** X-Duplicate-Request / X-Duplicate-Key instead of Duplicate-Request / Duplicate-Key. */
	legacyDuplicateHeaders?: boolean;
	/** 0..1: share of requests answered 503 before processing, drawn from a PRNG seeded by `seed`. */
	faultRate?: number;
	seed?: number;
	/** Default true; false keeps only counters, for benchmarks with 100k requests. */
	keepHistory?: boolean;
}

export interface Sandbox {
	/** http://127.0.0.1:<port>; also serves the v1.0 /trg links. */
	url: string;
	token: string;
	requests: RecordedRequest[];
	launches: Launch[];
	stats: { requests: number; launches: number; duplicates: number; faults: number };
	/** e.g. http://127.0.0.1:port/trg/<key>/<email|md5|xxh>, with the literal placeholder as Altcraft shows it. */
	triggerLink(triggerId: number, withScheme?: boolean): string;
	inject(fault: Fault): void;
	setOptions(partial: Partial<Pick<SandboxOptions, 'errorsWithHttp200' | 'legacyDuplicateHeaders' | 'faultRate'>>): void;
	/** Clears requests, launches, stats, the dedup store and queued faults. */
	reset(): void;
	/** Drops all connections (keep-alive included), then stops listening. */
	close(): Promise<void>;
}

/** The literal last segment Altcraft shows in a v1.0 link. */
const LINK_PLACEHOLDER = '<email|md5|xxh>';
const SUCCESS_TEXT = 'Successful operation';
/** Altcraft's default request body limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Altcraft keeps deduplication keys for one day. */
const DEDUP_TTL_MS = 24 * 60 * 60 * 1000;
const TRIGGER_KEY = /^(?:[0-9a-f]{48}|[0-9a-f]{64})$/i;
const MD5_HEX = /^[0-9a-f]{32}$/i;
const XXH_HEX = /^[0-9a-f]{16}$/i;

interface Reply {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Stored in RecordedRequest.response.body: the payload object, or the raw text for canned faults. */
	body: unknown;
	duplicate: boolean;
}

interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	record: RecordedRequest;
	search: string;
	parsed?: ParsedBody;
	parseError?: string;
	requestFormat: Format;
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

interface DedupEntry {
	reply: Reply;
	at: number;
}

/** mulberry32: tiny, seedable, good enough to spread faults reproducibly. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function trimTrailingSlashes(path: string): string {
	let end = path.length;
	while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
	return end === path.length ? path : path.slice(0, end);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function parseQuery(search: string): Record<string, string> {
	const query: Record<string, string> = {};
	if (search.length > 1) new URLSearchParams(search).forEach((value, key) => (query[key] = value));
	return query;
}

function htmlErrorPage(status: number): string {
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function checkConfig(triggers: SandboxTrigger[]): void {
	const ids = new Set<number>();
	for (const trigger of triggers) {
		if (!TRIGGER_KEY.test(trigger.key)) throw new Error(`Sandbox trigger ${trigger.id}: key must be 48 or 64 hex characters`);
		if (ids.has(trigger.id)) throw new Error(`Sandbox trigger ${trigger.id} is defined twice`);
		ids.add(trigger.id);
	}
}

class SandboxServer implements Sandbox {
	url = '';
	readonly token: string;
	readonly requests: RecordedRequest[] = [];
	readonly launches: Launch[] = [];
	readonly stats = { requests: 0, launches: 0, duplicates: 0, faults: 0 };

	private readonly server: http.Server;
	private readonly catalogue: Catalogue;
	private readonly triggersByKey = new Map<string, SandboxTrigger>();
	private readonly triggers: SandboxTrigger[];
	private readonly resources: SandboxResource[];
	private readonly keepHistory: boolean;
	private readonly seed: number;
	private readonly dedup = new Map<string, DedupEntry>();
	private readonly faults: QueuedFault[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private random: () => number;
	private errorsWithHttp200: boolean;
	private legacyDuplicateHeaders: boolean;
	private faultRate: number;
	private hostPort = '';
	private closed = false;
	private readonly successText: Record<Format, string>;

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
		};
		this.keepHistory = options.keepHistory ?? true;
		this.seed = options.seed ?? 1;
		this.random = seededRandom(this.seed);
		this.errorsWithHttp200 = options.errorsWithHttp200 ?? false;
		this.legacyDuplicateHeaders = options.legacyDuplicateHeaders ?? false;
		this.faultRate = options.faultRate ?? 0;
		// The success answer is the same for every launch: serialise it once, not per request.
		const success = { data: null, error: 0, error_text: SUCCESS_TEXT };
		this.successText = { json: serialise(success, 'json'), xml: serialise(success, 'xml') };
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

	triggerLink(triggerId: number, withScheme = true): string {
		const trigger = this.catalogue.triggersById.get(triggerId);
		if (!trigger) throw new Error(`Sandbox has no trigger ${triggerId}`);
		return `${withScheme ? 'http://' : ''}${this.hostPort}/trg/${trigger.key}/${LINK_PLACEHOLDER}`;
	}

	inject(fault: Fault): void {
		this.faults.push({ fault, remaining: fault.times ?? 1 });
	}

	setOptions(partial: Partial<Pick<SandboxOptions, 'errorsWithHttp200' | 'legacyDuplicateHeaders' | 'faultRate'>>): void {
		if (partial.errorsWithHttp200 !== undefined) this.errorsWithHttp200 = partial.errorsWithHttp200;
		if (partial.legacyDuplicateHeaders !== undefined) this.legacyDuplicateHeaders = partial.legacyDuplicateHeaders;
		if (partial.faultRate !== undefined) this.faultRate = partial.faultRate;
	}

	reset(): void {
		// Truncate in place: tests often hold a reference to sandbox.requests / launches / stats.
		this.requests.length = 0;
		this.launches.length = 0;
		this.stats.requests = this.stats.launches = this.stats.duplicates = this.stats.faults = 0;
		this.dedup.clear();
		this.faults.length = 0;
		this.random = seededRandom(this.seed);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	// ---- request intake -------------------------------------------------------------------

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
			this.dispatch(this.exchange(req, res, raw));
		});
		req.on('error', () => res.destroy());
	}

	private exchange(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Exchange {
		this.stats.requests++;
		const url = req.url ?? '/';
		const queryAt = url.indexOf('?');
		const path = queryAt === -1 ? url : url.slice(0, queryAt);
		const search = queryAt === -1 ? '' : url.slice(queryAt);
		const contentType = req.headers['content-type'];
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path,
			query: parseQuery(search),
			headers: req.headers,
			rawBody: raw,
			body: undefined,
			format: 'none',
			requestId: firstHeader(req.headers['request-id']) || firstHeader(req.headers['x-request-id']) || undefined,
			at: Date.now(),
		};
		const exchange: Exchange = { req, res, record, search, requestFormat: requestFormatOf(contentType) };
		// Parse once, up front, so that even faulted requests are recorded with their body.
		try {
			exchange.parsed = parseBody(raw, contentType);
			record.body = exchange.parsed.body;
			record.format = exchange.parsed.format;
			exchange.requestFormat = exchange.parsed.requestFormat;
		} catch (error) {
			if (!(error instanceof BodyError)) throw error;
			exchange.parseError = error.message;
			record.format = raw === '' ? 'none' : exchange.requestFormat;
		}
		if (this.keepHistory) this.requests.push(record);
		return exchange;
	}

	private tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
		const exchange = this.exchange(req, res, '');
		const payload = { data: null, error: 413, error_text: `Request body exceeds ${MAX_BODY_BYTES} bytes` };
		this.send(exchange, this.payloadReply(413, payload, exchange.requestFormat));
	}

	// ---- faults -----------------------------------------------------------------------------

	private takeFault(path: string): Fault | undefined {
		const index = this.faults.findIndex((queued) => faultMatches(queued.fault, path));
		if (index === -1) return undefined;
		const queued = this.faults[index];
		queued.remaining--;
		if (queued.remaining <= 0) this.faults.splice(index, 1);
		return queued.fault;
	}

	private dispatch(exchange: Exchange): void {
		const fault = this.faults.length === 0 ? undefined : this.takeFault(exchange.record.path);
		if (fault) {
			this.stats.faults++;
			if (fault.delayMs && fault.delayMs > 0) this.later(fault.delayMs, () => this.applyFault(exchange, fault));
			else this.applyFault(exchange, fault);
			return;
		}
		if (this.faultRate > 0 && this.random() < this.faultRate) {
			this.stats.faults++;
			this.send(exchange, cannedReply({ status: 503 }));
			return;
		}
		this.send(exchange, this.route(exchange));
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
		this.send(exchange, isCanned(fault) ? cannedReply(fault) : this.route(exchange));
	}

	// ---- responses --------------------------------------------------------------------------

	private send(exchange: Exchange, reply: Reply): void {
		const { res, record } = exchange;
		record.response = { status: reply.status, body: reply.body, duplicate: reply.duplicate };
		if (res.destroyed) return;
		reply.headers['Content-Length'] = String(Buffer.byteLength(reply.text));
		res.writeHead(reply.status, reply.headers);
		res.end(reply.text);
	}

	private payloadReply(status: number, payload: Record<string, unknown>, format: Format): Reply {
		return { status, headers: { 'Content-Type': contentTypeOf(format) }, text: serialise(payload, format), body: payload, duplicate: false };
	}

	private responseFormat(exchange: Exchange): Format {
		const asked = exchange.record.query.format ?? (isPlainObject(exchange.parsed?.body) ? exchange.parsed?.body?.format : undefined);
		return asked === 'xml' || asked === 'json' ? asked : exchange.requestFormat;
	}

	private errorReply(exchange: Exchange, code: number, text: string, forceStatus?: number): Reply {
		const status = forceStatus ?? (this.errorsWithHttp200 ? 200 : code);
		return this.payloadReply(status, { data: null, error: code, error_text: text }, this.responseFormat(exchange));
	}

	private successReply(exchange: Exchange, data?: unknown[]): Reply {
		const format = this.responseFormat(exchange);
		if (data) return this.payloadReply(200, { error: 0, error_text: SUCCESS_TEXT, data }, format);
		const body = { data: null, error: 0, error_text: SUCCESS_TEXT };
		return { status: 200, headers: { 'Content-Type': contentTypeOf(format) }, text: this.successText[format], body, duplicate: false };
	}

	// ---- routing ----------------------------------------------------------------------------

	private route(exchange: Exchange): Reply {
		const method = exchange.record.method;
		const path = trimTrailingSlashes(exchange.record.path);
		if (path.startsWith('/trg/')) return this.launchV10(exchange, method);
		const post = (handler: () => Reply): Reply =>
			method === 'POST' ? handler() : this.errorReply(exchange, 404, `${method} ${path} is not supported: use POST`, 404);
		switch (path) {
			case '/api/v1.1/campaigns/triggers/start':
				return post(() => this.launchV11(exchange, path));
			case '/api/v1.1/campaigns/triggers/list':
				return post(() => this.list(exchange, this.triggers.map((trigger) => this.describeTrigger(trigger))));
			case '/api/v1.1/resources/list':
				return post(() => this.list(exchange, this.resources.map(({ id, name }) => ({ id, name }))));
			default:
				return this.errorReply(exchange, 404, `Not found: ${method} ${exchange.record.path}`, 404);
		}
	}

	private describeTrigger(trigger: SandboxTrigger): Record<string, unknown> {
		const { id, name, status, trigger_type } = trigger;
		// Altcraft sometimes shows call_url without a scheme; clients must cope with that.
		return { id, name, status, trigger_type, call_url: `${this.hostPort}/trg/${trigger.key}/${LINK_PLACEHOLDER}` };
	}

	/** Token from the body, else from `Authorization: Bearer`; a Reply when it is missing or wrong. */
	private authenticate(exchange: Exchange, optional = false): Reply | undefined {
		const bodyToken = exchange.parsed?.body?.token;
		let token = typeof bodyToken === 'string' || typeof bodyToken === 'number' ? String(bodyToken) : undefined;
		if (!token) {
			const header = firstHeader(exchange.req.headers.authorization);
			const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
			token = match ? match[1] : undefined;
		}
		if (!token) {
			return optional ? undefined : this.errorReply(exchange, 401, 'Token required: send "token" in the body or the header Authorization: Bearer <token>');
		}
		return token === this.token ? undefined : this.errorReply(exchange, 403, 'Invalid token');
	}

	private list(exchange: Exchange, items: Record<string, unknown>[]): Reply {
		if (exchange.parseError) return this.errorReply(exchange, 400, exchange.parseError);
		const denied = this.authenticate(exchange);
		if (denied) return denied;
		const body = exchange.parsed?.body ?? {};
		const skip = body.skip ?? 0;
		const limit = body.limit;
		if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
			return this.errorReply(exchange, 400, 'skip must be a non-negative integer');
		}
		if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
			return this.errorReply(exchange, 400, 'limit must be a positive integer');
		}
		return this.successReply(exchange, items.slice(skip, limit === undefined ? undefined : skip + limit));
	}

	// ---- deduplication ----------------------------------------------------------------------

	/**
	 * Altcraft looks for a Request-ID first; without one it compares a checksum, so two
	 * identical launches without Request-ID are one launch (the documented danger).
	 */
	private dedupKey(exchange: Exchange, path: string): { key: string; shown: string } {
		const requestId = exchange.record.requestId;
		if (requestId) return { key: `id:${requestId}`, shown: requestId };
		const sum = createHash('sha256').update(`${exchange.record.method} ${path}${exchange.search}\n`).update(exchange.record.rawBody).digest('hex');
		return { key: `sum:${sum}`, shown: sum };
	}

	/** Answers a repeated request with the original response, or runs `handle` and remembers its answer. */
	private deduplicated(exchange: Exchange, path: string, handle: () => Reply): Reply {
		const { key, shown } = this.dedupKey(exchange, path);
		const now = Date.now();
		const previous = this.dedup.get(key);
		if (previous && now - previous.at < DEDUP_TTL_MS) {
			this.stats.duplicates++;
			return { ...previous.reply, headers: { ...previous.reply.headers, ...this.duplicateHeaders(exchange, shown) }, duplicate: true };
		}
		const reply = handle();
		this.dedup.set(key, { reply, at: now });
		return reply;
	}

	private duplicateHeaders(exchange: Exchange, shown: string): Record<string, string> {
		if (!this.legacyDuplicateHeaders) return { 'Duplicate-Request': 'true', 'Duplicate-Key': shown };
		const headers: Record<string, string> = { 'X-Duplicate-Request': 'true', 'X-Duplicate-Key': shown };
		if (exchange.record.requestId) headers['X-Request-ID'] = exchange.record.requestId;
		return headers;
	}

	/** Runs a launch check; ApiError becomes an Altcraft error answer. */
	private attempt(exchange: Exchange, action: () => Reply): Reply {
		try {
			return action();
		} catch (error) {
			if (error instanceof ApiError) return this.errorReply(exchange, error.code, error.message);
			throw error;
		}
	}

	private recordLaunch(exchange: Exchange, version: Launch['version'], plan: LaunchPlan): void {
		this.stats.launches++;
		if (!this.keepHistory) return;
		const { triggerId, matching, target, profiles } = plan;
		this.launches.push({ version, triggerId, requestId: exchange.record.requestId, matching, target, profiles, body: exchange.record.body });
	}

	// ---- launches ---------------------------------------------------------------------------

	private launchV11(exchange: Exchange, path: string): Reply {
		if (exchange.parseError) return this.errorReply(exchange, 400, exchange.parseError);
		const denied = this.authenticate(exchange);
		if (denied) return denied;
		return this.deduplicated(exchange, path, () =>
			this.attempt(exchange, () => {
				const body = exchange.parsed?.body;
				if (!body) throw new ApiError(400, 'Request body required: at least "id" and a profile to match');
				this.recordLaunch(exchange, '1.1', planLaunchV11(body, this.catalogue));
				return this.successReply(exchange);
			}),
		);
	}

	private launchV10(exchange: Exchange, method: string): Reply {
		const path = trimTrailingSlashes(exchange.record.path);
		const [, , key = '', ...rest] = path.split('/');
		const trigger = TRIGGER_KEY.test(key) ? this.triggersByKey.get(key.toLowerCase()) : undefined;
		if (!trigger) return this.errorReply(exchange, 404, 'Trigger link not found: unknown trigger key', 404);
		if (method !== 'GET' && method !== 'POST') {
			return this.errorReply(exchange, 404, `${method} is not supported on a trigger link: use GET or POST`, 404);
		}
		if (exchange.parseError) return this.errorReply(exchange, 400, exchange.parseError);
		const denied = this.authenticate(exchange, true);
		if (denied) return denied;
		return this.deduplicated(exchange, path, () =>
			this.attempt(exchange, () => {
				checkTriggerLaunchable(trigger);
				const plan = this.resolveLinkValue(rest.join('/'));
				checkV10Fields(exchange.parsed?.body?.fields);
				this.recordLaunch(exchange, '1.0', { ...plan, triggerId: trigger.id });
				return this.successReply(exchange);
			}),
		);
	}

	/** The last link segment: an email, its MD5 (32 hex) or its XXHash (16 hex). */
	private resolveLinkValue(encoded: string): LaunchPlan {
		let value: string;
		try {
			// decodeURIComponent leaves '+' alone, so an email's '+' survives whether sent raw or as %2B.
			value = decodeURIComponent(encoded).trim();
		} catch {
			throw new ApiError(400, 'The link value is not valid URL encoding');
		}
		if (value === '') throw new ApiError(400, 'The link needs a last segment: the profile email, its MD5 or its XXHash');
		if (value === LINK_PLACEHOLDER) {
			throw new ApiError(400, `Replace the placeholder ${LINK_PLACEHOLDER} at the end of the link with the email, MD5 or XXHash`);
		}
		const profiles = this.catalogue.profiles;
		if (MD5_HEX.test(value)) return { triggerId: 0, matching: 'md5', target: value, profiles: profiles.findByHash(value) };
		if (XXH_HEX.test(value)) return { triggerId: 0, matching: 'xxh', target: value, profiles: profiles.findByHash(value) };
		if (isEmail(value)) return { triggerId: 0, matching: 'email', target: value, profiles: profiles.findByEmail(value) };
		throw new ApiError(400, `The link value must be an email, an MD5 (32 hex) or an XXHash (16 hex), got "${value}"`);
	}
}

function faultMatches(fault: Fault, path: string): boolean {
	if (fault.path === undefined) return true;
	if (typeof fault.path === 'string') return trimTrailingSlashes(path).startsWith(trimTrailingSlashes(fault.path));
	fault.path.lastIndex = 0; // a /g or /y RegExp would otherwise remember where it stopped
	return fault.path.test(path);
}

/** A fault that answers by itself; a fault with only delayMs delays a normal answer instead. */
function isCanned(fault: Fault): boolean {
	const cannedField =
		fault.status !== undefined || fault.body !== undefined || fault.contentType !== undefined || fault.headers !== undefined || fault.retryAfter !== undefined;
	return cannedField || fault.delayMs === undefined;
}

function cannedReply(fault: Fault): Reply {
	const status = fault.status ?? 503;
	const contentType = fault.contentType ?? (fault.body?.trimStart().startsWith('{') ? 'application/json' : 'text/html');
	let text = fault.body;
	if (text === undefined) {
		const json = contentType.includes('json');
		text = json ? JSON.stringify({ data: null, error: status, error_text: http.STATUS_CODES[status] ?? 'Error' }) : htmlErrorPage(status);
	}
	const headers: Record<string, string> = { 'Content-Type': contentType, ...fault.headers };
	if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
	return { status, headers, text, body: text, duplicate: false };
}

/** Starts a sandbox; resolves once it listens. Defaults: demo data, DEMO_TOKEN, 127.0.0.1, random port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = new SandboxServer(options);
	await sandbox.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	return sandbox;
}
