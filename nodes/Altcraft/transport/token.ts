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
	if (placement === 'header') {
		return { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } };
	}
	if (typeof body === 'string') {
		// A bulk request's JSON, serialised by the node (helpers/jsonText.ts): the token goes first,
		// as n8n would put it into an object body.
		if (body.trimStart().startsWith('{')) return { ...options, body: prependToJsonText(body, 'token', token) };
		// XML: the token goes first inside the root, as in the docs.
		return { ...options, body: prependToXmlRoot(body, 'token', token) };
	}
	if (body === undefined || body === null) return { ...options, body: { token } };
	if (typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof URLSearchParams)) {
		return { ...options, body: { token, ...(body as object) } };
	}
	return options;
}
