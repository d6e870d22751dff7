import type { IDataObject } from 'n8n-workflow';

/** A shallow copy without the named keys, e.g. an answer an item repeats without what belongs to its whole request. */
export function omit(object: IDataObject, ...keys: string[]): IDataObject {
	const copy: IDataObject = { ...object };
	for (const key of keys) delete copy[key];
	return copy;
}
