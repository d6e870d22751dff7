import { NodeOperationError, type IDataObject, type IHttpRequestOptions, type INode } from 'n8n-workflow';
import type { RequestFormat } from '../helpers/bodySize';
import { hostOf, shorten } from '../helpers/text';
import { JsonText } from '../helpers/jsonText';
import { buildXml, XmlShapeError } from '../helpers/xml';
import type { Connection } from './connection';
import { hostAllowed } from './hosts';
import { applyToken, type TokenPlacement } from './token';
import { DEFAULT_TIMEOUT_MS, isLink, type AltcraftRequest } from './types';

const MIME: Record<RequestFormat, string> = {
	json: 'application/json',
	xml: 'application/xml',
};

/** The body as XML, or a NodeOperationError saying which key or text has no XML form and how to fix it. */
export function toXmlBody(node: INode, body: IDataObject, itemIndex: number | undefined): string {
	try {
		return buildXml(body);
	} catch (error) {
		const shape = error instanceof XmlShapeError;
		throw new NodeOperationError(
			node,
			`The request cannot be sent as XML: ${error instanceof Error ? error.message : String(error)}`,
			{
				description: `${shape ? error.fix : 'The XML builder refused the body.'} Or set Options → Request Format to JSON.`,
				itemIndex,
			},
		);
	}
}

/** A request that carries the token (everything but a bodiless GET) goes only to an allowed host. */
export function refuseTokenHost(node: INode, request: AltcraftRequest, link: Connection): void {
	const method = request.method.toUpperCase();
	const carriesToken = !(request.body === undefined && (method === 'GET' || method === 'HEAD'));
	if (!carriesToken || !isLink(request) || hostAllowed(request.url, link.tokenHosts)) return;
	const host = hostOf(request.url);
	const invalid =
		link.invalidHosts.length > 0
			? ` These entries of Tracking Domains are not host names: ${link.invalidHosts.map((entry) => `"${shorten(entry, 60)}"`).join(', ')}.`
			: '';
	throw new NodeOperationError(
		node,
		`The trigger link's host ${host} is not a tracking domain of this credential, so the API token is not sent there`,
		{
			description: `A POST to a trigger link carries the API token. If ${host} is a tracking domain of your Altcraft account, add it to Tracking Domains in the Altcraft credential (e.g. ${host}, or *.example.org for every subdomain of example.org). Otherwise turn off Send Field Values: the link alone (a GET) carries no token.${invalid}`,
			itemIndex: request.itemIndex,
		},
	);
}

/** Builds the HTTP request once; every attempt sends the same body and the same Request-ID. */
export function buildOptions(node: INode, request: AltcraftRequest, base: string | undefined): IHttpRequestOptions {
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
		const { body } = request;
		if (body instanceof JsonText) {
			if (format !== 'json') throw new NodeOperationError(node, 'A JSON text body can only be sent as JSON');
			options.body = body.text;
		} else options.body = format === 'xml' ? toXmlBody(node, body, request.itemIndex) : body;
	}
	return options;
}

/** What a dry run shows in place of the token. */
const MASKED_TOKEN = '[token hidden]';

/**
 * The request exactly as it would go out, the token put where the credential puts it but masked:
 * what a dry run outputs.
 */
export function preview(options: IHttpRequestOptions, placement: TokenPlacement): IDataObject {
	const sent = applyToken(MASKED_TOKEN, placement, options);
	return {
		method: sent.method ?? 'GET',
		url: sent.url,
		headers: { ...(sent.headers as IDataObject) },
		...(sent.body !== undefined ? { body: previewBody(sent) } : {}),
	};
}

/** The body as a dry run shows it: JSON the node serialised itself is shown as the object it is. */
function previewBody(sent: IHttpRequestOptions): IDataObject | string {
	const { body } = sent;
	if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8')) as IDataObject;
	return body as IDataObject;
}
