import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { isWholeNumber } from '../engine/validators';

/**
 * A resource picked from the account's list, or given by its ID. Kept under a `modes` key, as a
 * resource locator holds them: n8n's lint then reads them as modes, not as parameters.
 */
const RESOURCE_LOCATOR: Pick<INodeProperties, 'modes'> = {
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
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A resource ID is a whole number' } }],
		},
	],
};

export const RESOURCE_MODES: INodeProperties['modes'] = RESOURCE_LOCATOR.modes;

/** The value a resource picker holds, or the plain ID an expression or an older workflow gives. */
export function resourceValue(value: unknown): unknown {
	return value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
}

/** The subscription resource (`resource_id`) email and phone matching look in; a picker or an ID. */
export function resourceField(show: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Subscription Resource',
		name: 'resourceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			'The resource (site, app or channel setup in Altcraft) whose subscription gets the message when the profile has several',
		displayOptions: show,
		modes: RESOURCE_MODES,
	};
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
