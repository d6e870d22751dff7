import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';
import { XML_ROOT } from './xmlRoot';
import { PROTOTYPE_KEYS, XML_NAME } from './names';

/** Keys whose value Altcraft reads as JSON text inside the element (seed: custom_request). */
const JSON_TEXT_KEYS = new Set(['custom_request']);

/**
 * Where the first character XML 1.0 cannot carry, even escaped, stands (-1: none): C0 controls but
 * tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. A loop over char codes rather than a regular expression,
 * because n8n's lint (no-control-regex) rejects control characters in one.
 */
function firstNonXmlChar(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20) {
			if (code !== 0x09 && code !== 0x0a && code !== 0x0d) return i;
		} else if (code === 0xfffe || code === 0xffff || (code >= 0xdc00 && code <= 0xdfff)) {
			return i;
		} else if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
			i++;
		}
	}
	return -1;
}

const NAME_FIX =
	'XML element names must start with a letter or underscore and contain only letters, digits, _ . -, and must not be __proto__, constructor or prototype. Rename the key.';

export class XmlShapeError extends Error {
	constructor(
		message: string,
		/** How to fix the input. */
		readonly fix: string = NAME_FIX,
	) {
		super(message);
	}
}

function checkText(text: string, path: string): string {
	const at = firstNonXmlChar(text);
	if (at !== -1) {
		const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
		throw new XmlShapeError(
			`"${path}" holds the character U+${code} at position ${at + 1}, which XML 1.0 cannot carry`,
			'Remove the character from the value (control characters usually come from copied text), or send the request as JSON.',
		);
	}
	return text;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true, processEntities: true });

function toXmlValue(key: string, value: unknown, path: string): unknown {
	if (!XML_NAME.test(key) || PROTOTYPE_KEYS.has(key)) {
		throw new XmlShapeError(`"${path}" cannot be an XML element name`);
	}
	if (JSON_TEXT_KEYS.has(key) && value !== null && typeof value === 'object') {
		return checkText(JSON.stringify(value), path);
	}
	if (Array.isArray(value)) {
		// Arrays are repeated elements; an array inside an array has no XML form in Altcraft's shape.
		return value.map((entry, index) => {
			if (Array.isArray(entry)) throw new XmlShapeError(`"${path}[${index}]" is a nested array`);
			return toXmlValue(key, entry, `${path}[${index}]`);
		});
	}
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [childKey, child] of Object.entries(value)) {
			if (child === undefined) continue;
			out[childKey] = toXmlValue(childKey, child, `${path}.${childKey}`);
		}
		return out;
	}
	if (value === null || value === undefined) return '';
	return checkText(String(value), path);
}

/** The body as Altcraft's XML: root <xml>, arrays as repeated elements, custom_request as JSON text. */
export function buildXml(body: IDataObject): string {
	const root: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined) continue;
		root[key] = toXmlValue(key, value, key);
	}
	return builder.build({ [XML_ROOT]: root }) as string;
}

/**
 * Answer keys that are lists in Altcraft's JSON ([DOC: Bulk trigger launch] `result`, the profile
 * IDs): in XML a list is repeated elements, so one element must still read as a list, and none as
 * an empty one. By path, so that a `result` deeper in an answer keeps its own shape.
 */
const LIST_PATHS = new Set([`${XML_ROOT}.result`]);

const parser = new XMLParser({
	ignoreAttributes: true,
	isArray: (_name, jpath) => LIST_PATHS.has(String(jpath)),
	// Values stay strings (a phone like +79000000000 must not become a number); `error` is
	// converted on its own below.
	parseTagValue: false,
	trimValues: true,
	processEntities: true,
	ignoreDeclaration: true,
});

function emptyToNull(value: unknown): unknown {
	if (value === '') return null;
	if (Array.isArray(value)) return value.map(emptyToNull);
	if (value !== null && typeof value === 'object') {
		const out: IDataObject = {};
		// A prototype key would turn into the copy's prototype downstream: dropped.
		for (const [key, child] of Object.entries(value))
			if (!PROTOTYPE_KEYS.has(key)) out[key] = emptyToNull(child) as IDataObject;
		return out;
	}
	return value;
}

/**
 * The v1.0 link placeholder as the docs' XML example of "Get trigger mailing information" shows it,
 * unescaped inside <call_url>. `|` cannot be in an element name, so this is never markup: it is
 * escaped before parsing, or it would swallow the rest of the answer as child elements.
 */
const RAW_LINK_PLACEHOLDER = /<email\|md5\|xxh>/g;

/**
 * Altcraft's XML answer as the same object its JSON answer would be. Only a whole, well-formed
 * document: the parser alone reads `<xml><error>0</error><error_text>unclosed` as a success, so
 * the text is validated first and a truncated answer is refused.
 */
export function parseXml(text: string): IDataObject {
	const escaped = text.replace(RAW_LINK_PLACEHOLDER, '&lt;email|md5|xxh&gt;');
	const valid = XMLValidator.validate(escaped);
	if (valid !== true) throw new XmlShapeError(`${valid.err.msg.replace(/\s+/g, ' ')} (line ${valid.err.line})`);
	const parsed = parser.parse(escaped) as IDataObject;
	const root = (parsed[XML_ROOT] ?? parsed) as unknown;
	const result = (emptyToNull(root) ?? {}) as IDataObject;
	if (typeof result !== 'object' || Array.isArray(result)) {
		throw new XmlShapeError('the XML has no root element named xml');
	}
	// An empty list is written as one empty element (`<result/>`).
	for (const path of LIST_PATHS) {
		const key = path.slice(XML_ROOT.length + 1);
		const list = result[key];
		if (Array.isArray(list) && list.length === 1 && list[0] === null) result[key] = [];
	}
	if (typeof result.error === 'string' && /^-?\d+$/.test(result.error)) {
		result.error = Number(result.error);
	}
	return result;
}
