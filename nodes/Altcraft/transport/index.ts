import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { normalizeApiUrl } from '../../../credentials/AltcraftApi.credentials';
import { altcraftApiError } from './errors';
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
}

export interface AltcraftResponse {
	status: number;
	body: IDataObject;
	/** Altcraft answered from its deduplication store: nothing new was sent. */
	duplicate: boolean;
}

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

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

function decode(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer || body instanceof Uint8Array) return new TextDecoder().decode(body);
	return JSON.stringify(body);
}

function snippet(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
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

interface NetworkErrorLike {
	code?: string;
	message?: string;
	cause?: { code?: string };
}

function networkFailure(ctx: Context, error: NetworkErrorLike, url: string, request: AltcraftRequest) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const code = error.code ?? error.cause?.code ?? '';
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message ?? '');
	const host = hostOf(url);
	const message = timedOut
		? `Altcraft at ${host} did not answer within ${Math.round((request.timeoutMs ?? 0) / 1000)} s`
		: `Could not reach Altcraft at ${host}${code ? ` (${code})` : ''}`;
	const description = timedOut
		? 'Altcraft may still have processed the request. Raise Options → Timeout, or run again: the same Request-ID makes Altcraft answer a repeat as a duplicate instead of sending twice.'
		: 'Check the API URL in the Altcraft credential (host and port) and that n8n can reach it.';
	return new NodeApiError(
		ctx.getNode(),
		{ code, message: error.message ?? code } as JsonObject,
		{ message, description, itemIndex: request.itemIndex },
	);
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

/**
 * The one door to Altcraft: serialises the body, authenticates through the credential, and turns
 * every answer into either a parsed Altcraft response or a NodeApiError saying what to fix.
 * Altcraft can report an application error with HTTP 200, so `error` is checked on every answer.
 */
export async function altcraftRequest(
	ctx: Context,
	request: AltcraftRequest,
	baseUrl?: string,
): Promise<AltcraftResponse> {
	const format = request.format ?? 'json';
	const absolute = /^https?:\/\//i.test(request.url);
	const base = absolute ? undefined : (baseUrl ?? (await apiBaseUrl(ctx)));
	const headers: IDataObject = { Accept: `${MIME[format]}, */*;q=0.5` };
	if (request.requestId) headers['Request-ID'] = request.requestId;

	const options: IHttpRequestOptions = {
		method: request.method,
		url: absolute ? request.url : `${base}${request.url}`,
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
		if (format === 'xml') {
			options.body = toXmlBody(ctx, request.body, request.itemIndex);
		} else {
			options.body = request.body;
		}
	}

	let raw: { body: unknown; headers: IDataObject; statusCode: number; statusMessage?: string };
	try {
		raw = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options);
	} catch (error) {
		throw networkFailure(ctx, error as NetworkErrorLike, options.url, request);
	}

	const contentType = header(raw.headers, 'content-type') ?? '';
	const text = decode(raw.body);
	const body = parseBody(text, contentType);
	const status = raw.statusCode;

	if (body === undefined || !('error' in body)) {
		const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'a body that is not Altcraft JSON or XML';
		throw altcraftApiError(ctx.getNode(), {
			status,
			code: status,
			errorText: `HTTP ${status} from ${hostOf(options.url)} with ${what}${text ? `: ${snippet(text)}` : ''}`,
			description:
				status >= 500
					? 'A server or proxy in front of Altcraft failed. Try again later; Options → Retries repeats such failures with the same Request-ID.'
					: 'Check the API URL in the Altcraft credential: it must be the API host of your account.',
			itemIndex: request.itemIndex,
		});
	}

	const code = Number(body.error);
	if (status >= 400 || (Number.isFinite(code) && code !== 0) || !Number.isFinite(code)) {
		throw altcraftApiError(ctx.getNode(), {
			status,
			code: Number.isFinite(code) && code !== 0 ? code : status,
			errorText: String(body.error_text ?? raw.statusMessage ?? 'Unknown error'),
			itemIndex: request.itemIndex,
			response: body as JsonObject,
		});
	}

	const duplicate =
		header(raw.headers, 'duplicate-request') === 'true' || header(raw.headers, 'x-duplicate-request') === 'true';
	return { status, body, duplicate };
}
