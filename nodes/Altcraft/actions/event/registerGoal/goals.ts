import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { parameterReader } from '../../../engine/parameters';
import { checkPresent, scalar } from '../../../engine/validators';

/** [DOC: Goal customer actions and scoring] A goal name is at most 128 characters. */
const GOAL_NAME_MAX = 128;

export const GOAL_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Goal Name',
		name: 'goal',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. purchase',
		description: 'The goal the profile reached, by its name in Altcraft',
	},
	{
		displayName: 'Goal Value',
		name: 'goalValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.amount }}',
		description: 'A number for the goal, e.g. the amount of an order; empty: no value',
	},
];

/** Several goals reached at once [DOC: goals]: under Additional Fields, sent with the first in one request. */
export const MORE_GOALS_FIELD: INodeProperties = {
	displayName: 'More Goals',
	name: 'moreGoals',
	type: 'fixedCollection',
	placeholder: 'Add Goal',
	// Not empty: n8n drops an empty collection, and More Goals would vanish on the next change.
	default: { goal: [{ name: '', value: '' }] },
	typeOptions: { multipleValues: true },
	description: 'Further goals the same profile reached with this event; all are sent in one request',
	options: [
		{
			displayName: 'Goal',
			name: 'goal',
			values: [
				{ displayName: 'Goal Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. first_order' },
				{ displayName: 'Goal Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 1' },
			],
		},
	],
};

function goalName(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	const name = checkPresent(ctx, itemIndex, label, value);
	if (name.length > GOAL_NAME_MAX) {
		failItem(
			ctx,
			itemIndex,
			`${label} is ${name.length} characters long, over Altcraft's ${GOAL_NAME_MAX} (item ${itemIndex})`,
			`Use the goal's name as Altcraft knows it, at most ${GOAL_NAME_MAX} characters.`,
		);
	}
	return name;
}

/** A goal value: a number, or text that is one ("49.90"); empty means none. */
function goalValue(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	const text = scalar(ctx, itemIndex, label, value);
	if (text === '') return undefined;
	const number = Number(text);
	if (!Number.isFinite(number)) {
		failItem(
			ctx,
			itemIndex,
			`${label} "${text}" is not a number (item ${itemIndex})`,
			'Give the value as a number with a dot for decimals, e.g. 49.90 or -25.5.',
		);
	}
	return number;
}

function goalOf(name: string, value: number | undefined): IDataObject {
	return value === undefined ? { goal: name } : { goal: name, value };
}

/**
 * The goals of one item as request fields: one goal as `goal` (+ `value`), several as `goals`
 * ([DOC] the two are alternatives; [INF] sending one of them, never both).
 */
export function goalsReader(ctx: IExecuteFunctions): (itemIndex: number, additionalFields: IDataObject) => IDataObject {
	const name = parameterReader(ctx, 'goal');
	const value = parameterReader(ctx, 'goalValue', '');
	return (itemIndex, fields) => {
		const first = goalOf(
			goalName(ctx, itemIndex, 'Goal Name', name(itemIndex)),
			goalValue(ctx, itemIndex, 'Goal Value', value(itemIndex)),
		);
		const more = ((fields.moreGoals as { goal?: IDataObject[] } | undefined)?.goal ?? []).map((entry, position) => {
			const label = `More Goals → Goal ${position + 1}`;
			return goalOf(
				goalName(ctx, itemIndex, `${label} → Goal Name`, entry.name),
				goalValue(ctx, itemIndex, `${label} → Goal Value`, entry.value),
			);
		});
		return more.length === 0 ? first : { goals: [first, ...more] };
	};
}
