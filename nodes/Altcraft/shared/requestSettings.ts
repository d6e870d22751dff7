import { sleep, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { RequestFormat, RetryPolicy } from '../transport';

/** Options every operation shares: how requests travel, not what they say. */
export const REQUEST_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description:
			'Identifies a launch across runs, e.g. an order ID: Altcraft does not send again a launch of the same trigger mailing to the same recipient with a key it saw within a day, so running the workflow again for the same order sends nothing new. Empty: every run launches anew.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 1, maxValue: 10 },
		description:
			'How often a launch is tried when Altcraft is unavailable (HTTP 429, 502, 503, 504, timeouts, lost connections). Every attempt carries the same Request-ID, so Altcraft answers a repeat of a launch it already processed as a duplicate. Altcraft\'s own errors are not retried. The v1.0 link, whose deduplication is not documented, is retried only when Altcraft cannot have processed the request (refused connection, 429, 503).',
	},
	{
		displayName: 'Max Parallel Requests',
		name: 'maxParallel',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 50 },
		description: 'How many launches are in flight at once. Output order always equals input order.',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxPerSecond',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Upper limit for the request rate of this node, retries included. 0 means no limit.',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 0, maxValue: 300 },
		description: 'Longest wait before a retry, also when Altcraft asks for a longer one with Retry-After',
	},
	{
		displayName: 'Request Format',
		name: 'requestFormat',
		type: 'options',
		default: 'json',
		description: 'Body format of the request; Altcraft answers in the same format',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'XML', value: 'xml' },
		],
	},
	{
		displayName: 'Retry Initial Wait (Ms)',
		name: 'retryInitialWait',
		type: 'number',
		default: 500,
		typeOptions: { minValue: 0 },
		description: 'Wait before the first retry; it doubles with each further attempt, with random jitter',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 600 },
		description: 'How long to wait for Altcraft to answer one request',
	},
];

export interface RequestSettings {
	format: RequestFormat;
	timeoutMs: number;
	maxParallel: number;
	retry: RetryPolicy;
	pace?: () => Promise<void>;
}

/**
 * Spaces requests at least 1/perSecond apart across all parallel workers of one execution. The
 * node keeps no state between executions, so the limit holds per execution (and per worker in
 * queue mode).
 */
export function createPacer(perSecond: number): (() => Promise<void>) | undefined {
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

/** Read once per execution: these shape how the whole batch is sent, not one item. */
export function readRequestSettings(ctx: IExecuteFunctions): RequestSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return {
		format: options.requestFormat === 'xml' ? 'xml' : 'json',
		timeoutMs: Math.max(1, number(options.timeout, 30)) * 1000,
		maxParallel: Math.max(1, Math.floor(number(options.maxParallel, 5))),
		retry: {
			maxAttempts: Math.max(1, Math.floor(number(options.maxAttempts, 3))),
			initialWaitMs: Math.max(0, number(options.retryInitialWait, 500)),
			maxWaitMs: Math.max(0, number(options.maxRetryWait, 30)) * 1000,
		},
		pace: createPacer(number(options.maxPerSecond, 0)),
	};
}
