import type { IDataObject } from 'n8n-workflow';

/** A shallow copy without the named keys, e.g. an answer an item repeats without what belongs to its whole request. */
export function omit(object: IDataObject, ...keys: string[]): IDataObject {
	// Built rather than copied and deleted from: an object that lost a key is slow to copy again,
	// and a bulk request's answer is copied into each of its up to 10,000 items.
	const copy: IDataObject = {};
	for (const key of Object.keys(object)) if (!keys.includes(key)) copy[key] = object[key];
	return copy;
}
