import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { hostOf, shorten } from '../helpers/text';
import { retryableNetwork } from './retry';
import { DEFAULT_TIMEOUT_MS, isLink, type AltcraftRequest, type Attempt, type Failure } from './types';

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

export interface NetworkErrorLike {
	code?: string;
	message?: string;
	httpCode?: string | null;
	messages?: string[];
	cause?: { code?: string; message?: string };
}

/** A failure before any answer came: what it means for the user, and whether to try again. */
export function networkFailure(
	node: INode,
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
		node,
		// Not `code`: NodeApiError would replace our message with its generic text for that code.
		{ networkError: code, detail } as JsonObject,
		{ message, description, itemIndex: request.itemIndex },
	);
	return { failure, retryable: retryableNetwork(request, code, timedOut, detail) };
}

/** The attempt's deadline passed (before the headers, or while the body came in). */
export function timedOutAttempt(
	node: INode,
	request: AltcraftRequest,
	url: string,
	redact: (text: string) => string,
): Attempt {
	return networkFailure(node, { code: 'ETIMEDOUT', message: 'timeout' }, url, request, redact);
}

/** A 3xx: reported, never followed (a redirect would carry the token to wherever it points). */
export function redirectFailure(
	node: INode,
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
	return new NodeApiError(node, { httpCode: String(status), location: target } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/** An error none of the checks expected (a bug, or the runtime failing): said as such. */
export function unexpectedFailure(
	node: INode,
	error: unknown,
	url: string,
	request: AltcraftRequest,
	redact: (text: string) => string,
): Failure {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const reason = shorten(redact(error instanceof Error ? error.message : String(error)), 300);
	return new NodeOperationError(node, `The request to ${hostOf(url)} failed unexpectedly: ${reason}`, {
		description:
			"Nothing in the node's checks expected this. Altcraft may or may not have processed the request: check in Altcraft before running again. If it repeats, report it with this message.",
		itemIndex: request.itemIndex,
	});
}
