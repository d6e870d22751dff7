import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../engine/parameters';
import { checkId } from '../engine/validators';

/** A profile database (`db_id`): a picker, or its ID. `required` where the call needs one. */
export function databaseField(required: boolean, description: string): INodeProperties {
	return {
		displayName: 'Database',
		name: 'database',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
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
				validation: [
					{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A database ID is a whole number' } },
				],
			},
		],
	};
}

/** The profile database every profile and segment call names. */
export const DATABASE_FIELD = databaseField(true, 'The profile database the profile is in');

/** The database of each item, checked as a whole number (read from the top-level `database` parameter). */
export function databaseIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'database', '', { extractValue: true });
	return (itemIndex) => checkId(ctx, itemIndex, 'Database', raw(itemIndex), '1');
}

/** An optional database from a collection's value (e.g. Additional Fields); undefined when not set. */
export function readOptionalDatabase(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number | undefined {
	const raw = value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return checkId(ctx, itemIndex, 'Database', raw, '1');
}
