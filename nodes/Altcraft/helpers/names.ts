/**
 * Names that cannot travel as keys. Imports nothing: the transport (answers, XML) and the item
 * checks share these definitions.
 */

/** Keys JavaScript objects treat specially: `__proto__` replaces a prototype, the others vanish in copies. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** XML element names as Altcraft's XML carries keys: a letter or underscore, then letters, digits, _ . - */
export const XML_NAME = /^[A-Za-z_][\w.-]*$/;
