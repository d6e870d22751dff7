/**
 * Reading an action-hook request: the body as a list of events, or the reason it is refused.
 * n8n has read the body before the node runs (`rawBody`, a Buffer) and parsed it only for
 * `application/json`; Altcraft's Content-Type is not documented, so any other type is parsed here.
 */
import { eventTypeOf } from './events';

/** Bodies over this get 413. n8n's own limit (N8N_PAYLOAD_SIZE_MAX, 16 MB by default) is checked first. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type HookEvent = Record<string, unknown>;

type BodyResult = { events: HookEvent[] } | { status: 400 | 413; message: string };

interface RequestLike {
	body?: unknown;
	rawBody?: unknown;
	headers?: Record<string, string | string[] | undefined>;
}

function isPlainObject(value: unknown): value is HookEvent {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonContentType(headers: RequestLike['headers']): boolean {
	const value = headers?.['content-type'];
	const type = (Array.isArray(value) ? value[0] : value)?.split(';')[0].trim().toLowerCase();
	return type === 'application/json' || (type?.endsWith('+json') ?? false);
}

function parsedBody(req: RequestLike): { value: unknown } | { error: string } {
	const raw = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
	const already = req.body;
	if (Array.isArray(already) || (isPlainObject(already) && isJsonContentType(req.headers))) return { value: already };
	const text = raw ? raw.toString('utf8') : typeof already === 'string' ? already : undefined;
	if (text === undefined) return isPlainObject(already) ? { value: already } : { error: 'the body is empty' };
	if (text.trim() === '') return { error: 'the body is empty' };
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: `the body is not JSON (${(error as Error).message})` };
	}
}

/** The events of a request: an array of events, or one event object (a batch of one). */
export function readEvents(req: RequestLike): BodyResult {
	const size = Buffer.isBuffer(req.rawBody) ? req.rawBody.length : 0;
	if (size > MAX_BODY_BYTES)
		return { status: 413, message: `The body has ${size} bytes; the limit is ${MAX_BODY_BYTES} bytes` };
	const parsed = parsedBody(req);
	if ('error' in parsed) return { status: 400, message: `Expected a JSON array of Altcraft events: ${parsed.error}` };
	const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
	for (let index = 0; index < list.length; index++) {
		const event = list[index];
		if (!isPlainObject(event) || eventTypeOf(event) === undefined) {
			const where = Array.isArray(parsed.value) ? `element ${index}` : 'the body';
			return {
				status: 400,
				message: `Expected a JSON array of Altcraft events: ${where} is not an object with "event_type"`,
			};
		}
	}
	return { events: list as HookEvent[] };
}
