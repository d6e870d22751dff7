import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { failItem } from './failures';
import { PROTOTYPE_KEYS, XML_NAME } from '../helpers/names';

/**
 * Names JavaScript objects treat specially. As a key of a request object, `__proto__` replaces
 * the object's prototype instead of adding a field, and `constructor`/`prototype` vanish in n8n's
 * copies: a custom query `{"constructor": …}` reached Altcraft as `{}`, which selects every
 * profile. Wherever the user names a key, these names are refused.
 */
const RESERVED_KEYS = PROTOTYPE_KEYS;

const FIX =
	'__proto__, constructor and prototype are names JavaScript objects reserve: a field with such a name would be dropped from the request. Rename the field in Altcraft, or leave it out.';

/** Whether `value` holds a reserved key at any depth: no paths built, as nearly every value holds none. */
function holdsReservedKey(value: unknown): boolean {
	if (value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) {
		for (const entry of value) if (holdsReservedKey(entry)) return true;
		return false;
	}
	for (const key in value) {
		if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
		if (RESERVED_KEYS.has(key) || holdsReservedKey((value as Record<string, unknown>)[key])) return true;
	}
	return false;
}

/** The first reserved key in `value` (deep), as a path such as `$or[0].constructor`. */
function findReservedKey(value: unknown): string | undefined {
	return holdsReservedKey(value) ? reservedKeyPath(value, '') : undefined;
}

function reservedKeyPath(value: unknown, path: string): string | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			const found = reservedKeyPath(value[index], `${path}[${index}]`);
			if (found) return found;
		}
		return undefined;
	}
	for (const key of Object.keys(value)) {
		const at = path === '' ? key : `${path}.${key}`;
		if (RESERVED_KEYS.has(key)) return at;
		const found = reservedKeyPath((value as Record<string, unknown>)[key], at);
		if (found) return found;
	}
	return undefined;
}

/** Refuses a key the user named (a field name, a Name of a name/value pair) if it is reserved. */
export function checkKey(ctx: IExecuteFunctions, itemIndex: number, label: string, key: string): string {
	if (RESERVED_KEYS.has(key)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} "${key}" cannot be used as a field name (item ${itemIndex})`,
			{
				itemIndex,
				description: FIX,
			},
		);
	}
	return key;
}

/** Refuses an object the user gave (a custom query, content, custom data) that holds a reserved key at any depth. */
export function checkKeys<T>(ctx: IExecuteFunctions, itemIndex: number, label: string, value: T): T {
	const found = findReservedKey(value);
	if (found !== undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} holds the key "${found}", which cannot be sent (item ${itemIndex})`,
			{
				itemIndex,
				description: FIX,
			},
		);
	}
	return value;
}

/**
 * The last check before sending: the query in the built body still has what the user gave. A
 * query that became empty on the way would select every profile of the database.
 */
export function checkQueryCarried(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): IDataObject {
	const query = body.custom_request;
	if (query !== undefined && (query === null || typeof query !== 'object' || Object.keys(query).length === 0)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The custom query of item ${itemIndex} would reach Altcraft empty, so nothing was sent`,
			{
				itemIndex,
				description:
					'An empty query selects every profile of the database. Check the Custom Query (or Look Up Recipients in Field) for keys that cannot be sent.',
			},
		);
	}
	return body;
}

/** A field name the user gives that travels as a key (an element in XML): refused when it cannot be sent. */
export function checkKeyName(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	name: string,
	xml: boolean,
): string {
	checkKey(ctx, itemIndex, label, name);
	if (xml && !XML_NAME.test(name)) {
		failItem(
			ctx,
			itemIndex,
			`${label} "${name}" cannot be sent as XML (item ${itemIndex})`,
			'XML names start with a letter or underscore and contain only letters, digits, _ . -. Rename it, or set Options → Request Format to JSON.',
		);
	}
	return name;
}

/** Every field name of an object the user gave (e.g. a profile's custom fields), as checkKeyName does. */
export function checkFieldNames(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	object: IDataObject,
	xml: boolean,
): void {
	for (const name of Object.keys(object)) checkKeyName(ctx, itemIndex, label, name, xml);
}
