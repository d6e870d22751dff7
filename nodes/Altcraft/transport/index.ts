import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { normalizeApiUrl } from './apiUrl';
import { altcraftApiError } from './errors';
import { hostOf, shorten } from './text';
import { buildXml, parseXml, XmlShapeError } from './xml';

export const CREDENTIAL_TYPE = 'altcraftApi';

export type RequestFormat = 'json' | 'xml';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface AltcraftRequest {
	method: IHttpRequestMethods;
	/** A path on the account's API host (`/api/v1.1/...`), or an absolute URL (the v1.0 link). */
	url: string;
	body?: IDataObject;
	format?: RequestFormat;
	/** Sent as `Request-ID`, Altcraft's deduplication key. */
	requestId?: string;
	timeoutMs?: number;
	itemIndex?: number;
	retry?: RetryPolicy;
	/** Waits for the request's turn under a rate limit; called before every attempt. */
	pace?: () => Promise<void>;
	/**
	 * The v1.0 link's answer is not documented: a 2xx that is not Altcraft JSON/XML counts as
	 * success (its text is returned) instead of failing a launch that went out.
	 */
	acceptPlainSuccess?: boolean;
	/**
	 * Retry only what Altcraft cannot have processed (refused connections, 429, 503): for
	 * endpoints where deduplication by Request-ID is not documented (the v1.0 link).
	 */
	retrySafeOnly?: boolean;
}

export interface RetryPolicy {
	/** 1 = no retry. */
	maxAttempts: number;
	initialWaitMs: number;
	/** Cap for backoff waits and for Retry-After. */
	maxWaitMs: number;
}

export interface AltcraftResponse {
	status: number;
	body: IDataObject;
	/** Altcraft answered from its deduplication store: nothing new was sent. */
	duplicate: boolean;
	attempts: number;
}

type Failure = NodeApiError | NodeOperationError;

/** One try: Altcraft's answer, or a failure and whether trying again is safe and useful. */
type Attempt =
	| { response: Omit<AltcraftResponse, 'attempts'> }
	| { failure: Failure; retryable: boolean; retryAfterMs?: number };

/** Statuses that say "not now" rather than "no": proxies and overload, never Altcraft's verdicts. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT']);
/** Failures that prove the request was not processed: safe to retry without deduplication. */
const UNPROCESSED_STATUS = new Set([429, 503]);
const UNPROCESSED_NETWORK = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

const MIME: Record<RequestFormat, string> = {
	json: 'application/json',
	xml: 'application/xml',
};

/** The account's API host, from the credential; read once per execution. */
export async function apiBaseUrl(ctx: Context): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const url = normalizeApiUrl(String(credentials.apiUrl ?? ''));
	if (url === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Altcraft credential has no API URL', {
			description: 'Open the Altcraft credential and enter the API host of your account, e.g. https://example.altcraft.com.',
		});
	}
	return url;
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/** Altcraft's answer from its deduplication store (older versions use the X- names). */
function isDuplicate(headers: IDataObject): boolean {
	return header(headers, 'duplicate-request') === 'true' || header(headers, 'x-duplicate-request') === 'true';
}

function decode(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer || body instanceof Uint8Array) return new TextDecoder().decode(body);
	return JSON.stringify(body);
}

/** Altcraft's answer as an object, whichever format it came in; undefined when it is neither. */
function parseBody(text: string, contentType: string): IDataObject | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const looksJson = /json/i.test(contentType) || trimmed.startsWith('{');
	const looksXml = /xml/i.test(contentType) || /^<(\?xml|xml[\s>/])/.test(trimmed);
	try {
		if (looksJson) {
			const parsed = JSON.parse(trimmed) as unknown;
			return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
				? (parsed as IDataObject)
				: undefined;
		}
		if (looksXml) return parseXml(trimmed);
	} catch {
		return undefined;
	}
	return undefined;
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

interface NetworkErrorLike {
	code?: string;
	message?: string;
	httpCode?: string | null;
	messages?: string[];
	cause?: { code?: string; message?: string };
}

