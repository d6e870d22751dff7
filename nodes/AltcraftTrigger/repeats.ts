/**
 * Dropping events already seen: Altcraft may send a batch again after a slow or failed answer,
 * and events carry no ID. The key is what tells two real events apart (type, time to the
 * nanosecond, profile, database, account, message and link); the memory is the workflow's static
 * data, bounded by a time window and a number of entries, oldest dropped first.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { HookEvent } from './body';
import { eventTypeOf } from './events';

interface RepeatSettings {
	windowMinutes: number;
	maxEntries: number;
	now: number;
}

/** Where the keys live in the node's static data: key → first seen (Unix ms), oldest first. */
const STORE = 'seenEvents';

function field(value: unknown): unknown {
	return value === undefined ? null : value;
}

export function eventKey(event: HookEvent): string {
	const data = (
		typeof event.event_data === 'object' && event.event_data !== null ? event.event_data : {}
	) as IDataObject;
	const parts = [
		eventTypeOf(event),
		event.event_date,
		event.profile_id ?? event._xxh ?? event._md5,
		event.list_id,
		event.account_id,
		data.send_message_id,
		data.launch_id,
		data.message_id,
		data.campaign_id,
		data.link_url,
	].map(field);
	// A letter first: keys that look like integers would lose their insertion order in an object.
	return `e${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;
}

/** The events not seen within the window (nor earlier in this batch); remembers them. */
export function dropRepeats(events: HookEvent[], staticData: IDataObject, settings: RepeatSettings): HookEvent[] {
	const oldest = settings.now - settings.windowMinutes * 60_000;
	const stored = (staticData[STORE] ?? {}) as Record<string, number>;
	const seen = new Map<string, number>();
	for (const [key, at] of Object.entries(stored)) if (typeof at === 'number' && at >= oldest) seen.set(key, at);
	const fresh: HookEvent[] = [];
	for (const event of events) {
		const key = eventKey(event);
		if (seen.has(key)) continue;
		seen.set(key, settings.now);
		fresh.push(event);
	}
	const keep = [...seen.entries()].slice(Math.max(0, seen.size - settings.maxEntries));
	// A new object each time: assigning it marks the static data as changed, and n8n saves it.
	if (fresh.length > 0 || keep.length !== Object.keys(stored).length) staticData[STORE] = Object.fromEntries(keep);
	return fresh;
}
