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

/** Trigger mailings an API call can launch; inactive ones are listed last, marked. */
export async function searchTriggerMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const triggers = await fetchList(this, TRIGGER_LIST_PATH);
	const launchable = triggers.filter(
		(trigger) => trigger.trigger_type === undefined || trigger.trigger_type === 'api_call',
	);
	const results: INodeListSearchItems[] = launchable
		.filter((trigger) => matches(filter, trigger.name, trigger.id))
		.sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'))
		.map((trigger) => ({
			name: `${String(trigger.name ?? 'Trigger mailing')} (ID ${String(trigger.id)})${trigger.status && trigger.status !== 'active' ? ` — ${String(trigger.status)}` : ''}`,
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

/** The v1.0 links of the account's trigger mailings, for those that have one. */
export async function searchTriggerLinks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const triggers = await fetchList(this, TRIGGER_LIST_PATH);
	return {
		results: triggers
			.filter((trigger) => typeof trigger.call_url === 'string' && trigger.call_url !== '')
			.filter((trigger) => matches(filter, trigger.name, trigger.id))
			.map((trigger) => ({ name: `${String(trigger.name ?? 'Trigger mailing')} (ID ${String(trigger.id)})`, value: String(trigger.call_url) })),
	};
}
