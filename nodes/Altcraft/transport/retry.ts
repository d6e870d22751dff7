import type { AltcraftRequest, RetryPolicy } from './types';

/** Statuses that say "not now" rather than "no": proxies and overload, never Altcraft's verdicts. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
]);
/** Failures that prove the request was not processed: safe to retry without deduplication. */
const UNPROCESSED_STATUS = new Set([429, 503]);
const UNPROCESSED_NETWORK = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

/** Whether an answer with this HTTP status may be tried again. */
export function retryableStatus(request: AltcraftRequest, status: number): boolean {
	return (request.retrySafeOnly ? UNPROCESSED_STATUS : RETRYABLE_STATUS).has(status);
}

/** Whether a failure before any answer (network code, or a timeout) may be tried again. */
export function retryableNetwork(request: AltcraftRequest, code: string, timedOut: boolean, detail: string): boolean {
	if (request.retrySafeOnly) return UNPROCESSED_NETWORK.has(code);
	return timedOut || RETRYABLE_NETWORK.has(code) || /socket hang up/i.test(detail);
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Exponential backoff with jitter, or the server's Retry-After; both capped. */
export function retryWaitMs(attempt: number, policy: RetryPolicy, serverWaitMs?: number): number {
	if (serverWaitMs !== undefined) return Math.min(serverWaitMs, policy.maxWaitMs);
	const exponential = Math.min(policy.initialWaitMs * 2 ** (attempt - 1), policy.maxWaitMs);
	return Math.round(exponential * (0.5 + Math.random() * 0.5));
}
