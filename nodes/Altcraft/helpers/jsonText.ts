import type { IDataObject } from 'n8n-workflow';

/**
 * A JSON body already serialised. A bulk request is thousands of elements, each serialised once
 * when its item is checked (to measure it against the 10 MB limit): the body joins those texts
 * instead of serialising every element a second time.
 */
export class JsonText {
	constructor(readonly text: string) {}
}

/**
 * `fields` with `key` holding the already serialised `elements`, then `after`: the same text as
 * JSON.stringify({ ...fields, [key]: elements.map(JSON.parse), ...after }) when `key` is in neither.
 */
export function jsonWithList(fields: IDataObject, key: string, elements: string[], after: IDataObject = {}): JsonText {
	const head = JSON.stringify(fields).slice(1, -1);
	const tail = JSON.stringify(after).slice(1, -1);
	const list = `${JSON.stringify(key)}:[${elements.join(',')}]`;
	return new JsonText(`{${head}${head ? ',' : ''}${list}${tail ? ',' : ''}${tail}}`);
}

/** Puts `"name": value` first into a serialised JSON object (the token, where the credential puts it). */
export function prependToJsonText(json: string, name: string, value: string): string {
	const open = json.indexOf('{');
	if (open === -1) return json;
	const rest = json.slice(open + 1).trimStart();
	const pair = `${JSON.stringify(name)}:${JSON.stringify(value)}`;
	return `${json.slice(0, open)}{${pair}${rest.startsWith('}') ? '' : ','}${rest}`;
}
