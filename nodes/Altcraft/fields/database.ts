import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../engine/parameters';
import { checkId } from '../engine/validators';

/** The profile database (`db_id`) every profile and segment call names: a picker, or its ID. */
export const DATABASE_FIELD: INodeProperties = {
	displayName: 'Database',
	name: 'database',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The profile database the profile is in (db_id)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDatabases', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A database ID is a whole number' } }],
		},
	],
};

export function databaseIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'database', '', { extractValue: true });
	return (itemIndex) => checkId(ctx, itemIndex, 'Database', raw(itemIndex), '1');
}
