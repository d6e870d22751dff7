import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Which profiles already went out under an Idempotency Key, so that a keyed re-run with a grown,
 * reordered or shrunk input never sends a profile twice. Altcraft deduplicates whole requests only
 * (by Request-ID, for a day): a request whose profiles differ from the first run's is new to it.
 *
 * Two stores, read together:
 * - the workflow's static data (this node's part): n8n saves it after every execution that is not
 *   manual, failed ones included, and loads it into the next; not after a manual run, nor after a
 *   cancelled execution or a crash;
 * - this process's memory: covers manual runs (in the process that runs them) and executions
 *   whose static data another concurrent execution overwrote; gone when n8n restarts.
 * Where neither holds a profile, Altcraft's own deduplication is the last line: the same remaining
 * profiles always make the same requests with the same Request-IDs (see grouping.ts).
 * docs/exactly-once.md says what holds where.
 */

/** Altcraft keeps a Request-ID for a day [DOC: Deduplication of requests]. */
export const REMEMBER_MS = 24 * 60 * 60 * 1000;
/** Records are kept in hourly slots: a slot goes when its last record is a day old. */
const SLOT_MS = 60 * 60 * 1000;
/** A fingerprint is 16 hex characters (64 bits): fixed width, so a slot is one string. */
const WIDTH = 16;
/** Bounds: static data is loaded with the workflow for every execution; the process is shared. */
export const MAX_STORED = 200_000;
const MAX_IN_PROCESS = 1_000_000;
const STATIC_KEY = 'altcraftSent';

export interface SentMemory {
	/** Whether the profile (its fingerprint: key, target and profile) already went out. */
	has(fingerprint: string): boolean;
	/** Remembers the profiles of a request Altcraft accepted or answered as a duplicate. */
	record(fingerprints: string[]): void;
}

interface Stored {
	v: 1;
	/** Slot start (ms) → the fingerprints recorded in it, concatenated. */
	slots: Record<string, string>;
}

type Slots = Map<number, Set<string>>;

/** This process's records, per workflow and node; bounded by MAX_IN_PROCESS fingerprints. */
const inProcess = new Map<string, Slots>();
let inProcessCount = 0;

const live = (slot: number, now: number) => slot + SLOT_MS + REMEMBER_MS > now;

function readStored(value: unknown, now: number): Map<number, string> {
	const slots = new Map<number, string>();
	if (value === null || typeof value !== 'object') return slots;
	const stored = (value as Partial<Stored>).slots;
	if (stored === null || typeof stored !== 'object') return slots;
	for (const [start, text] of Object.entries(stored)) {
		const slot = Number(start);
		if (Number.isFinite(slot) && typeof text === 'string' && live(slot, now)) slots.set(slot, text);
	}
	return slots;
}

/** Drops the oldest slots (whole) until at most `max` fingerprints remain; the newest slot is cut instead. */
function bound(slots: Map<number, string>, max: number): void {
	let total = 0;
	for (const text of slots.values()) total += text.length / WIDTH;
	const oldestFirst = [...slots.keys()].sort((a, b) => a - b);
	for (const slot of oldestFirst) {
		if (total <= max) return;
		const count = slots.get(slot)!.length / WIDTH;
		if (total - count >= max || slot !== oldestFirst[oldestFirst.length - 1]) {
			slots.delete(slot);
			total -= count;
		} else {
			slots.set(slot, slots.get(slot)!.slice((total - max) * WIDTH));
			total = max;
		}
	}
}

function evictInProcess(now: number): void {
	for (const [scope, slots] of inProcess) {
		for (const [slot, set] of slots)
			if (!live(slot, now)) {
				inProcessCount -= set.size;
				slots.delete(slot);
			}
		if (slots.size === 0) inProcess.delete(scope);
	}
	while (inProcessCount > MAX_IN_PROCESS) {
		let oldest: { scope: string; slot: number } | undefined;
		for (const [scope, slots] of inProcess)
			for (const slot of slots.keys()) if (!oldest || slot < oldest.slot) oldest = { scope, slot };
		if (!oldest) return;
		const slots = inProcess.get(oldest.scope)!;
		inProcessCount -= slots.get(oldest.slot)!.size;
		slots.delete(oldest.slot);
		if (slots.size === 0) inProcess.delete(oldest.scope);
	}
}

/** The memory of this node in this workflow; `now` is for tests. */
export function sentMemory(ctx: IExecuteFunctions, now: () => number = Date.now): SentMemory {
	const started = now();
	const nodeData = ctx.getWorkflowStaticData('node') as IDataObject;
	const stored = readStored(nodeData[STATIC_KEY], started);
	const workflowId = ctx.getWorkflow().id;
	const scope = workflowId ? `${workflowId}|${ctx.getNode().id ?? ctx.getNode().name}` : undefined;
	evictInProcess(started);
	const known = new Set<string>();
	for (const text of stored.values())
		for (let at = 0; at < text.length; at += WIDTH) known.add(text.slice(at, at + WIDTH));
	const own = scope === undefined ? undefined : inProcess.get(scope);
	const fromProcess = (fingerprint: string) => {
		if (!own) return false;
		for (const set of own.values()) if (set.has(fingerprint)) return true;
		return false;
	};
	return {
		has: (fingerprint) => known.has(fingerprint) || fromProcess(fingerprint),
		record(fingerprints) {
			if (fingerprints.length === 0) return;
			const at = now();
			const slot = at - (at % SLOT_MS);
			stored.set(slot, (stored.get(slot) ?? '') + fingerprints.join(''));
			bound(stored, MAX_STORED);
			// A new object each time: n8n notices a write to this node's part and saves it.
			nodeData[STATIC_KEY] = { v: 1, slots: Object.fromEntries(stored) } satisfies Stored;
			if (scope === undefined) return;
			let slots = inProcess.get(scope);
			if (!slots) inProcess.set(scope, (slots = new Map()));
			let set = slots.get(slot);
			if (!set) slots.set(slot, (set = new Set()));
			for (const fingerprint of fingerprints) {
				if (set.has(fingerprint)) continue;
				set.add(fingerprint);
				inProcessCount++;
			}
			evictInProcess(at);
		},
	};
}
