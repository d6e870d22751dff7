/** Which events pass the node's filters, and the items they become. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { HookEvent } from './body';
import { ALL_EVENTS, eventTypeOf } from './events';

interface EventFilter {
	eventTypes: string[];
	includeTestEvents: boolean;
	/** Database IDs (`list_id`) to keep; empty: all. */
	databaseIds: string[];
}

function isTest(event: HookEvent): boolean {
	return event.is_test === true || event.is_test === 'true' || event.is_test === 1;
}

export function selectEvents(events: HookEvent[], filter: EventFilter): HookEvent[] {
	const all = filter.eventTypes.length === 0 || filter.eventTypes.includes(ALL_EVENTS);
	const types = new Set(filter.eventTypes);
	const databases = new Set(filter.databaseIds);
	return events.filter(
		(event) =>
			(all || types.has(eventTypeOf(event) as string)) &&
			(filter.includeTestEvents || !isTest(event)) &&
			(databases.size === 0 || databases.has(String(event.list_id ?? ''))),
	);
}

/**
 * `event_date` is RFC 3339 with nanoseconds ("2018-03-04T13:13:19.034315796Z"); it stays as sent,
 * and `event_date_iso` beside it is the same instant to the millisecond, for date nodes and sorting.
 */
function isoTime(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
	const time = Date.parse(trimmed);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The event as sent, plus `event_type` when only `event` was sent, plus `event_date_iso`. */
function eventJson(event: HookEvent): HookEvent {
	const json: HookEvent = { ...event };
	if (json.event_type === undefined) json.event_type = eventTypeOf(event);
	const iso = isoTime(event.event_date);
	if (iso !== undefined) json.event_date_iso = iso;
	return json;
}

export function toItems(events: HookEvent[], perBatch: boolean): INodeExecutionData[] {
	if (perBatch) return [{ json: { events: events.map(eventJson) as IDataObject[], count: events.length } }];
	return events.map((event) => ({ json: eventJson(event) as IDataObject }));
}
