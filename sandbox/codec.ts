/**
 * Request body parsing (JSON or Altcraft-style XML with root <xml>) and response serialisation.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type BodyFormat = 'json' | 'xml' | 'none';
export type Format = 'json' | 'xml';

/** A body that cannot be read: reported to the client as error 400. */
export class BodyError extends Error {}

export interface ParsedBody {
	format: BodyFormat;
	/** The format the request asked for by Content-Type (used for the response). */
	requestFormat: Format;
	body: Record<string, unknown> | undefined;
}

/** Elements that are arrays even when they occur once (Altcraft repeats them for arrays). */
const ALWAYS_ARRAY_PATHS = new Set(['xml.attach', 'xml.fields']);

// One parser for all requests: values stay text (parseTagValue false) so that phones like
// +79000000000 or ids with leading zeros are not turned into numbers; known numeric
// parameters are converted afterwards.
const xmlParser = new XMLParser({
	ignoreAttributes: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
	parseTagValue: false,
	trimValues: true,
	jPath: true,
	isArray: (_tagName, jPath) => typeof jPath === 'string' && ALWAYS_ARRAY_PATHS.has(jPath),
});

function formatFromContentType(contentType: string): BodyFormat | undefined {
	const type = contentType.toLowerCase();
	if (type.includes('json')) return 'json';
	if (type.includes('xml')) return 'xml';
	return undefined;
}

/** The response format a Content-Type asks for (JSON unless it names XML). */
export function requestFormatOf(contentType: string | undefined): Format {
	return contentType !== undefined && formatFromContentType(contentType) === 'xml' ? 'xml' : 'json';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a body. Content-Type decides; without one the first character does. */
export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	const declared = contentType ? formatFromContentType(contentType) : undefined;
	const requestFormat: Format = declared === 'xml' ? 'xml' : 'json';
	if (raw.trim() === '') return { format: 'none', requestFormat, body: undefined };
	if (contentType && declared === undefined && !contentType.toLowerCase().startsWith('text/plain')) {
		throw new BodyError(`Unsupported Content-Type "${contentType}": send application/json or application/xml`);
	}
	const format = declared ?? (raw.trimStart().startsWith('<') ? 'xml' : 'json');
	const body = format === 'xml' ? parseXml(raw) : parseJson(raw);
	return { format, requestFormat: format === 'xml' ? 'xml' : 'json', body };
}

function parseJson(raw: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch (error) {
		throw new BodyError(`Request body is not valid JSON: ${(error as Error).message}`);
	}
	if (!isPlainObject(value)) throw new BodyError('Request body must be a JSON object');
	return value;
}

function parseXml(raw: string): Record<string, unknown> {
	const valid = XMLValidator.validate(raw);
	if (valid !== true) {
		throw new BodyError(`Request body is not valid XML: ${valid.err.msg} (line ${valid.err.line})`);
	}
	const doc: unknown = xmlParser.parse(raw);
	if (!isPlainObject(doc) || !('xml' in doc)) throw new BodyError('XML request body must have the root element <xml>');
	const root = doc.xml;
	if (root === '') return {};
	if (!isPlainObject(root)) throw new BodyError('XML root element <xml> must contain parameter elements');
	return normaliseXml(root);
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMERIC_PARAMS = [
	'id',
	'resource_id',
	'trigger_id',
	'limit',
	'skip',
	'from_id',
	'db_id',
	'segment_id',
	'pixel_id',
	'workflow_id',
];
const OBJECT_PARAMS = ['content', 'custom_data', 'subscription_filter'];

/**
 * XML carries only text: turn the parameters that JSON would send as numbers, booleans or
 * objects into those types, so that validation treats both formats alike.
 */
function normaliseXml(root: Record<string, unknown>): Record<string, unknown> {
	const body: Record<string, unknown> = { ...root };
	for (const name of NUMERIC_PARAMS) {
		const value = body[name];
		if (typeof value === 'string' && INTEGER_TEXT.test(value)) body[name] = Number(value);
	}
	for (const name of OBJECT_PARAMS) {
		if (body[name] === '') body[name] = {};
	}
	if (typeof body.custom_request === 'string') body.custom_request = parseEmbeddedJson(body.custom_request);
	const filter = body.subscription_filter;
	if (isPlainObject(filter) && typeof filter.not_strict === 'string') {
		body.subscription_filter = { ...filter, not_strict: textToBoolean(filter.not_strict) };
	}
	if (Array.isArray(body.fields)) body.fields = body.fields.map(normaliseXmlField);
	if (Array.isArray(body.attach)) body.attach = body.attach.map((item) => (item === '' ? {} : item));
	return body;
}

function textToBoolean(text: string): boolean | string {
	if (text === 'true') return true;
	if (text === 'false') return false;
	return text;
}

/** custom_request travels in XML as JSON text inside the element, as in the Altcraft docs. */
function parseEmbeddedJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new BodyError('custom_request in XML must be a JSON object written as the element text');
	}
}

function normaliseXmlField(field: unknown): unknown {
	if (!isPlainObject(field)) return field;
	const option = field.option;
	return typeof option === 'string' && INTEGER_TEXT.test(option) ? { ...field, option: Number(option) } : field;
}

const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

function xmlElement(name: string, value: unknown): string {
	if (Array.isArray(value))
		return value.length === 0 ? `<${name}/>` : value.map((item) => xmlElement(name, item)).join('');
	if (value === null || value === undefined || value === '') return `<${name}/>`;
	if (isPlainObject(value)) {
		return `<${name}>${Object.entries(value)
			.map(([key, child]) => xmlElement(key, child))
			.join('')}</${name}>`;
	}
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Serialises a response object; XML as Altcraft writes it: <xml><data/><error>0</error>…</xml>. */
export function serialise(payload: Record<string, unknown>, format: Format): string {
	return format === 'xml' ? xmlElement('xml', payload) : JSON.stringify(payload);
}

export function contentTypeOf(format: Format): string {
	return format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
}
