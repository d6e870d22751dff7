import { sleep, type IDataObject } from 'n8n-workflow';
import type { RequestFormat, RetryPolicy } from '../transport';

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, initialWaitMs: 500, maxWaitMs: 30_000 };

export interface RequestSettings {
	format: RequestFormat;
	timeoutMs: number;
	maxParallel: number;
	retry: RetryPolicy;
	pace?: () => Promise<void>;
	/** Build and check every request, output it instead of sending it. */
	dryRun: boolean;
}

/**
 * Spaces requests at least 1/perSecond apart across all parallel workers of one execution. The
 * node keeps no state between executions, so the limit holds per execution (and per worker in
 * queue mode).
 */
function createPacer(perSecond: number): (() => Promise<void>) | undefined {
	if (!(perSecond > 0)) return undefined;
	const interval = 1000 / perSecond;
	let nextSlot = 0;
	return async () => {
		const now = Date.now();
		const slot = Math.max(now, nextSlot);
		nextSlot = slot + interval;
		if (slot > now) await sleep(slot - now);
	};
}

const number = (value: unknown, fallback: number) => (value === undefined || value === '' ? fallback : Number(value));

/** From the Options collection, read once per execution: these shape how the whole batch is sent, not one item. */
export function readRequestSettings(options: IDataObject): RequestSettings {
	const retry = ((options.retries as { settings?: Record<string, unknown> } | undefined)?.settings ?? {}) as Record<
		string,
		unknown
	>;
	return {
		format: options.requestFormat === 'xml' ? 'xml' : 'json',
		timeoutMs: Math.max(1, number(options.timeout, 30)) * 1000,
		maxParallel: Math.max(1, Math.floor(number(options.maxParallel, 5))),
		retry: {
			maxAttempts: Math.max(1, Math.floor(number(retry.maxAttempts, DEFAULT_RETRY.maxAttempts))),
			initialWaitMs: Math.max(0, number(retry.firstWait, DEFAULT_RETRY.initialWaitMs / 1000)) * 1000,
			maxWaitMs: Math.max(0, number(retry.maxWait, DEFAULT_RETRY.maxWaitMs / 1000)) * 1000,
		},
		pace: createPacer(number(options.maxPerSecond, 0)),
		dryRun: options.dryRun === true,
	};
}
