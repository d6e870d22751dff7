/**
 * The one door to Altcraft: everything outside transport/ imports from here.
 */
import { sleep } from 'n8n-workflow';
import { buildOptions, preview, refuseTokenHost, toXmlBody } from './build';
import { attemptOnce } from './attempt';
import { connection, type Context } from './connection';
import { unexpectedFailure } from './failures';
import { retryWaitMs } from './retry';
import { isLink, type AltcraftRequest, type AltcraftResponse, type Attempt } from './types';

export { MAX_LIST_ANSWER_BYTES } from './answer';
export { toXmlBody };
export type { AltcraftRequest, AltcraftResponse, RequestFormat, RetryPolicy } from './types';

/** The account's API host, from the credential; read once per execution. */
export async function apiBaseUrl(ctx: Context): Promise<string> {
	return (await connection(ctx)).baseUrl;
}

/**
 * The checks a request must pass that do not need the network (where the token may go), as one
 * synchronous function once the credential is read: operations run it for every item before the
 * first request goes out, so a bad item never lets earlier items out.
 */
export async function requestChecker(ctx: Context): Promise<(request: AltcraftRequest) => void> {
	const link = await connection(ctx);
	const node = ctx.getNode();
	return (request) => refuseTokenHost(node, request, link);
}

/**
 * Serialises the body, authenticates through the credential, retries what is safe to retry, and
 * turns every answer into either a parsed Altcraft response or a NodeApiError saying what to fix.
 * Retries are safe because every attempt carries the same Request-ID: a launch that did reach
 * Altcraft before its answer was lost comes back as a duplicate instead of a second message.
 */
export async function altcraftRequest(ctx: Context, request: AltcraftRequest): Promise<AltcraftResponse> {
	const link = await connection(ctx);
	const node = ctx.getNode();
	refuseTokenHost(node, request, link);
	const options = buildOptions(node, request, isLink(request) ? undefined : link.baseUrl);
	if (request.dryRun) {
		return {
			status: 0,
			body: { dryRun: true, request: preview(options, link.placement) },
			duplicate: false,
			attempts: 0,
		};
	}
	const policy = request.retry ?? { maxAttempts: 1, initialWaitMs: 0, maxWaitMs: 0 };
	for (let attempt = 1; ; attempt++) {
		await request.pace?.();
		let outcome: Attempt;
		try {
			outcome = await attemptOnce(ctx, options, request, link);
		} catch (error) {
			throw unexpectedFailure(node, error, options.url, request, link.redact);
		}
		if ('response' in outcome) return { ...outcome.response, attempts: attempt };
		if (!outcome.retryable || attempt >= policy.maxAttempts) {
			if (attempt > 1) outcome.failure.message += ` (after ${attempt} attempts)`;
			throw outcome.failure;
		}
		await sleep(retryWaitMs(attempt, policy, outcome.retryAfterMs));
	}
}
