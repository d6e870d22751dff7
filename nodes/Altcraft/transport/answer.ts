import type { IDataObject } from 'n8n-workflow';
import { shorten } from '../helpers/text';
import { parseXml } from '../helpers/xml';
import { PROTOTYPE_KEYS } from '../helpers/names';

/**
 * Reading what a server sent back, on the assumption that the server may be hostile or broken:
 * answers are read to a size cap (counted after decompression, so a gzip bomb stops at the cap)
 * and before a deadline that covers the body too, keys JavaScript treats specially are dropped,
 * and every text that reaches a message is cut short and has the API token taken out.
 */

/** Altcraft's answers are a few KB; a launch answer over this is not Altcraft's. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** Lists (trigger mailings, resources) for the pickers may be longer. */
export const MAX_LIST_ANSWER_BYTES = 8 * 1024 * 1024;

/** How reading an answer ended: its text, or why not. */
type ReadOutcome =
	| { text: string }
	/** The answer passed the cap (bytes). */
	| { tooLarge: number }
	/** The deadline passed while the answer was still coming in. */
	| { late: true }
	/** The connection broke while the answer came in. */
	| { broken: unknown };

/** Marks a stream stopped at the deadline. */
class DeadlineReached extends Error {}

interface ByteStream extends AsyncIterable<Uint8Array | string> {
	destroy?: (error?: Error) => void;
}

function isStream(body: unknown): body is ByteStream {
	return body !== null && typeof body === 'object' && Symbol.asyncIterator in body;
}

function bytesOf(chunk: Uint8Array | string): Uint8Array {
	return typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
}

function join(chunks: Uint8Array[], size: number): Uint8Array {
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

/**
 * The answer's text, read to at most `limit` bytes and before `deadline`. A stream is stopped
 * (and its connection closed) as soon as either is passed; an already buffered body (n8n versions
 * that ignore the stream encoding) is checked against the cap the same way.
 */
export async function readAnswer(body: unknown, limit: number, deadline: AbortSignal): Promise<ReadOutcome> {
	if (body === undefined || body === null) return { text: '' };
	if (!isStream(body)) {
		const bytes =
			typeof body === 'string'
				? bytesOf(body)
				: body instanceof ArrayBuffer
					? new Uint8Array(body)
					: body instanceof Uint8Array
						? body
						: bytesOf(JSON.stringify(body) ?? '');
		return bytes.byteLength > limit ? { tooLarge: limit } : { text: new TextDecoder().decode(bytes) };
	}
	const stop = () => body.destroy?.(new DeadlineReached());
	if (deadline.aborted) stop();
	else deadline.addEventListener('abort', stop, { once: true });
	const chunks: Uint8Array[] = [];
	let size = 0;
	let outcome: ReadOutcome | undefined;
	try {
		for await (const chunk of body) {
			const bytes = bytesOf(chunk);
			size += bytes.byteLength;
			if (size > limit) {
				outcome = { tooLarge: limit };
				break;
			}
			chunks.push(bytes);
			// A server that sends one byte per second never lets the socket go idle.
			if (deadline.aborted) {
				outcome = { late: true };
				break;
			}
		}
	} catch (error) {
		outcome = deadline.aborted ? { late: true } : { broken: error };
	} finally {
		deadline.removeEventListener('abort', stop);
	}
	if (outcome) {
		body.destroy?.();
		return outcome;
	}
	return { text: new TextDecoder().decode(join(chunks, size)) };
}

/** Closes a stream nobody will read (an answer that came after its deadline). */
export function discardAnswer(body: unknown): void {
	if (isStream(body)) body.destroy?.();
}

/** JSON.parse without prototype keys: `{"__proto__": {...}}` would become inherited after n8n's deepCopy. */
function parseJsonAnswer(text: string): unknown {
	return JSON.parse(text, (key, value: unknown) => (PROTOTYPE_KEYS.has(key) ? undefined : value));
}

type ParsedAnswer =
	| { kind: 'altcraft'; body: IDataObject }
	| { kind: 'empty' }
	/** Markup that is not Altcraft's XML: an HTML page, or XML the parser refused (reason given). */
	| { kind: 'html' }
	| { kind: 'badXml'; reason: string }
	| { kind: 'other' };

/** Altcraft's answer as an object, whichever format it came in, or what else it was. */
export function parseAnswer(text: string, contentType: string): ParsedAnswer {
	const trimmed = text.trim();
	if (trimmed === '') return { kind: 'empty' };
	const html = /html/i.test(contentType) || /^<(!doctype|html|head|body|!--)/i.test(trimmed);
	if (html) return { kind: 'html' };
	if (/json/i.test(contentType) || trimmed.startsWith('{')) {
		try {
			const parsed = parseJsonAnswer(trimmed);
			return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
				? { kind: 'altcraft', body: parsed as IDataObject }
				: { kind: 'other' };
		} catch {
			return { kind: 'other' };
		}
	}
	if (/xml/i.test(contentType) || trimmed.startsWith('<')) {
		try {
			return { kind: 'altcraft', body: parseXml(trimmed) };
		} catch (error) {
			return { kind: 'badXml', reason: shorten(error instanceof Error ? error.message : String(error)) };
		}
	}
	return { kind: 'other' };
}

/** Altcraft's success: `error` is 0, as a number or as the text "0"; nothing else counts. */
export function isSuccessCode(value: unknown): boolean {
	return value === 0 || value === '0';
}

/** A copy of an answer fit to attach to an error: long texts cut, long lists shortened, depth bounded. */
export function boundedCopy(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return shorten(value, 500);
	if (value === null || typeof value !== 'object') return value;
	if (depth >= 5) return '…';
	if (Array.isArray(value)) {
		const head = value.slice(0, 20).map((entry) => boundedCopy(entry, depth + 1));
		return value.length > 20 ? [...head, `… ${value.length - 20} more`] : head;
	}
	const out: IDataObject = {};
	const entries = Object.entries(value);
	for (const [key, child] of entries.slice(0, 50)) {
		if (!PROTOTYPE_KEYS.has(key)) out[key] = boundedCopy(child, depth + 1) as IDataObject;
	}
	return out;
}

/**
 * Takes the API token out of a text a server sent back (a server that echoes the request would
 * otherwise put it into an error message or an output item), in the forms it may be echoed in.
 */
export function redactor(token: string): (text: string) => string {
	if (token.length < 4) return (text) => text;
	const forms = new Set([
		token,
		JSON.stringify(token).slice(1, -1),
		token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
		encodeURIComponent(token),
	]);
	return (text) => {
		let out = text;
		for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted]');
		return out;
	};
}
