/**
 * Altcraft-shaped answers: `{ data, error, error_text }` in JSON or XML, in the format the
 * request asked for (`format` in the query or body, else its Content-Type).
 */
import { contentTypeOf, isPlainObject, serialise, type Format } from './codec';
import type { Exchange, Reply } from './http';

const SUCCESS_TEXT = 'Successful operation';

export class Answers {
	/** Default false: application errors use a matching HTTP status; true: HTTP 200 with error != 0. */
	errorsWithHttp200 = false;
	/** The launch answer is the same every time: serialised once, not per request. */
	private readonly successText: Record<Format, string>;

	constructor() {
		const success = { data: null, error: 0, error_text: SUCCESS_TEXT };
		this.successText = { json: serialise(success, 'json'), xml: serialise(success, 'xml') };
	}

	payload(status: number, payload: Record<string, unknown>, format: Format): Reply {
		return {
			status,
			headers: { 'Content-Type': contentTypeOf(format) },
			text: serialise(payload, format),
			body: payload,
			duplicate: false,
		};
	}

	format(exchange: Exchange): Format {
		const body = exchange.parsed?.body;
		const asked = exchange.record.query.format ?? (isPlainObject(body) ? body.format : undefined);
		return asked === 'xml' || asked === 'json' ? asked : exchange.requestFormat;
	}

	/** An Altcraft error; `forceStatus` for transport-level answers (404) that keep their status. */
	error(exchange: Exchange, code: number, text: string, forceStatus?: number): Reply {
		const status = forceStatus ?? (this.errorsWithHttp200 ? 200 : code);
		return this.payload(status, { data: null, error: code, error_text: text }, this.format(exchange));
	}

	/** Success with fields of its own beside error and error_text (e.g. `result`, `profile_id`). */
	successWith(exchange: Exchange, fields: Record<string, unknown>): Reply {
		return this.payload(200, { error: 0, error_text: SUCCESS_TEXT, ...fields }, this.format(exchange));
	}

	/** Success with `data` (a list, an object), or the launch answer `data: null`. */
	success(exchange: Exchange, data?: unknown, extra?: Record<string, unknown>): Reply {
		const format = this.format(exchange);
		if (data !== undefined) return this.payload(200, { error: 0, error_text: SUCCESS_TEXT, data, ...extra }, format);
		const body = { data: null, error: 0, error_text: SUCCESS_TEXT };
		return {
			status: 200,
			headers: { 'Content-Type': contentTypeOf(format) },
			text: this.successText[format],
			body,
			duplicate: false,
		};
	}
}
