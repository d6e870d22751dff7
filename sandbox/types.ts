/** The sandbox's public types: what tests, e2e, the demo and the bench see of it. */
import type {
	SandboxDatabase,
	SandboxPixel,
	SandboxProfile,
	SandboxResource,
	SandboxScenario,
	SandboxSegment,
	SandboxTrigger,
} from './demo-data';
import type { HookSettings, SandboxHooks } from './hooks';

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
	/** Bulk and import launches: the endpoint path (e.g. /api/v1.1/campaigns/triggers/start_batch). */
	endpoint?: string;
	/** Bulk launches: the element of `data`; imports: the profile data. */
	item?: any;
}

/**
 * What a data-changing call other than a trigger launch did (profile import, update, delete,
 * subscription, static segment, goal, scenario start): recorded like launches, for tests to assert.
 */
export interface Operation {
	/** The documented path, e.g. /api/v1.1/profiles/import. */
	endpoint: string;
	requestId?: string;
	/** The profiles it changed or started, in request order. */
	profiles: string[];
	/** Scenario starts: the scenario ID. */
	scenarioId?: number;
	body: any;
	/** Batch calls: the element of `data` this entry is for. */
	item?: any;
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
	resources?: SandboxResource[];
	databases?: SandboxDatabase[];
	scenarios?: SandboxScenario[];
	segments?: SandboxSegment[];
	pixels?: SandboxPixel[];
	/** Default false: application errors use a matching HTTP status; true: HTTP 200 with error != 0, as Altcraft also does. */
	errorsWithHttp200?: boolean;
	/** X-Duplicate-Request / X-Duplicate-Key instead of Duplicate-Request / Duplicate-Key. */
	legacyDuplicateHeaders?: boolean;
	/** 0..1: share of requests answered 503 before processing, drawn from a PRNG seeded by `seed`. */
	faultRate?: number;
	seed?: number;
	/** Default true; false keeps only counters, for benchmarks with 100k requests. */
	keepHistory?: boolean;
	/** An action hook to deliver events of launches to (also: sandbox.hooks.register, POST /sandbox/hooks). */
	hooks?: HookSettings;
}

/** The options a running sandbox can change. */
export type MutableOptions = Partial<
	Pick<SandboxOptions, 'errorsWithHttp200' | 'legacyDuplicateHeaders' | 'faultRate'>
>;

export interface Sandbox {
	/** http://127.0.0.1:<port>; also serves the v1.0 /trg links. */
	url: string;
	token: string;
	requests: RecordedRequest[];
	launches: Launch[];
	operations: Operation[];
	stats: { requests: number; launches: number; duplicates: number; faults: number };
	/** A copy of the stored profile (fields, subscriptions, static segments, goals); undefined once deleted. */
	profile(profileId: string): SandboxProfile | undefined;
	/** e.g. http://127.0.0.1:port/trg/<key>/<email|md5|xxh>, with the literal placeholder as Altcraft shows it. */
	triggerLink(triggerId: number, withScheme?: boolean): string;
	inject(fault: Fault): void;
	/** Action hooks: `send`/`deliv` events of every launch go to the registered URL; open/click on a command. */
	hooks: SandboxHooks;
	setOptions(partial: MutableOptions): void;
	/** Clears requests, launches, operations, stats, the dedup store and queued faults; restores the starting profiles. */
	reset(): void;
	/** Drops all connections (keep-alive included), then stops listening. */
	close(): Promise<void>;
}
