import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const SUBSCRIPTION_FILTER_FIELD: INodeProperties = {
	displayName: 'Subscription Filter',
	name: 'subscriptionFilter',
	type: 'collection',
	placeholder: 'Add Filter Field',
	// Not empty: n8n drops an empty collection, and the filter would vanish on the next change.
	default: { not_strict: false },
	description: "Which of the profile's subscriptions gets the message",
	displayOptions: { hide: { '/launchMode': ['audience', 'query'] } },
	options: [
		{
			displayName: 'Allow Other Subscription',
			name: 'not_strict',
			type: 'boolean',
			default: false,
			description: 'Whether another fitting subscription is used when the one described is not found',
		},
		{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. john@example.com' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +79000000000' },
		{ displayName: 'Provider', name: 'provider', type: 'string', default: '', placeholder: 'e.g. Chrome' },
		{
			displayName: 'Subscription ID',
			name: 'subscription_id',
			type: 'string',
			default: '',
			placeholder: 'e.g. CAREFULWITHTHATAXE',
		},
	],
};

export function readSubscriptionFilter(value: unknown): IDataObject | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const filter: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		filter[key] = typeof entry === 'string' ? entry.trim() : entry;
	}
	// Allow Other Subscription (not_strict) alone selects no subscription: sending it would only look like a filter.
	return Object.keys(filter).some((key) => key !== 'not_strict') ? filter : undefined;
}
