import type { IHttpRequestOptions } from 'n8n-workflow';
import { prependToJsonText } from '../helpers/jsonText';
import { prependToXmlRoot } from '../helpers/xmlRoot';

export type TokenPlacement = 'body' | 'header';

/**
 * Altcraft documents the token as a `token` field of the body (JSON or XML); newer installs also
 * take `Authorization: Bearer`. n8n's generic authenticate can only merge into object bodies and
 * would throw on an XML string, hence a function.
 */
export function applyToken(
	token: string,
	placement: TokenPlacement,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const { body } = options;
	const method = (options.method ?? 'GET').toUpperCase();
	// A bodiless GET is the v1.0 link, which goes to the tracking host and needs no token: none is
	// sent, in a header or anywhere else. Every request to the API itself is a POST.
	if ((body === undefined || body === null) && (method === 'GET' || method === 'HEAD')) return options;
	// A bulk request's JSON, serialised by the node (helpers/jsonText.ts), goes out as bytes: axios
	// would parse a JSON string whole, only to check it, before sending it as it is.
	const jsonText = typeof body === 'string' && body.trimStart().startsWith('{');
	if (placement === 'header') {
		const headers = { ...options.headers, Authorization: `Bearer ${token}` };
		return jsonText ? { ...options, headers, body: Buffer.from(body) } : { ...options, headers };
	}
	// The token goes first, as n8n would put it into an object body.
	if (jsonText) return { ...options, body: Buffer.from(prependToJsonText(body, 'token', token)) };
	// XML: the token goes first inside the root, as in the docs.
	if (typeof body === 'string') return { ...options, body: prependToXmlRoot(body, 'token', token) };
	if (body === undefined || body === null) return { ...options, body: { token } };
	if (typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof URLSearchParams)) {
		return { ...options, body: { token, ...(body as object) } };
	}
	return options;
}
