import type { IDataObject } from 'n8n-workflow';
import { JsonText } from './jsonText';
import { buildXml } from './xml';
import { XML_ROOT } from './xmlRoot';

export type RequestFormat = 'json' | 'xml';

/** Altcraft's default request body limit (10 MB); the rest of a larger body would be refused. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * What the measured parts of one request may take: the limit less 1 KB for what is added after
 * measuring (the token the credential puts in, an array's brackets and separators).
 */
export const BODY_BUDGET_BYTES = MAX_BODY_BYTES - 1024;

/** The root element around what is measured in XML, counted once per body, not per element. */
const ROOT_BYTES = `<${XML_ROOT}></${XML_ROOT}>`.length;

/** Bytes of a body in the format it is sent in. */
export function bodyBytes(body: IDataObject | JsonText, format: RequestFormat): number {
	if (body instanceof JsonText) return Buffer.byteLength(body.text);
	return Buffer.byteLength(format === 'xml' ? buildXml(body) : JSON.stringify(body));
}

/**
 * One more element of the list `key`: the bytes it adds to a body in the format sent and, in JSON,
 * its text (a bulk body joins these texts: helpers/jsonText.ts). `xml` builds a body's XML (the
 * client's builder also checks it): either way the element is serialised once.
 */
export function measureElement(
	key: string,
	element: IDataObject,
	format: RequestFormat,
	xml: (body: IDataObject) => string = buildXml,
): { bytes: number; text?: string } {
	// XML: a repeated `<key>…</key>` inside the root, which is counted once per body.
	if (format === 'xml') return { bytes: Buffer.byteLength(xml({ [key]: [element] })) - ROOT_BYTES };
	const text = JSON.stringify(element);
	return { bytes: Buffer.byteLength(text) + 1, text };
}

/** What the XML builder writes for each character it escapes in text, less the character itself. */
const XML_ESCAPE_EXTRA: Record<string, number> = { '&': 4, '<': 3, '>': 3, '"': 5, "'": 5 };
const XML_ESCAPED = /[&<>"']/g;

/**
 * Bytes one more value adds to a list inside JSON text that travels as an element's text (an
 * audience's `custom_request`): in XML its quotes and `&<>` are escaped and take more room.
 * Counted here rather than built: an audience measures every one of up to 200,000 values.
 */
export function jsonTextValueBytes(value: unknown, format: RequestFormat): number {
	const json = JSON.stringify(value);
	let bytes = Buffer.byteLength(json) + 1;
	if (format === 'xml') for (const [char] of json.matchAll(XML_ESCAPED)) bytes += XML_ESCAPE_EXTRA[char];
	return bytes;
}

/** Room left for the elements of a request once its other fields (and inline attachments) are counted. */
export function budgetBeside(fixed: IDataObject, inlineBytes: number, format: RequestFormat): number {
	return BODY_BUDGET_BYTES - bodyBytes(fixed, format) - inlineBytes;
}
