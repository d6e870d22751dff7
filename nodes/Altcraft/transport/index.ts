import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { normalizeApiUrl } from './apiUrl';
import {
	MAX_ANSWER_BYTES,
	boundedCopy,
	discardAnswer,
	isSuccessCode,
	parseAnswer,
	readAnswer,
	redactor,
} from './answer';
import { altcraftApiError } from './errors';
import { apiHostRule, hostAllowed, parseHostList, type HostRule } from './hosts';
import { hostOf, shorten } from './text';
import { applyToken, type TokenPlacement } from './token';
import { buildXml, XmlShapeError } from './xml';

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
	/** Cap for the answer, counted after decompression; MAX_ANSWER_BYTES when not given. */
	maxAnswerBytes?: number;
	/** Build and check the request, and answer with it instead of sending it. */
	dryRun?: boolean;
}

/** Deadline for one attempt (headers and body) when the caller sets no timeout. */
const DEFAULT_TIMEOUT_MS = 60_000;

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
	{ response: Omit<AltcraftResponse, 'attempts'> } | { failure: Failure; retryable: boolean; retryAfterMs?: number };

/** Statuses that say "not now" rather than "no": proxies and overload, never Altcraft's verdicts. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
]);
/** Failures that prove the request was not processed: safe to retry without deduplication. */
const UNPROCESSED_STATUS = new Set([429, 503]);
const UNPROCESSED_NETWORK = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

const MIME: Record<RequestFormat, string> = {
	json: 'application/json',
	xml: 'application/xml',
};

/** What the transport needs from the credential, read once per execution context. */
interface Connection {
	baseUrl: string;
	/** Takes the API token out of any text shown in errors or outputs. */
	redact: (text: string) => string;
	/** Hosts a request carrying the token may go to: the API host and the tracking domains. */
	tokenHosts: HostRule[];
	/** Tracking Domains entries that are not host names (named when a host is refused). */
	invalidHosts: string[];
	/** Where the credential puts the token: shown, masked, by a dry run. */
	placement: TokenPlacement;
	/**
	 * The decrypted credential, handed to `httpRequestWithAuthentication` with every request:
	 * without it n8n reads the credential again for each one, in a real n8n a database lookup and
	 * a decryption. n8n reads it without an item index (as for item 0), as here, so every request
	 * gets what n8n would have read.
	 */
	credential: ICredentialsDecrypted;
}

const connections = new WeakMap<Context, Promise<Connection>>();

async function readConnection(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeApiUrl(String(credentials.apiUrl ?? ''));
	if (baseUrl === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Altcraft credential has no API URL', {
			description:
				'Open the Altcraft credential and enter the API host of your account, e.g. https://example.altcraft.com.',
		});
	}
	const { rules, invalid } = parseHostList(String(credentials.trackingDomains ?? ''));
	const apiHost = apiHostRule(baseUrl);
	return {
		baseUrl,
		redact: redactor(String(credentials.apiToken ?? '')),
		tokenHosts: apiHost ? [apiHost, ...rules] : rules,
		invalidHosts: invalid,
		placement: credentials.authPlacement === 'header' ? 'header' : 'body',
		credential: credentialFor(ctx, credentials),
	};
}

/** The shape n8n-core's own routing node passes: the node's credential reference and the data. */
function credentialFor(ctx: Context, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data };
}

function connection(ctx: Context): Promise<Connection> {
	let found = connections.get(ctx);
	if (!found) {
		found = readConnection(ctx);
		// A failed read is not kept: the next call reports it again.
		found.catch(() => connections.delete(ctx));
		connections.set(ctx, found);
	}
	return found;
}

