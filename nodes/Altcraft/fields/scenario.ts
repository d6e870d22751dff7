import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../engine/parameters';
import { checkId } from '../engine/validators';

/** The automation scenario the Scenario operations start: a picker, or its ID. */
export const SCENARIO_FIELD: INodeProperties = {
	displayName: 'Scenario',
	name: 'scenario',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'An active automation scenario; profiles started through the API enter its default start node',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchScenarios', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A scenario ID is a whole number' } }],
		},
	],
};

export function scenarioIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'scenario', '', { extractValue: true });
	return (itemIndex) => checkId(ctx, itemIndex, 'Scenario', raw(itemIndex), '3');
}
