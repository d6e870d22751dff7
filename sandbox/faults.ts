/** Injected faults (canned answers, delays, connection resets) and the seeded random fault rate. */
import * as http from 'node:http';
import { trimTrailingSlashes, type Reply } from './http';
import type { Fault } from './types';

/** mulberry32: tiny, seedable, good enough to spread faults reproducibly. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

/** Faults wait in the order injected; each applies to its next `times` matching requests. */
export class FaultQueue {
	private readonly queued: QueuedFault[] = [];

	get size(): number {
		return this.queued.length;
	}

	push(fault: Fault): void {
		this.queued.push({ fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.queued.length = 0;
	}

	take(path: string): Fault | undefined {
		const index = this.queued.findIndex((queued) => faultMatches(queued.fault, path));
		if (index === -1) return undefined;
		const queued = this.queued[index];
		queued.remaining--;
		if (queued.remaining <= 0) this.queued.splice(index, 1);
		return queued.fault;
	}
}

function faultMatches(fault: Fault, path: string): boolean {
	if (fault.path === undefined) return true;
	if (typeof fault.path === 'string') return trimTrailingSlashes(path).startsWith(trimTrailingSlashes(fault.path));
	fault.path.lastIndex = 0; // a /g or /y RegExp would otherwise remember where it stopped
	return fault.path.test(path);
}

/** A fault that answers by itself; a fault with only delayMs delays a normal answer instead. */
export function isCanned(fault: Fault): boolean {
	const cannedField =
		fault.status !== undefined ||
		fault.body !== undefined ||
		fault.contentType !== undefined ||
		fault.headers !== undefined ||
		fault.retryAfter !== undefined;
	return cannedField || fault.delayMs === undefined;
}

function htmlErrorPage(status: number): string {
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function cannedReply(fault: Fault): Reply {
	const status = fault.status ?? 503;
	const contentType = fault.contentType ?? (fault.body?.trimStart().startsWith('{') ? 'application/json' : 'text/html');
	let text = fault.body;
	if (text === undefined) {
		const json = contentType.includes('json');
		text = json
			? JSON.stringify({ data: null, error: status, error_text: http.STATUS_CODES[status] ?? 'Error' })
			: htmlErrorPage(status);
	}
	const headers: Record<string, string> = { 'Content-Type': contentType, ...fault.headers };
	if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
	return { status, headers, text, body: text, duplicate: false };
}
