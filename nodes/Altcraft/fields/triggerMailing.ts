import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../engine/parameters';
import { checkId } from '../engine/validators';

/** The trigger mailing every launch operation starts: a picker, or its ID. */
export const TRIGGER_MAILING_FIELD: INodeProperties = {
	displayName: 'Trigger Mailing',
	name: 'triggerMailing',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'An active trigger mailing whose event is "when using a special API call"',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTriggerMailings', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 84',
			validation: [
				{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A trigger mailing ID is a whole number' } },
			],
		},
	],
};

export function triggerMailingIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'triggerMailing', '', { extractValue: true });
	return (itemIndex) => checkId(ctx, itemIndex, 'Trigger Mailing', raw(itemIndex), '84');
}
