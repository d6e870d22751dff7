import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { parameterReader } from '../engine/parameters';
import { checkId, isWholeNumber } from '../engine/validators';

/** A static segment (`segment_id`): a picker over every segment, or its ID. */
export const SEGMENT_FIELD: INodeProperties = {
	displayName: 'Segment',
	name: 'segment',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"A static segment. Altcraft's list does not say which segments are static; a dynamic one is refused by Altcraft when used (segment_id).",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSegments', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A segment ID is a whole number' } }],
		},
	],
};

export function segmentIdReader(ctx: IExecuteFunctions): (itemIndex: number) => number {
	const raw = parameterReader(ctx, 'segment', '', { extractValue: true });
	return (itemIndex) => checkId(ctx, itemIndex, 'Segment', raw(itemIndex), '2');
}

/** Static segment IDs typed as "2, 5" or given by an expression as a list; undefined when none. */
export function readSegmentIds(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
): number[] | undefined {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids = entries.map((entry) => String(entry ?? '').trim()).filter((entry) => entry !== '');
	if (ids.length === 0) return undefined;
	for (const id of ids) {
		if (!isWholeNumber(id)) {
			failItem(
				ctx,
				itemIndex,
				`${label}: "${id}" is not a segment ID (item ${itemIndex})`,
				'Give static segment IDs as whole numbers separated by commas, e.g. 2, 5, or an expression that gives a list of IDs.',
			);
		}
	}
	return [...new Set(ids.map(Number))];
}
