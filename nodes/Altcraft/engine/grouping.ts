import { eventLoopYielder, type Checked, type Unit } from './items';

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
	/**
	 * Items with the same element key in one request share their element (an audience names a
	 * profile once however many items ask for it). Without one, every item is its own element.
	 */
	elementKey?: unknown;
}

export interface Group<R, E> {
	request: R;
	requestKey: string;
	/** The request's elements; without element keys one per item of the unit, in the same order. */
	elements: E[];
}

interface Slot<E> {
	element: E;
	bytes: number;
	items: number[];
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
): Promise<Array<Unit<Group<R, E>>>> {
	// Linear, but 200,000 items take about a second on a busy machine: give the event loop turns.
	const pause = eventLoopYielder();
	const groups = new Map<string, { request: R; slots: Array<Slot<E>>; byKey: Map<unknown, Slot<E>> }>();
	for (const { itemIndex, value } of entries) {
		await pause();
		let group = groups.get(value.requestKey);
		if (!group) {
			group = { request: value.request, slots: [], byKey: new Map() };
			groups.set(value.requestKey, group);
		}
		const shared = value.elementKey === undefined ? undefined : group.byKey.get(value.elementKey);
		if (shared) {
			shared.items.push(itemIndex);
			continue;
		}
		const slot = { element: value.element, bytes: value.bytes, items: [itemIndex] };
		group.slots.push(slot);
		if (value.elementKey !== undefined) group.byKey.set(value.elementKey, slot);
	}
	const units: Array<Unit<Group<R, E>>> = [];
	for (const [requestKey, { request, slots }] of groups) {
		const limit = budget(request);
		let current: Unit<Group<R, E>> | undefined;
		let bytes = 0;
		for (const slot of slots) {
			await pause();
			if (!current || current.value.elements.length >= perRequest || bytes + slot.bytes > limit) {
				current = { items: [], value: { request, requestKey, elements: [] } };
				units.push(current);
				bytes = 0;
			}
			current.value.elements.push(slot.element);
			for (const item of slot.items) current.items.push(item);
			bytes += slot.bytes;
		}
	}
	// An element shared by a later item joins its chunk late: items stand in input order.
	for (const unit of units) unit.items.sort((a, b) => a - b);
	return units;
}