/** The account's API host, from the credential; read once per execution. */
export async function apiBaseUrl(ctx: Context): Promise<string> {
	return (await connection(ctx)).baseUrl;
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

/** Whether the request goes to a v1.0 trigger link rather than to the API URL. */
function isLink(request: AltcraftRequest): boolean {
	return /^https?:\/\//i.test(request.url);
}

function networkFailure(
	ctx: Context,
	error: NetworkErrorLike,
	url: string,
	request: AltcraftRequest,
	redact: (text: string) => string,
): Attempt {
	if (error instanceof NodeOperationError) return { failure: error, retryable: false };
	// n8n-core may already have wrapped the socket error in a NodeApiError; its code is in httpCode.
	const wrappedCode =
		error instanceof NodeApiError && error.httpCode && !/^\d+$/.test(error.httpCode) ? error.httpCode : '';
	const code = error.code ?? error.cause?.code ?? wrappedCode;
	const detail = shorten(redact(String(error.cause?.message ?? error.messages?.[0] ?? error.message ?? code)), 300);
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(detail);
	const host = hostOf(url);
	// Plain words, no raw code: n8n swaps a message holding e.g. ECONNREFUSED for a generic one.
	const message = timedOut
		? `Altcraft at ${host} did not answer within ${Math.round((request.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`
		: `Could not reach Altcraft at ${host}${NETWORK_WORDS[code] ? `: ${NETWORK_WORDS[code]}` : ''}`;
	const where = isLink(request)
		? `Check the host of the Trigger Link (${host}) and that n8n can reach it.`
		: 'Check the API URL in the Altcraft credential (host and port) and that n8n can reach it.';
	const description = timedOut
		? 'Altcraft may still have processed the request. Check in Altcraft before running again: a new run sends the launch again unless Options → Idempotency Key is set. Raise Options → Timeout if Altcraft is just slow.'
		: `${where}${code ? ` Network error code: ${code}.` : ''}`;
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

/** The body as XML, or a NodeOperationError saying which key or text has no XML form and how to fix it. */
export function toXmlBody(ctx: Context, body: IDataObject, itemIndex: number | undefined): string {
	try {
		return buildXml(body);
	} catch (error) {
		const shape = error instanceof XmlShapeError;
		throw new NodeOperationError(
			ctx.getNode(),
			`The request cannot be sent as XML: ${error instanceof Error ? error.message : String(error)}`,
			{
				description: `${shape ? error.fix : 'The XML builder refused the body.'} Or set Options → Request Format to JSON.`,
				itemIndex,
			},
		);
	}
}

/** A request that carries the token (everything but a bodiless GET) goes only to an allowed host. */
function refuseTokenHost(ctx: Context, request: AltcraftRequest, link: Connection): void {
	const method = request.method.toUpperCase();
	const carriesToken = !(request.body === undefined && (method === 'GET' || method === 'HEAD'));
	if (!carriesToken || !isLink(request) || hostAllowed(request.url, link.tokenHosts)) return;
	const host = hostOf(request.url);
	const invalid =
		link.invalidHosts.length > 0
			? ` These entries of Tracking Domains are not host names: ${link.invalidHosts.map((entry) => `"${shorten(entry, 60)}"`).join(', ')}.`
			: '';
	throw new NodeOperationError(
		ctx.getNode(),
		`The trigger link's host ${host} is not a tracking domain of this credential, so the API token is not sent there`,
		{
			description: `A POST to a trigger link carries the API token. If ${host} is a tracking domain of your Altcraft account, add it to Tracking Domains in the Altcraft credential (e.g. ${host}, or *.example.org for every subdomain of example.org). Otherwise launch with Method GET, which sends no token.${invalid}`,
			itemIndex: request.itemIndex,
		},
	);
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
		// A redirect would carry the token (header, or a 307/308 body) to wherever it points, and the
		// other host's answer would look like Altcraft's: a 3xx is reported, never followed.
		disableFollowRedirect: true,
		// The answer as a stream: read here to a size cap and a deadline, then parsed by its
		// Content-Type, JSON or XML alike.
		encoding: 'stream',
		json: false,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) {
		headers['Content-Type'] = `${MIME[format]}; charset=utf-8`;
		options.body = format === 'xml' ? toXmlBody(ctx, request.body, request.itemIndex) : request.body;
	}
	return options;
}

interface RawAnswer {
	body: unknown;
	headers: IDataObject;
	statusCode: number;
	statusMessage?: string;
}

/** The deadline passed before the answer's headers came. */
class DeadlinePassed extends Error {}

/** Settles with the answer's headers, or rejects when the deadline passes first. */
function beforeDeadline(pending: Promise<RawAnswer>, deadline: AbortSignal): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const late = () => {
			reject(new DeadlinePassed());
			// Whatever still arrives is not read: close it.
			pending.then(
				(raw) => discardAnswer(raw.body),
				() => undefined,
			);
		};
		if (deadline.aborted) return late();
		deadline.addEventListener('abort', late, { once: true });
		pending.then(
			(raw) => {
				deadline.removeEventListener('abort', late);
				resolve(raw);
			},
			(error: unknown) => {
				deadline.removeEventListener('abort', late);
				reject(error);
			},
		);
	});
}

