import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { checkAccount, checkSecret, idList } from './access';
import { readEvents } from './body';
import { DEFAULT_MAX_ENTRIES, DEFAULT_WINDOW_MINUTES, MAX_ENTRIES_LIMIT, properties } from './description';
import { selectEvents, toItems } from './output';
import { dropRepeats } from './repeats';
import { answer } from './respond';

interface Options {
	accountId?: string;
	databaseIds?: string;
	dropRepeats?: boolean;
	includeTestEvents?: boolean;
	maxEntries?: number;
	output?: 'event' | 'batch';
	responseText?: string;
	secret?: string;
	windowMinutes?: number;
}

export class AltcraftTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altcraft Trigger',
		name: 'altcraftTrigger',
		icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].includes("*") ? "All events" : $parameter["events"].join(", ") }}',
		description: "Starts the workflow when Altcraft's action hooks report events (sent, delivered, opened, clicked…)",
		defaults: { name: 'Altcraft Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'altcraft' }],
		properties,
	};

	// Altcraft has no API to register action hooks: the user pastes the URL into Altcraft's UI, so
	// there is nothing to create on activation or delete on deactivation.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const options = this.getNodeParameter('options', {}) as Options;
		const done = (status: number, text: string): IWebhookResponseData => {
			answer(res, status, text);
			return { noWebhookResponse: true };
		};
		try {
			const refused = checkSecret(this.getQueryData() as IDataObject, options.secret ?? '');
			if (refused) return done(refused.status, refused.message);
			const body = readEvents(this.getRequestObject());
			if ('status' in body) return done(body.status, body.message);
			const stranger = checkAccount(body.events, String(options.accountId ?? '').trim());
			if (stranger) return done(stranger.status, stranger.message);

			let events = selectEvents(body.events, {
				eventTypes: this.getNodeParameter('events', []) as string[],
				includeTestEvents: options.includeTestEvents === true,
				databaseIds: idList(options.databaseIds ?? ''),
			});
			if (options.dropRepeats === true && events.length > 0) {
				events = dropRepeats(events, this.getWorkflowStaticData('node'), {
					windowMinutes: Math.max(1, options.windowMinutes ?? DEFAULT_WINDOW_MINUTES),
					maxEntries: Math.min(MAX_ENTRIES_LIMIT, Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES)),
					now: Date.now(),
				});
			}
			// Answered before the workflow runs: Altcraft waits only for this, and its success check
			// (status 200, optionally a pattern such as .*OK.*) must not depend on the workflow.
			const result = done(200, options.responseText ?? 'OK');
			if (events.length === 0) return result;
			return { ...result, workflowData: [toItems(events, options.output === 'batch')] };
		} catch (error) {
			// Nothing the request holds may crash n8n or start a run: a 500 makes Altcraft send again.
			return done(500, `The Altcraft Trigger could not read the request: ${(error as Error).message}`);
		}
	}
}
