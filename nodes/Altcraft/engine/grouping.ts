import { eventLoopTurns, type Checked, type Unit } from './items';
import type { SentMemory } from './memory';

/** One checked item's part of a request that may carry many items. */
export interface GroupEntry<R, E> {
	/** What the request shares with the other items in it (trigger mailing, message, ...). */
	request: R;
	/** Equal for items whose request-level fields are all equal: only they share requests. */
	requestKey: string;
	/** The item's own part of the request: an element of `data`, or a value of an audience query. */
	element: E;
	/** Bytes the element adds to the body, in the format the request is sent in. */
	bytes: number;
	/** The element as JSON, serialised when it was measured: the body reuses it (JSON requests). */
	text?: string;
	/**
	 * Items with the same element key in one request share their element (an audience names a
	 * profile once however many items ask for it). Without one, every item is its own element.
	 */
	elementKey?: unknown;
	/**
	 * The profile under the item's Idempotency Key (requestId.ts profileFingerprint), on keyed runs
	 * only. Items of one request key are all keyed or all not (the key's presence is part of it).
	 */
	fingerprint?: string;
}

export interface Group<R, E> {
	request: R;
	requestKey: string;
	/** The request's elements; without element keys one per item of the unit, in the same order. */
	elements: E[];
	/** The elements as JSON, in the same order, where every entry brought its text. */
	texts?: string[];
	/** Keyed runs: the elements' fingerprints, in the same order (recorded once Altcraft accepts). */
	fingerprints?: string[];
	/** Keyed runs: every profile of this unit already went out under its key; nothing is sent. */
	remembered?: boolean;
}

interface Slot<E> {
	element: E;
	bytes: number;
	text?: string;
	items: number[];
	fingerprint?: string;
}

/** Whether a keyed chunk ends after this profile: content-defined, see chunkKeyed. */
function endsChunk(fingerprint: string, mean: number): boolean {
	return parseInt(fingerprint.slice(-8), 16) % mean === 0;
}

/**
 * Forms the requests of the checked items: items whose request-level fields are equal share
 * requests, in chunks of at most `perRequest` elements and `budget(request)` bytes; items whose
 * fields differ get requests of their own, so no item is ever sent with another item's content.
 * Chunks keep input order (a re-run with more items rebuilds the same first chunks), and an
 * element larger than the budget still gets a request of its own rather than vanishing.
 */
export async function groupRequests<R, E>(
	entries: Array<Checked<GroupEntry<R, E>>>,
	perRequest: number,
	budget: (request: R) => number,
	memory?: SentMemory,
): Promise<Array<Unit<Group<R, E>>>> {
	// Linear, but 200,000 items take about a second on a busy machine: give the event loop turns.
	const turns = eventLoopTurns();
	type Pending = { request: R; slots: Array<Slot<E>>; byKey: Map<unknown, Slot<E>>; remembered: Array<Slot<E>> };
	const groups = new Map<string, Pending>();
	/** Keyed profiles taken by a request of this run: another request (other content) does not send them again. */
	const taken = new Map<string, string>();
	for (const { itemIndex, value } of entries) {
		if (turns.due()) await turns.give();
		let group = groups.get(value.requestKey);
		if (!group) {
			group = { request: value.request, slots: [], byKey: new Map(), remembered: [] };
			groups.set(value.requestKey, group);
		}
		const { fingerprint } = value;
		const elementKey = value.elementKey ?? fingerprint;
		const shared = elementKey === undefined ? undefined : group.byKey.get(elementKey);
		if (shared) {
			shared.items.push(itemIndex);
			continue;
		}
		const slot: Slot<E> = {
			element: value.element,
			bytes: value.bytes,
			text: value.text,
			items: [itemIndex],
			fingerprint,
		};
		if (fingerprint !== undefined) {
			const takenBy = taken.get(fingerprint);
			if (memory?.has(fingerprint) || (takenBy !== undefined && takenBy !== value.requestKey)) {
				group.remembered.push(slot);
				if (elementKey !== undefined) group.byKey.set(elementKey, slot);
				continue;
			}
			taken.set(fingerprint, value.requestKey);
		}
		group.slots.push(slot);
		if (elementKey !== undefined) group.byKey.set(elementKey, slot);
	}
	const units: Array<Unit<Group<R, E>>> = [];
	// Units of profiles already sent come after every request: requests are numbered 1..n among
	// themselves (sentRequests), and a held-back unit is not one of them.
	const held: Array<Unit<Group<R, E>>> = [];
	for (const [requestKey, { request, slots, remembered }] of groups) {
		const keyed = slots.length > 0 && slots[0].fingerprint !== undefined;
		const chunks = keyed
			? chunkKeyed(slots, perRequest, budget(request))
			: chunkInOrder(slots, perRequest, budget(request));
		for (const chunk of chunks) {
			if (turns.due()) await turns.give();
			units.push(unitOf(request, requestKey, chunk, keyed));
		}
		if (remembered.length > 0) {
			const unit = unitOf(request, requestKey, remembered, true);
			unit.value.remembered = true;
			held.push(unit);
		}
	}
	for (const unit of held) units.push(unit);
	return units;
}

