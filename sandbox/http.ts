/**
 * One HTTP exchange of the sandbox: the request as recorded (body parsed once, up front, so that
 * even faulted requests are recorded with it) and the reply written back.
 */
import type * as http from 'node:http';
import { BodyError, parseBody, requestFormatOf, type Format, type ParsedBody } from './codec';
import type { RecordedRequest } from './types';

export interface Reply {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Stored in RecordedRequest.response.body: the payload object, or the raw text for canned faults. */
	body: unknown;
	duplicate: boolean;
}

export interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	record: RecordedRequest;
	/** The query string with its '?', '' when there is none. */
	search: string;
	parsed?: ParsedBody;
	parseError?: string;
	requestFormat: Format;
}

export function trimTrailingSlashes(path: string): string {
	let end = path.length;
	while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
	return end === path.length ? path : path.slice(0, end);
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function parseQuery(search: string): Record<string, string> {
	const query: Record<string, string> = {};
	if (search.length > 1) new URLSearchParams(search).forEach((value, key) => (query[key] = value));
	return query;
}

/** Builds the exchange for a request whose body has been read whole. */
export function openExchange(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Exchange {
	const url = req.url ?? '/';
	const queryAt = url.indexOf('?');
	const path = queryAt === -1 ? url : url.slice(0, queryAt);
	const search = queryAt === -1 ? '' : url.slice(queryAt);
	const contentType = req.headers['content-type'];
	const record: RecordedRequest = {
		method: req.method ?? 'GET',
		path,
		query: parseQuery(search),
		headers: req.headers,
		rawBody: raw,
		body: undefined,
		format: 'none',
		requestId: firstHeader(req.headers['request-id']) || firstHeader(req.headers['x-request-id']) || undefined,
		at: Date.now(),
	};
	const exchange: Exchange = { req, res, record, search, requestFormat: requestFormatOf(contentType) };
	try {
		exchange.parsed = parseBody(raw, contentType);
		record.body = exchange.parsed.body;
		record.format = exchange.parsed.format;
		exchange.requestFormat = exchange.parsed.requestFormat;
	} catch (error) {
		if (!(error instanceof BodyError)) throw error;
		exchange.parseError = error.message;
		record.format = raw === '' ? 'none' : exchange.requestFormat;
	}
	return exchange;
}

/** Records the answer and writes it, unless the connection is already gone. */
export function sendReply(exchange: Exchange, reply: Reply): void {
	const { res, record } = exchange;
	record.response = { status: reply.status, body: reply.body, duplicate: reply.duplicate };
	if (res.destroyed) return;
	reply.headers['Content-Length'] = String(Buffer.byteLength(reply.text));
	res.writeHead(reply.status, reply.headers);
	res.end(reply.text);
}