function networkFailure(ctx: Context, error: NetworkErrorLike, url: string, request: AltcraftRequest): Attempt {
	if (error instanceof NodeOperationError) return { failure: error, retryable: false };
	// n8n-core may already have wrapped the socket error in a NodeApiError; its code is in httpCode.
	const wrappedCode = error instanceof NodeApiError && error.httpCode && !/^\d+$/.test(error.httpCode) ? error.httpCode : '';
	const code = error.code ?? error.cause?.code ?? wrappedCode;
	const detail = error.cause?.message ?? error.messages?.[0] ?? error.message ?? code;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(detail);
	const host = hostOf(url);
	// Plain words, no raw code: n8n swaps a message holding e.g. ECONNREFUSED for a generic one.
	const message = timedOut
		? `Altcraft at ${host} did not answer within ${Math.round((request.timeoutMs ?? 0) / 1000)} s`
		: `Could not reach Altcraft at ${host}${NETWORK_WORDS[code] ? `: ${NETWORK_WORDS[code]}` : ''}`;
	const description = timedOut
		? 'Altcraft may still have processed the request. Check in Altcraft before running again: a new run sends the launch again unless Options → Idempotency Key is set. Raise Options → Timeout if Altcraft is just slow.'
		: `Check the API URL in the Altcraft credential (host and port) and that n8n can reach it.${code ? ` Network error code: ${code}.` : ''}`;
	const failure = new NodeApiError(
		ctx.getNode(),
		// Not `code`: NodeApiError would replace our message with its generic text for that code.
		{ networkError: code, detail } as JsonObject,
		{ message, description, itemIndex: request.itemIndex },
	);
	const retryable = request.retrySafeOnly
		? UNPROCESSED_NETWORK.has(code)
		: timedOut || RETRYABLE_NETWORK.has(code) || /socket hang up/i.test(detail);
	return { failure, retryable };
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Exponential backoff with jitter, or the server's Retry-After; both capped. */
export function retryWaitMs(attempt: number, policy: RetryPolicy, serverWaitMs?: number): number {
	if (serverWaitMs !== undefined) return Math.min(serverWaitMs, policy.maxWaitMs);
	const exponential = Math.min(policy.initialWaitMs * 2 ** (attempt - 1), policy.maxWaitMs);
	return Math.round(exponential * (0.5 + Math.random() * 0.5));
}

function toXmlBody(ctx: Context, body: IDataObject, itemIndex: number | undefined): string {
	try {
		return buildXml(body);
	} catch (error) {
		const reason = error instanceof XmlShapeError ? error.message : String(error);
		throw new NodeOperationError(ctx.getNode(), `The request cannot be sent as XML: ${reason}`, {
			description: 'XML element names must start with a letter or underscore and contain only letters, digits, _ . -. Rename the key, or set Options → Request Format to JSON.',
			itemIndex,
		});
	}
}

/** Builds the HTTP request once; every attempt sends the same body and the same Request-ID. */
function buildOptions(ctx: Context, request: AltcraftRequest, base: string | undefined): IHttpRequestOptions {
	const format = request.format ?? 'json';
	const headers: IDataObject = { Accept: `${MIME[format]}, */*;q=0.5` };
	if (request.requestId) headers['Request-ID'] = request.requestId;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: base === undefined ? request.url : `${base}${request.url}`,
		headers,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Raw bytes: the body is parsed here by its Content-Type, JSON or XML alike.
		encoding: 'arraybuffer',
		json: false,
	};
	if (request.timeoutMs) options.timeout = request.timeoutMs;
	if (request.body !== undefined) {
		headers['Content-Type'] = `${MIME[format]}; charset=utf-8`;
		options.body = format === 'xml' ? toXmlBody(ctx, request.body, request.itemIndex) : request.body;
	}
	return options;
}

