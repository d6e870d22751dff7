/**
 * The action-hook event types Altcraft documents ("Action hooks event types"), by channel.
 * The option names start with the channel so that the alphabetical list groups them.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

/** Selecting this passes every event, including types Altcraft has not documented. */
export const ALL_EVENTS = '*';

const CATALOGUE: Array<[channel: string, value: string, name: string, description: string]> = [
	['Email', 'send', 'Sent', 'The message was sent'],
	['Email', 'deliv', 'Delivered', 'The message was delivered'],
	['Email', 'undeliv', 'Not Delivered', 'The message could not be delivered'],
	['Email', 'sbounce', 'Soft Bounce', 'A temporary delivery failure'],
	['Email', 'hbounce', 'Hard Bounce', 'A permanent delivery failure'],
	['Email', 'suppress', 'Suppressed', 'Not sent: the address is on a suppression list'],
	['Email', 'uopen', 'First Open', 'The first open of the message'],
	['Email', 'open', 'Open', 'Every open of the message'],
	['Email', 'read', 'Read', 'Opened for 8 seconds or more'],
	['Email', 'skimmed', 'Skimmed', 'Opened for 4 to 8 seconds'],
	['Email', 'glanced', 'Glanced', 'Opened for less than 4 seconds'],
	['Email', 'uclick', 'First Click', 'The first click on a link'],
	['Email', 'click', 'Click', 'Every click on a link'],
	['Email', 'reply', 'Reply', 'The recipient replied'],
	['Email', 'confirm', 'Confirmation Link', 'The confirmation link of a normal message was clicked'],
	['Email', 'confirmsub', 'Subscription Confirmed', 'The double opt-in link was clicked'],
	['Email', 'unsub', 'Unsubscribe', 'The unsubscribe link was clicked'],
	['Email', 'complain', 'Complaint', 'The recipient marked the message as spam'],
	['SMS', 'send_sms', 'Sent', 'The SMS was sent'],
	['SMS', 'deliv_sms', 'Delivered', 'The SMS was delivered'],
	['SMS', 'undeliv_sms', 'Not Delivered', 'The SMS could not be delivered'],
	['SMS', 'uclick_sms', 'First Click', 'The first click on a link in the SMS'],
	['SMS', 'click_sms', 'Click', 'Every click on a link in the SMS'],
	['SMS', 'unsub_sms', 'Unsubscribe', 'The recipient unsubscribed from SMS'],
	['Push', 'send_push', 'Sent', 'The push notification was sent'],
	['Push', 'uopen_push', 'First Open', 'The first open of the push notification'],
	['Push', 'open_push', 'Open', 'Every open of the push notification'],
	['Push', 'uclick_push', 'First Click', 'The first click in the push notification'],
	['Push', 'click_push', 'Click', 'Every click in the push notification'],
	['Import', 'import_manual', 'Manual', 'A profile was imported by hand in Altcraft'],
	['Import', 'import_file', 'File', 'A profile was imported from a file'],
	['Import', 'import_api', 'API', 'A profile was imported through the API'],
];

export const eventOptions: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		description: 'Every event Altcraft sends, including types not listed here',
	},
	...CATALOGUE.map(([channel, value, name, description]) => ({
		name: `${channel}: ${name}`,
		value,
		description: `${description} (${value})`,
	})).sort((a, b) => a.name.localeCompare(b.name)),
];

/** The event's type: `event_type`, or `event` as one part of Altcraft's docs spells it. */
export function eventTypeOf(event: Record<string, unknown>): string | undefined {
	const type = event.event_type ?? event.event;
	return typeof type === 'string' && type !== '' ? type : undefined;
}
