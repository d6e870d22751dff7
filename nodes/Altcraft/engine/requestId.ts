import { randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { asUuid, digest } from '../helpers/hash';
import { parameterReader } from './parameters';

/**
 * Request-ID is Altcraft's deduplication key (kept for a day). The default ID is derived from the
 * execution, the node, its run and the item: unique for every launch, yet the same when n8n's own
 * "Retry On Fail" runs the node again in the same execution, so launches that already went out are
 * answered as duplicates instead of being sent twice.
 */
interface RequestIdScope {
	execution: string;
	/** The user's Idempotency Key for an item ('' when unset). */
	key: (itemIndex: number) => string;
}

export function requestIdScope(ctx: IExecuteFunctions): RequestIdScope {
	const executionId = ctx.getExecutionId?.() || randomUUID();
	const node = ctx.getNode();
	let runIndex = 0;
	try {
		runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
	} catch {
		runIndex = 0;
	}
	const key = parameterReader(ctx, 'options.idempotencyKey', '');
	return {
		execution: `${executionId}|${node.id ?? node.name}|${runIndex}`,
		key: (itemIndex) => String(key(itemIndex) ?? '').trim(),
	};
}

/** `part` tells apart several requests of one item (audience chunks). */
function defaultRequestId(scope: RequestIdScope, itemIndex: number, part = ''): string {
	return asUuid(`${scope.execution}|${itemIndex}|${part}`);
}

const HEADER_SAFE = /^[A-Za-z0-9._:@+=-]{1,128}$/;

/**
 * From the user's Idempotency Key: scoped by what is launched (the trigger mailing), so one order
 * may still launch several different trigger mailings. Keys that cannot travel in a header as
 * they are (spaces, non-ASCII, very long) are hashed.
 */
function keyedRequestId(target: string, key: string, part = ''): string {
	const id = `${target}-${key}${part ? `-${part}` : ''}`;
	return HEADER_SAFE.test(id) ? id : asUuid(id);
}

/** The Request-ID of one launch: from the Idempotency Key when the user set one, else derived. */
export function launchRequestId(scope: RequestIdScope, itemIndex: number, target: string, part = ''): string {
	const key = scope.key(itemIndex);
	return key ? keyedRequestId(target, key, part) : defaultRequestId(scope, itemIndex, part);
}

/**
 * A profile under an Idempotency Key, as the memory of sent profiles holds it (memory.ts): what is
 * launched (`target`, e.g. `trigger-84`), the key, and the profile as its request names it. Not
 * its data: under one key a profile goes out once, whatever its data in a later run.
 */
export function profileFingerprint(target: string, key: string, profile: unknown): string {
	return digest([target, key, profile]);
}
