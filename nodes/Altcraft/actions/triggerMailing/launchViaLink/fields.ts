import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { shorten } from '../../../helpers/text';

/** Altcraft's `option` of a field: 0 only if empty, 1 message only, 2 message and profile. */
const FIELD_OPTIONS = [0, 1, 2];

export interface FieldEntry {
	name?: unknown;
	value?: unknown;
	option?: unknown;
}

/** The `fields` of the POST body, in Altcraft's shape `{name, value, option}`. */
export function fieldsFor(ctx: IExecuteFunctions, itemIndex: number, entries: FieldEntry[]): IDataObject[] {
	return entries.map((entry, position) => {
		const name = entry.name === undefined || entry.name === null ? '' : String(entry.name).trim();
		if (name === '') {
			failItem(
				ctx,
				itemIndex,
				`Field ${position + 1} has no name (item ${itemIndex})`,
				'Give every field the name of a profile database field, e.g. FirstName, or remove the empty field.',
			);
		}
		const option = entry.option === undefined || entry.option === '' ? 1 : Number(entry.option);
		if (!FIELD_OPTIONS.includes(option)) {
			failItem(
				ctx,
				itemIndex,
				`Field "${name}" has option ${shorten(entry.option, 120)}, which is not 0, 1 or 2 (item ${itemIndex})`,
				'Pick the option from the list: 0 uses the value only if the profile field is empty, 1 uses it in the message only, 2 also saves it to the profile.',
			);
		}
		// The value keeps the type an expression gave it (a number field wants a number).
		const value = entry.value === undefined || entry.value === null ? '' : entry.value;
		return { name, value: value as IDataObject, option };
	});
}
