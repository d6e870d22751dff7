/**
 * Altcraft's deduplication: it looks for a Request-ID first; without one it compares a checksum,
 * so two identical launches without Request-ID are one launch (the documented danger).
 * A repeated request gets the original answer plus the duplicate headers.
 */
import { createHash } from 'node:crypto';
import type { Exchange, Reply } from './http';

/** Altcraft keeps deduplication keys for one day. */
const DEDUP_TTL_MS = 24 * 60 * 60 * 1000;

interface DedupEntry {
	reply: Reply;
	at: number;
}

export class DedupStore {
	/** X-Duplicate-* (the older naming) instead of Duplicate-*. */
	legacyHeaders = false;
	private readonly entries = new Map<string, DedupEntry>();

	constructor(private readonly onDuplicate: () => void) {}

	clear(): void {
		this.entries.clear();
	}

	/** Answers a repeated request with the original response, or runs `handle` and remembers its answer. */
	run(exchange: Exchange, path: string, handle: () => Reply): Reply {
		const { key, shown } = dedupKey(exchange, path);
		const now = Date.now();
		const previous = this.entries.get(key);
		if (previous && now - previous.at < DEDUP_TTL_MS) {
			this.onDuplicate();
			return {
				...previous.reply,
				headers: { ...previous.reply.headers, ...this.headers(exchange, shown) },
				duplicate: true,
			};
		}
		const reply = handle();
		this.entries.set(key, { reply, at: now });
		return reply;
	}

	private headers(exchange: Exchange, shown: string): Record<string, string> {
		if (!this.legacyHeaders) return { 'Duplicate-Request': 'true', 'Duplicate-Key': shown };
		const headers: Record<string, string> = { 'X-Duplicate-Request': 'true', 'X-Duplicate-Key': shown };
		if (exchange.record.requestId) headers['X-Request-ID'] = exchange.record.requestId;
		return headers;
	}
}

function dedupKey(exchange: Exchange, path: string): { key: string; shown: string } {
	const requestId = exchange.record.requestId;
	if (requestId) return { key: `id:${requestId}`, shown: requestId };
	const sum = createHash('sha256')
		.update(`${exchange.record.method} ${path}${exchange.search}\n`)
		.update(exchange.record.rawBody)
		.digest('hex');
	return { key: `sum:${sum}`, shown: sum };
}