/** How many of the units are requests to send: those of profiles already sent come last and are not. */
export function sentRequests(units: Array<Unit<{ remembered?: boolean }>>): number {
	let count = 0;
	for (const unit of units) if (!unit.value.remembered) count++;
	return count;
}

function unitOf<R, E>(request: R, requestKey: string, slots: Array<Slot<E>>, keyed: boolean): Unit<Group<R, E>> {
	const items: number[] = [];
	for (const slot of slots) for (const item of slot.items) items.push(item);
	// An element shared by a later item joins its chunk late, and keyed chunks follow their
	// fingerprints: items stand in input order.
	items.sort((a, b) => a - b);
	const elements = slots.map((slot) => slot.element);
	const value: Group<R, E> = { request, requestKey, elements };
	if (slots.every((slot) => slot.text !== undefined)) value.texts = slots.map((slot) => slot.text!);
	if (keyed) value.fingerprints = slots.map((slot) => slot.fingerprint!);
	return { items, value };
}

/** Input order, each chunk as full as the limits allow: a run with more items rebuilds the same first chunks. */
function chunkInOrder<E>(slots: Array<Slot<E>>, perRequest: number, limit: number): Array<Array<Slot<E>>> {
	const chunks: Array<Array<Slot<E>>> = [];
	let current: Array<Slot<E>> | undefined;
	let bytes = 0;
	for (const slot of slots) {
		if (!current || current.length >= perRequest || bytes + slot.bytes > limit) {
			chunks.push((current = []));
			bytes = 0;
		}
		current.push(slot);
		bytes += slot.bytes;
	}
	return chunks;
}

/**
 * Keyed runs: chunks that depend only on which profiles remain, never on input order, and change
 * locally when profiles come or go. Profiles are ordered by fingerprint and a chunk ends after a
 * profile whose fingerprint says so (about one in perRequest/2), or where the limits force it.
 * The same remaining profiles therefore always make the same requests (same Request-IDs: Altcraft
 * answers a repeat as a duplicate, even when the memory of sent profiles was lost), and a profile
 * added or removed changes only the chunk it falls in. The price: about twice as many requests as
 * full chunks would take.
 */
function chunkKeyed<E>(slots: Array<Slot<E>>, perRequest: number, limit: number): Array<Array<Slot<E>>> {
	const sorted = [...slots].sort((a, b) =>
		a.fingerprint! < b.fingerprint! ? -1 : a.fingerprint! > b.fingerprint! ? 1 : 0,
	);
	const mean = Math.max(1, Math.ceil(perRequest / 2));
	const chunks: Array<Array<Slot<E>>> = [];
	let current: Array<Slot<E>> = [];
	let bytes = 0;
	for (const slot of sorted) {
		if (current.length >= perRequest || (current.length > 0 && bytes + slot.bytes > limit)) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
		current.push(slot);
		bytes += slot.bytes;
		if (endsChunk(slot.fingerprint!, mean)) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}
