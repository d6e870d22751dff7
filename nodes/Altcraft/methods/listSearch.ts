import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { altcraftRequest } from '../transport';

export const TRIGGER_LIST_PATH = '/api/v1.1/campaigns/triggers/list';
export const RESOURCE_LIST_PATH = '/api/v1.1/resources/list';

async function fetchList(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const response = await altcraftRequest(ctx, { method: 'POST', url: path, body: {} });
	const data = response.body.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => String(value ?? '').toLowerCase().includes(needle));
}

/**
 * Trigger mailings an API call can launch, searchable by name or ID; inactive ones last and
 * marked, since launching them fails until they are activated.
 */
async function launchableTriggers(ctx: ILoadOptionsFunctions, filter: string | undefined): Promise<IDataObject[]> {
	const triggers = await fetchList(ctx, TRIGGER_LIST_PATH);
	return triggers
		.filter((trigger) => trigger.trigger_type === undefined || trigger.trigger_type === 'api_call')
		.filter((trigger) => matches(filter, trigger.name, trigger.id))
		.sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'));
}

function triggerName(trigger: IDataObject): string {
	const inactive = trigger.status && trigger.status !== 'active' ? ` — ${String(trigger.status)}` : '';
	return `${String(trigger.name ?? 'Trigger mailing')} (ID ${String(trigger.id)})${inactive}`;
}

export async function searchTriggerMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = (await launchableTriggers(this, filter)).map((trigger) => ({
		name: triggerName(trigger),
		value: String(trigger.id),
	}));
	return { results };
}

export async function searchResources(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const resources = await fetchList(this, RESOURCE_LIST_PATH);
	return {
		results: resources
			.filter((resource) => matches(filter, resource.name, resource.id))
			.map((resource) => ({ name: `${String(resource.name ?? 'Resource')} (ID ${String(resource.id)})`, value: String(resource.id) })),
	};
}

/** The v1.0 links of the launchable trigger mailings that have one. */
export async function searchTriggerLinks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return {
		results: (await launchableTriggers(this, filter))
			.filter((trigger) => typeof trigger.call_url === 'string' && trigger.call_url !== '')
			.map((trigger) => ({ name: triggerName(trigger), value: String(trigger.call_url) })),
	};
}