async function attemptOnce(ctx: Context, options: IHttpRequestOptions, request: AltcraftRequest): Promise<Attempt> {
	let raw: { body: unknown; headers: IDataObject; statusCode: number; statusMessage?: string };
	try {
		// A fresh copy per attempt: nothing n8n does to the options may leak into the next try.
		raw = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			...options,
			headers: { ...options.headers },
		});
	} catch (error) {
		return networkFailure(ctx, error as NetworkErrorLike, options.url, request);
	}

	const status = raw.statusCode;
	const retryable = (request.retrySafeOnly ? UNPROCESSED_STATUS : RETRYABLE_STATUS).has(status);
	const wait = retryable ? retryAfterMs(header(raw.headers, 'retry-after')) : undefined;
	const contentType = header(raw.headers, 'content-type') ?? '';
	const text = decode(raw.body);
	const body = parseBody(text, contentType);

	const html = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text);
	if ((body === undefined || !('error' in body)) && request.acceptPlainSuccess && !html && status >= 200 && status < 300) {
		return { response: { status, body: body ?? { httpStatus: status, response: text }, duplicate: isDuplicate(raw.headers) } };
	}

	if (body === undefined || !('error' in body)) {
		const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'a body that is not Altcraft JSON or XML';
		const failure = altcraftApiError(ctx.getNode(), {
			status,
			code: status,
			errorText: `HTTP ${status} from ${hostOf(options.url)} with ${what}${text ? `: ${shorten(text)}` : ''}`,
			description:
				status >= 500 || status === 429
					? 'A server or proxy in front of Altcraft failed or is overloaded. Try again later; Options → Max Attempts repeats such failures with the same Request-ID.'
					: /^https?:\/\//i.test(request.url)
						? 'Check the Trigger Link: copy it from the trigger mailing in Altcraft, or pick it from the list.'
						: 'Check the API URL in the Altcraft credential: it must be the API host of your account.',
			itemIndex: request.itemIndex,
		});
		return { failure, retryable, retryAfterMs: wait };
	}

	const code = Number(body.error);
	if (status >= 400 || !Number.isFinite(code) || code !== 0) {
		const failure = altcraftApiError(ctx.getNode(), {
			status,
			code: Number.isFinite(code) && code !== 0 ? code : status,
			errorText: String(body.error_text ?? raw.statusMessage ?? 'Unknown error'),
			itemIndex: request.itemIndex,
			response: body as JsonObject,
		});
		return { failure, retryable, retryAfterMs: wait };
	}

	return { response: { status, body, duplicate: isDuplicate(raw.headers) } };
}

/**
 * The one door to Altcraft: serialises the body, authenticates through the credential, retries
 * what is safe to retry, and turns every answer into either a parsed Altcraft response or a
 * NodeApiError saying what to fix. Altcraft can report an application error with HTTP 200, so
 * `error` is checked on every answer; its application errors are verdicts and never retried.
 * Retries are safe because every attempt carries the same Request-ID: a launch that did reach
 * Altcraft before its answer was lost comes back as a duplicate instead of a second message.
 */
export async function altcraftRequest(
	ctx: Context,
	request: AltcraftRequest,
	baseUrl?: string,
): Promise<AltcraftResponse> {
	const absolute = /^https?:\/\//i.test(request.url);
	const base = absolute ? undefined : (baseUrl ?? (await apiBaseUrl(ctx)));
	const options = buildOptions(ctx, request, base);
	const policy = request.retry ?? { maxAttempts: 1, initialWaitMs: 0, maxWaitMs: 0 };
	for (let attempt = 1; ; attempt++) {
		await request.pace?.();
		const outcome = await attemptOnce(ctx, options, request);
		if ('response' in outcome) return { ...outcome.response, attempts: attempt };
		if (!outcome.retryable || attempt >= policy.maxAttempts) {
			if (attempt > 1) outcome.failure.message += ` (after ${attempt} attempts)`;
			throw outcome.failure;
		}
		await sleep(retryWaitMs(attempt, policy, outcome.retryAfterMs));
	}
}
