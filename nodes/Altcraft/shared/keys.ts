import type { IExecuteFunctions } from 'n8n-workflow';
import { failItem } from './failures';

/**
 * Names that would change an object's prototype instead of becoming a key (JSON.parse keeps
 * them, plain assignment does not), so a request would silently lose or corrupt data.
 * (Minimal check; the shared key check of branch `safety` supersedes it once merged.)
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** XML element names: Altcraft's XML carries a key as an element, so other names cannot travel. */
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** A key the user names (custom field, custom data entry): one that can be sent, else refused. */
export function checkKeyName(ctx: IExecuteFunctions, itemIndex: number, label: string, name: string, xml = false): string {
	if (FORBIDDEN_KEYS.has(name)) {
		failItem(ctx, itemIndex, `${label} "${name}" cannot be sent (item ${itemIndex})`, `"${name}" is a reserved name that cannot be a field of the request. Rename it in ${label}.`);
	}
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

/** Checks every key of an object given as JSON (the names a user typed into a JSON field). */
export function checkKeys(ctx: IExecuteFunctions, itemIndex: number, label: string, object: object, xml = false): void {
	for (const key of Object.getOwnPropertyNames(object)) checkKeyName(ctx, itemIndex, label, key, xml);
}
