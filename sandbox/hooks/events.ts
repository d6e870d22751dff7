/**
 * Action-hook events for what the sandbox launched, in the documented shape only: the fields of
 * Altcraft's "Email delivered" sample and its "Action Hook Message Structure" table (facts sheet
 * §14.4–14.5). Values are the sandbox's own (account 1, the trigger's database and resource).
 */
import { createHash } from 'node:crypto';
import { md5Hex, xxh64Hex } from '../profiles';

/** The sandbox's Altcraft account ID in events. */
export const SANDBOX_ACCOUNT_ID = 1;

/** One message the sandbox "sent": a launch for one profile. */
export interface HookMessage {
	profileId: string;
	email?: string;
	channel: 'email' | 'sms' | 'push';
	triggerId: number;
	listId: number;
	resourceId: number;
	launchId: string;
	sendMessageId: string;
	customData: Record<string, unknown>;
	opened: boolean;
	clicked: boolean;
}

const TYPES: Record<HookMessage['channel'], { send: string; deliv?: string; open?: string; click: string }> = {
	email: { send: 'send', deliv: 'deliv', open: 'open', click: 'click' },
	// No SMS open event is documented.
	sms: { send: 'send_sms', deliv: 'deliv_sms', click: 'click_sms' },
	push: { send: 'send_push', open: 'open_push', click: 'click_push' },
};

let lastMs = 0;
let sequence = 0;

/** RFC 3339 with nanoseconds, as Altcraft writes it; strictly increasing within the process. */
export function nanoDate(now = Date.now()): string {
	if (now === lastMs) sequence++;
	else {
		lastMs = now;
		sequence = 0;
	}
	const iso = new Date(now).toISOString();
	return `${iso.slice(0, 23)}${String(sequence).padStart(6, '0')}Z`;
}

export function hexId(seed: string, length: number): string {
	return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function baseEvent(message: HookMessage, eventType: string, eventData: Record<string, unknown>) {
	const email = message.email?.trim().toLowerCase() ?? '';
	return {
		event_type: eventType,
		event_date: nanoDate(),
		profile_id: message.profileId,
		_xxh: email ? xxh64Hex(email) : '',
		_md5: email ? md5Hex(email) : '',
		list_id: message.listId,
		account_id: SANDBOX_ACCOUNT_ID,
		is_test: false,
		is_static: false,
		custom_data: message.customData,
		event_data: {
			message_id: message.triggerId,
			campaign_id: message.triggerId,
			segment_id: 0,
			resource_id: message.resourceId,
			launch_id: message.launchId,
			send_message_id: message.sendMessageId,
			...eventData,
		},
	};
}

export type HookEventBody = ReturnType<typeof baseEvent>;

/** `send`, then `deliv` (push: only `send_push`; no push delivery event is documented). */
export function sentEvents(message: HookMessage): HookEventBody[] {
	const types = TYPES[message.channel];
	const events = [baseEvent(message, types.send, {})];
	if (types.deliv) events.push(baseEvent(message, types.deliv, {}));
	return events;
}

const TRACKING = { ip: '10.9.0.14', country: '.us', city: 'Springfield', device: 'web', browser: 'Firefox' };

/** An open: `uopen` first time, then `open` (none for SMS). */
export function openEvents(message: HookMessage): HookEventBody[] {
	const open = TYPES[message.channel].open;
	if (!open) return [];
	const events: HookEventBody[] = [];
	if (!message.opened) events.push(baseEvent(message, `u${open}`, TRACKING));
	events.push(baseEvent(message, open, TRACKING));
	message.opened = true;
	return events;
}

/** A click: `uclick` first time (with `uopen`/`open` when no open was seen, as documented), then `click`. */
export function clickEvents(message: HookMessage, linkUrl: string): HookEventBody[] {
	const events: HookEventBody[] = [];
	if (message.channel === 'email' && !message.opened) events.push(...openEvents(message));
	const click = TYPES[message.channel].click;
	const data = { ...TRACKING, link_url: linkUrl };
	if (!message.clicked) events.push(baseEvent(message, `u${click}`, data));
	events.push(baseEvent(message, click, data));
	message.clicked = true;
	return events;
}
