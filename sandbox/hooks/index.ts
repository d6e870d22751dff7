/**
 * Action hooks of the sandbox: every launch it records becomes messages (one per profile) whose
 * `send` and `deliv` events go to the registered hook URL; `open` and `click` on a command.
 */
import type { ProfileLookup } from './lookup';
import { clickEvents, hexId, openEvents, sentEvents, type HookEventBody, type HookMessage } from './events';
import { HookSender, type HookSettings } from './sender';

export { HookSender, type HookDelivery, type HookSettings } from './sender';
export { SANDBOX_ACCOUNT_ID, type HookEventBody, type HookMessage } from './events';

/** What a launch tells the hooks: the trigger mailing and the profiles it reached. */
export interface LaunchedMessage {
	triggerId: number;
	listId?: number;
	resourceId?: number;
	channel?: string;
	profiles: string[];
	requestId?: string;
	customData?: unknown;
}

/** Which messages an open or click applies to; empty: all sent so far. */
export interface MessageFilter {
	profileId?: string;
	email?: string;
	triggerId?: number;
}

/** Messages kept for open/click commands; older ones are dropped (the sandbox also serves benchmarks). */
const MAX_MESSAGES = 10_000;

export class SandboxHooks {
	readonly sender = new HookSender();
	readonly messages: HookMessage[] = [];
	private launches = 0;

	constructor(private readonly profiles: ProfileLookup) {}

	register(settings: HookSettings): void {
		this.sender.register(settings);
	}

	/** Called for every recorded launch: `send` then `deliv` per profile, when a hook is registered. */
	launched(launch: LaunchedMessage): void {
		if (!this.sender.registered) return;
		this.launches++;
		const launchId = hexId(`launch ${this.launches} ${launch.requestId ?? ''}`, 24);
		const channel = launch.channel === 'sms' || launch.channel === 'push' ? launch.channel : 'email';
		const customData =
			typeof launch.customData === 'object' && launch.customData !== null && !Array.isArray(launch.customData)
				? (launch.customData as Record<string, unknown>)
				: {};
		const events: HookEventBody[] = [];
		for (const profileId of launch.profiles) {
			const message: HookMessage = {
				profileId,
				email: this.profiles.emailOf(profileId),
				channel,
				triggerId: launch.triggerId,
				listId: launch.listId ?? 1,
				resourceId: launch.resourceId ?? 0,
				launchId,
				sendMessageId: hexId(`${launchId} ${profileId}`, 24),
				customData,
				opened: false,
				clicked: false,
			};
			this.messages.push(message);
			events.push(...sentEvents(message));
		}
		if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES);
		this.sender.enqueue(events);
	}

	private select(filter: MessageFilter): HookMessage[] {
		const email = filter.email?.trim().toLowerCase();
		return this.messages.filter(
			(message) =>
				(filter.profileId === undefined || message.profileId === filter.profileId) &&
				(email === undefined || message.email?.trim().toLowerCase() === email) &&
				(filter.triggerId === undefined || message.triggerId === filter.triggerId),
		);
	}

	/** The recipients open their messages: returns how many events were queued. */
	open(filter: MessageFilter = {}): number {
		const events = this.select(filter).flatMap(openEvents);
		this.sender.enqueue(events);
		return events.length;
	}

	click(filter: MessageFilter = {}, linkUrl = 'https://www.example.com/'): number {
		const events = this.select(filter).flatMap((message) => clickEvents(message, linkUrl));
		this.sender.enqueue(events);
		return events.length;
	}

	/** Queues events as they are (tests of the receiver: bad shapes, load). */
	send(events: HookEventBody[]): void {
		this.sender.enqueue(events);
	}

	reset(): void {
		this.messages.length = 0;
		this.sender.reset();
	}

	close(): void {
		this.sender.close();
	}
}
