/**
 * The sandbox's action-hook delivery, as Altcraft's "JSON batch request (HTTP POST action hook)"
 * describes it: events wait in a queue; a POST with a JSON array goes out when `batchSize` events
 * are waiting, or `waitMs` after the first one ("Timeout sec"). A delivery succeeds on HTTP 200
 * (and, with a success pattern, an answer matching it); otherwise the same batch is sent again
 * after a back-off. Altcraft's own retry timing is not documented: the back-off here is ours.
 */
import type { HookEventBody } from './events';

export interface HookSettings {
	url: string;
	/** Maximum batch size; default 100. */
	batchSize?: number;
	/** How long a non-full batch waits, in ms ("Timeout sec"); default 1000. */
	waitMs?: number;
	/** "API response success message": a regular expression the answer body must match. */
	successPattern?: string;
	/** Batches in flight at once; default 1. */
	concurrency?: number;
	/** First retry delay (doubles up to 30 s); default 500. */
	retryDelayMs?: number;
	/** Attempts per batch before it is given up; default 10. */
	maxAttempts?: number;
	/** Per-request timeout; default 10 s. */
	timeoutMs?: number;
}

export interface HookDelivery {
	events: number;
	attempts: Array<{ status: number | 'error'; body: string }>;
	ok: boolean;
}

export class HookSender {
	readonly deliveries: HookDelivery[] = [];
	private settings?: Required<Omit<HookSettings, 'successPattern'>> & { successPattern?: RegExp };
	private queue: HookEventBody[] = [];
	private timer?: NodeJS.Timeout;
	private inFlight = 0;
	/** Batches to send, retries first; a retry keeps its delivery record. */
	private readonly ready: Array<{ batch: HookEventBody[]; delivery?: HookDelivery }> = [];
	private readonly idleWaiters: Array<() => void> = [];
	private readonly retryTimers = new Set<NodeJS.Timeout>();
	private pendingRetries = 0;
	private closed = false;

	get registered(): HookSettings | undefined {
		if (!this.settings) return undefined;
		const { successPattern, ...rest } = this.settings;
		return { ...rest, successPattern: successPattern?.source };
	}

	register(settings: HookSettings): void {
		new URL(settings.url); // throws on a URL that is not one
		this.settings = {
			url: settings.url,
			batchSize: Math.max(1, settings.batchSize ?? 100),
			waitMs: Math.max(0, settings.waitMs ?? 1000),
			concurrency: Math.max(1, settings.concurrency ?? 1),
			retryDelayMs: Math.max(1, settings.retryDelayMs ?? 500),
			maxAttempts: Math.max(1, settings.maxAttempts ?? 10),
			timeoutMs: settings.timeoutMs ?? 10_000,
			successPattern: settings.successPattern ? new RegExp(settings.successPattern) : undefined,
		};
	}

	unregister(): void {
		this.settings = undefined;
		this.queue = [];
	}

	/** Queues events; nothing happens without a registered hook. */
	enqueue(events: HookEventBody[]): void {
		const settings = this.settings;
		if (!settings || this.closed || events.length === 0) return;
		this.queue.push(...events);
		while (this.queue.length >= settings.batchSize)
			this.ready.push({ batch: this.queue.splice(0, settings.batchSize) });
		if (this.queue.length > 0 && !this.timer)
			this.timer = setTimeout(() => {
				this.timer = undefined;
				this.flush();
			}, settings.waitMs);
		this.pump();
	}

	/** Sends what is waiting now, without waiting for a full batch. */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.queue.length > 0) this.ready.push({ batch: this.queue.splice(0) });
		this.pump();
	}

	/** Resolves when nothing is queued, waiting, in flight or due for a retry. */
	async idle(): Promise<void> {
		this.flush();
		if (this.isIdle()) return;
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	reset(): void {
		this.deliveries.length = 0;
	}

	close(): void {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		for (const timer of this.retryTimers) clearTimeout(timer);
		this.retryTimers.clear();
		this.queue = [];
		this.ready.length = 0;
		this.pendingRetries = 0;
		this.settleIdle();
	}

	private isIdle(): boolean {
		return this.queue.length === 0 && this.ready.length === 0 && this.inFlight === 0 && this.pendingRetries === 0;
	}

	private settleIdle(): void {
		if (!this.isIdle() && !this.closed) return;
		for (const resolve of this.idleWaiters.splice(0)) resolve();
	}

	private pump(): void {
		const settings = this.settings;
		while (settings && !this.closed && this.inFlight < settings.concurrency && this.ready.length > 0) {
			const { batch, delivery: retried } = this.ready.shift()!;
			const delivery = retried ?? { events: batch.length, attempts: [], ok: false };
			if (!retried) this.deliveries.push(delivery);
			this.inFlight++;
			void this.attempt(batch, delivery);
		}
		this.settleIdle();
	}

	private async attempt(batch: HookEventBody[], delivery: HookDelivery): Promise<void> {
		const settings = this.settings!;
		let status: number | 'error' = 'error';
		let body = '';
		try {
			const response = await fetch(settings.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(batch),
				signal: AbortSignal.timeout(settings.timeoutMs),
			});
			status = response.status;
			body = await response.text();
		} catch (error) {
			body = (error as Error).message;
		}
		delivery.attempts.push({ status, body: body.slice(0, 500) });
		delivery.ok = status === 200 && (!settings.successPattern || settings.successPattern.test(body));
		this.inFlight--;
		if (!delivery.ok && !this.closed && delivery.attempts.length < settings.maxAttempts) {
			const delay = Math.min(30_000, settings.retryDelayMs * 2 ** (delivery.attempts.length - 1));
			this.pendingRetries++;
			const timer = setTimeout(() => {
				this.retryTimers.delete(timer);
				this.pendingRetries--;
				this.ready.unshift({ batch, delivery });
				this.pump();
			}, delay);
			this.retryTimers.add(timer);
		}
		this.pump();
	}
}
