/**
 * What one endpoint of the sandbox is: a documented path and a handler. New endpoints drop in
 * as a new file in this folder, registered in ./index.ts; the server does not change.
 */
import type { Answers } from '../answers';
import type { Exchange, Reply } from '../http';
import type { SandboxResource, SandboxTrigger } from '../demo-data';
import type { Catalogue, LaunchPlan } from '../validate';
import type { Launch, Operation } from '../types';

/** What the server lends a route: data, answers, auth, deduplication, launch records. */
export interface RouteContext {
	readonly catalogue: Catalogue;
	readonly triggers: readonly SandboxTrigger[];
	readonly resources: readonly SandboxResource[];
	readonly answers: Answers;
	/** The trigger a v1.0 link key names (case-insensitive), if any. */
	triggerByKey(key: string): SandboxTrigger | undefined;
	/** The v1.0 link of a trigger, host:port/trg/<key>/<email|md5|xxh>, with or without http://. */
	linkOf(trigger: SandboxTrigger, withScheme: boolean): string;
	/** Token from the body, else `Authorization: Bearer`; a Reply when it is missing (unless optional) or wrong. */
	authenticate(exchange: Exchange, optional?: boolean): Reply | undefined;
	/** Runs `handle` once per Request-ID / checksum; repeats get the first answer with duplicate headers. */
	deduplicated(exchange: Exchange, path: string, handle: () => Reply): Reply;
	/** Runs a check; an ApiError it throws becomes an Altcraft error answer. */
	attempt(exchange: Exchange, action: () => Reply): Reply;
	recordLaunch(exchange: Exchange, version: Launch['version'], plan: LaunchPlan): void;
	/** Records a data-changing call that is not a trigger launch (sandbox.operations). */
	recordOperation(exchange: Exchange, operation: Omit<Operation, 'requestId' | 'body'>): void;
	/** A new task ID for the _task endpoints (1001, 1002, … since the last reset). */
	nextTaskId(): number;
}

export interface Route {
	/** The documented path without trailing slash, e.g. /api/v1.1/campaigns/triggers/start. */
	path: string;
	/** true: `path` is a prefix (e.g. /trg/ for the v1.0 links) and the route checks the rest. */
	prefix?: boolean;
	/** Methods the server lets through; absent: the route checks the method itself. */
	methods?: readonly string[];
	/** `path` is the request's path without trailing slashes. */
	handle(exchange: Exchange, context: RouteContext, path: string): Reply;
}

/**
 * What every v1.1 API route does first: a body that did not parse is a 400, then the token is
 * checked; then `action` runs, deduplicated by Request-ID / checksum when `dedupPath` is given
 * (data-changing and launch methods), its ApiErrors answered as Altcraft errors.
 */
export function apiCall(exchange: Exchange, context: RouteContext, action: () => Reply, dedupPath?: string): Reply {
	if (exchange.parseError) return context.answers.error(exchange, 400, exchange.parseError);
	const denied = context.authenticate(exchange);
	if (denied) return denied;
	const attempt = () => context.attempt(exchange, action);
	return dedupPath === undefined ? attempt() : context.deduplicated(exchange, dedupPath, attempt);
}