function timedOutAttempt(
	request: AltcraftRequest,
	ctx: Context,
	url: string,
	redact: (text: string) => string,
): Attempt {
	return networkFailure(ctx, { code: 'ETIMEDOUT', message: 'timeout' }, url, request, redact);
}

function redirectFailure(
	ctx: Context,
	request: AltcraftRequest,
	url: string,
	status: number,
	location: string | undefined,
	redact: (text: string) => string,
): Failure {
	const target = location ? shorten(redact(location), 200) : 'an address it does not name';
	const message = isLink(request)
		? `The trigger link on ${hostOf(url)} redirects to ${target} (HTTP ${status}): the launch was not sent there`
		: `The API URL redirects to ${target} (HTTP ${status}): enter the final URL in the credential`;
	const description = isLink(request)
		? 'The node does not follow redirects: a redirect could carry the API token to another host. Copy the trigger link from the trigger mailing in Altcraft again, or pick it from the list.'
		: 'The node does not follow redirects: a redirect could carry the API token to another host. Open the Altcraft credential and enter the address the API URL redirects to (e.g. https instead of http), if it is your Altcraft host.';
	return new NodeApiError(ctx.getNode(), { httpCode: String(status), location: target } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

async function attemptOnce(
	ctx: Context,
	options: IHttpRequestOptions,
	request: AltcraftRequest,
	link: Connection,
): Promise<Attempt> {
	const { redact } = link;
	const deadline = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	let raw: RawAnswer;
	try {
		// A fresh copy per attempt: nothing n8n does to the options may leak into the next try.
		raw = await beforeDeadline(
			ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				{ ...options, headers: { ...options.headers } },
				{ credentialsDecrypted: link.credential },
			) as Promise<RawAnswer>,
			deadline,
		);
	} catch (error) {
		if (error instanceof DeadlinePassed) return timedOutAttempt(request, ctx, options.url, redact);
		return networkFailure(ctx, error as NetworkErrorLike, options.url, request, redact);
	}

	const status = raw.statusCode;
	if (status >= 300 && status < 400) {
		discardAnswer(raw.body);
		return {
			failure: redirectFailure(ctx, request, options.url, status, header(raw.headers, 'location'), redact),
			retryable: false,
		};
	}
	const retryable = (request.retrySafeOnly ? UNPROCESSED_STATUS : RETRYABLE_STATUS).has(status);
	const wait = retryable ? retryAfterMs(header(raw.headers, 'retry-after')) : undefined;
	const contentType = header(raw.headers, 'content-type') ?? '';
	const limit = request.maxAnswerBytes ?? MAX_ANSWER_BYTES;
	const declared = Number(header(raw.headers, 'content-length'));
	const read = declared > limit ? { tooLarge: limit } : await readAnswer(raw.body, limit, deadline);
	if (!('text' in read)) {
		discardAnswer(raw.body);
		if ('late' in read) return timedOutAttempt(request, ctx, options.url, redact);
		if ('broken' in read) return networkFailure(ctx, read.broken as NetworkErrorLike, options.url, request, redact);
		const failure = altcraftApiError(ctx.getNode(), {
			status,
			code: status,
			errorText: `HTTP ${status} from ${hostOf(options.url)} with an answer larger than ${Math.round(read.tooLarge / 1024)} KB, which is not an Altcraft answer`,
			description: isLink(request)
				? 'Check the Trigger Link: copy it from the trigger mailing in Altcraft, or pick it from the list. Altcraft may still have processed the request.'
				: 'Check the API URL in the Altcraft credential: it must be the API host of your account. Altcraft may still have processed the request.',
			itemIndex: request.itemIndex,
		});
		return { failure, retryable: false };
	}
	const text = redact(read.text);

	const answer = parseAnswer(text, contentType);
	const body = answer.kind === 'altcraft' ? answer.body : undefined;
	// Markup is never a plain success: an HTML page, a comment or a <head> is a proxy's or a login page.
	const markup = text.trimStart().startsWith('<') || answer.kind === 'html';
	if (
		(body === undefined || !('error' in body)) &&
		request.acceptPlainSuccess &&
		!markup &&
		status >= 200 &&
		status < 300
	) {
		return {
			response: {
				status,
				body: body ?? { httpStatus: status, response: shorten(text, 2000) },
				duplicate: isDuplicate(raw.headers),
			},
		};
	}

	if (body === undefined || !('error' in body)) {
		const what =
			answer.kind === 'html'
				? 'an HTML page'
				: answer.kind === 'badXml'
					? `XML that could not be read (${answer.reason})`
					: answer.kind === 'empty'
						? 'an empty body'
						: 'a body that is not Altcraft JSON or XML';
		const failure = altcraftApiError(ctx.getNode(), {
			status,
			code: status,
			errorText: `HTTP ${status} from ${hostOf(options.url)} with ${what}${text.trim() ? `: ${shorten(text, 200)}` : ''}`,
			description:
				status >= 500 || status === 429
					? 'A server or proxy in front of Altcraft failed or is overloaded. Try again later; Options → Retries → Max Attempts repeats such failures with the same Request-ID.'
					: isLink(request)
						? 'Check the Trigger Link: copy it from the trigger mailing in Altcraft, or pick it from the list.'
						: 'Check the API URL in the Altcraft credential: it must be the API host of your account.',
			itemIndex: request.itemIndex,
		});
		return { failure, retryable, retryAfterMs: wait };
	}

	if (status >= 400 || !isSuccessCode(body.error)) {
		const code = Number(body.error);
		const known = typeof body.error === 'number' || (typeof body.error === 'string' && /^-?\d+$/.test(body.error));
		const errorText = shorten(String(body.error_text ?? raw.statusMessage ?? 'Unknown error'), 500);
		const failure = altcraftApiError(ctx.getNode(), {
			status,
			code: known && code !== 0 ? code : status,
			errorText: known
				? errorText
				: `the answer's error code ${shorten(JSON.stringify(body.error) ?? 'undefined', 40)} is not a number, so the launch is not counted as sent: ${errorText}`,
			itemIndex: request.itemIndex,
			response: boundedCopy(body) as JsonObject,
		});
		return { failure, retryable, retryAfterMs: wait };
	}

	return { response: { status, body, duplicate: isDuplicate(raw.headers) } };
}

/** An error none of the checks above expected (a bug, or the runtime failing): said as such. */
function unexpected(
	ctx: Context,
	error: unknown,
	url: string,
	request: AltcraftRequest,
	redact: (text: string) => string,
): Failure {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const reason = shorten(redact(error instanceof Error ? error.message : String(error)), 300);
	return new NodeOperationError(ctx.getNode(), `The request to ${hostOf(url)} failed unexpectedly: ${reason}`, {
		description:
			"Nothing in the node's checks expected this. Altcraft may or may not have processed the request: check in Altcraft before running again. If it repeats, report it with this message.",
		itemIndex: request.itemIndex,
	});
}

/** What a dry run shows in place of the token. */
export const MASKED_TOKEN = '[token hidden]';

/**
 * The request exactly as it would go out, the token put where the credential puts it but masked:
 * what a dry run outputs.
 */
function preview(options: IHttpRequestOptions, placement: TokenPlacement): IDataObject {
	const sent = applyToken(MASKED_TOKEN, placement, options);
	return {
		method: sent.method ?? 'GET',
		url: sent.url,
		headers: { ...(sent.headers as IDataObject) },
		...(sent.body !== undefined ? { body: sent.body as IDataObject } : {}),
	};
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
	const link = await connection(ctx);
	const base = isLink(request) ? undefined : (baseUrl ?? link.baseUrl);
	refuseTokenHost(ctx, request, link);
	const options = buildOptions(ctx, request, base);
	if (request.dryRun) {
		return {
			status: 0,
			body: { dryRun: true, request: preview(options, link.placement) },
			duplicate: false,
			attempts: 0,
		};
	}
	const policy = request.retry ?? { maxAttempts: 1, initialWaitMs: 0, maxWaitMs: 0 };
	for (let attempt = 1; ; attempt++) {
		await request.pace?.();
		let outcome: Attempt;
		try {
			outcome = await attemptOnce(ctx, options, request, link);
		} catch (error) {
			throw unexpected(ctx, error, options.url, request, link.redact);
		}
		if ('response' in outcome) return { ...outcome.response, attempts: attempt };
		if (!outcome.retryable || attempt >= policy.maxAttempts) {
			if (attempt > 1) outcome.failure.message += ` (after ${attempt} attempts)`;
			throw outcome.failure;
		}
		await sleep(retryWaitMs(attempt, policy, outcome.retryAfterMs));
	}
}
