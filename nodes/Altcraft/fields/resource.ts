import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { isWholeNumber } from '../engine/validators';

/**
 * A resource picked from the account's list, or given by its ID: the subscription resource of a
 * launch or an import, and the resource of a profile's subscription.
 */
export function resourceLocator(base: Omit<INodeProperties, 'type' | 'default' | 'modes'>): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchResources', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 24',
				validation: [
					{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A resource ID is a whole number' } },
				],
			},
		],
	};
}

/** The value a resource picker holds, or the plain ID an expression or an older workflow gives. */
export function resourceValue(value: unknown): unknown {
	return value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
}

/** The subscription resource (`resource_id`) email and phone matching look in; a picker or an ID. */
export function resourceField(show: INodeProperties['displayOptions']): INodeProperties {
	return resourceLocator({
		displayName: 'Subscription Resource',
		name: 'resourceId',
		description:
			'The resource (site, app or channel setup in Altcraft) whose subscription gets the message when the profile has several',
		displayOptions: show,
	});
}

/** Optional: empty means Altcraft's own choice of subscription. */
export function readResourceId(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	const text = String(resourceValue(value) ?? '').trim();
	if (text === '') return undefined;
	if (!isWholeNumber(text)) {
		failItem(
			ctx,
			itemIndex,
			`Resource "${text}" is not a resource ID (item ${itemIndex})`,
			'A resource ID is a whole number, e.g. 24. Pick the resource from the list to be sure.',
		);
	}
	return Number(text);
}

/** The picker's modes alone, for a resource field written out in a fixed collection. */
export const RESOURCE_MODES = resourceLocator({ displayName: 'Resource', name: 'resourceId' }).modes;
