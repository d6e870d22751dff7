import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from './failures';
import { checkKey, checkKeys } from './keys';
import { readJsonObject } from './validators';

/**
 * An object field of the request (content, custom_data) as the UI offers it: name/value pairs
 * (values may be expressions giving lists or objects) plus the same as one JSON object.
 */
export function objectFields(field: {
	displayName: string;
	name: string;
	itemName: string;
	description: string;
	jsonDescription: string;
	example: [string, string];
}): INodeProperties[] {
	return [
		{
			displayName: field.displayName,
			name: field.name,
			type: 'fixedCollection',
			placeholder: `Add ${field.displayName}`,
			default: {},
			typeOptions: { multipleValues: true },
			description: field.description,
			options: [
				{
					displayName: field.itemName,
					name: 'values',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: `e.g. ${field.example[0]}` },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: `e.g. ${field.example[1]}` },
					],
				},
			],
		},
		{
			displayName: `${field.displayName} (JSON)`,
			name: `${field.name}Json`,
			type: 'json',
			default: '{}',
			description: field.jsonDescription,
		},
	];
}

export interface NameValues {
	values?: Array<{ name?: string; value?: unknown }>;
}

/** JSON object first, then the name/value pairs on top: the UI reads top to bottom, pairs win. */
export function readObject(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	pairs: NameValues | undefined,
	json: unknown,
): IDataObject | undefined {
	const parsed = json === undefined ? {} : readJsonObject(ctx, itemIndex, `${label} (JSON)`, json);
	const result: IDataObject = { ...parsed };
	for (const pair of pairs?.values ?? []) {
		const name = String(pair.name ?? '').trim();
		if (name === '') {
			failItem(ctx, itemIndex, `A ${label} entry has no name (item ${itemIndex})`, `Give every ${label} entry a name, or remove the empty entry.`);
		}
		result[checkKey(ctx, itemIndex, `${label} name`, name)] = checkKeys(ctx, itemIndex, `${label} "${name}"`, pair.value) as IDataObject;
	}
	return Object.keys(result).length > 0 ? result : undefined;
}

