/**
 * Judging an answer: pure functions from what came back (status, headers, text) to Altcraft's
 * response or a failure that says what to fix. No socket work here: attempt.ts reads, this judges.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { hostOf, shorten } from '../helpers/text';
import { boundedCopy, isSuccessCode, parseAnswer } from './answer';
import { altcraftApiError } from './errors';
import { redirectFailure } from './failures';
import { retryAfterMs, retryableStatus } from './retry';
import { isLink, type AltcraftRequest, type Attempt } from './types';

/** An answer as read: its text already cut to the size cap and with the token taken out. */
interface ReadAnswer {
	status: number;
	statusMessage?: string;
	headers: IDataObject;
	text: string;
}

/** A header's value (n8n hands headers lowercased; a repeated one as a list). */
export function header(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/** Altcraft's answer from its deduplication store (older versions use the X- names). */
function isDuplicate(headers: IDataObject): boolean {
	return header(headers, 'duplicate-request') === 'true' || header(headers, 'x-duplicate-request') === 'true';
}

/** A 3xx is a failure before its body is read; anything else is judged once read. */
export function judgeRedirect(
	node: INode,
	request: AltcraftRequest,
	url: string,
	head: Omit<ReadAnswer, 'text'>,
	redact: (text: string) => string,
): Attempt | undefined {
	if (head.status < 300 || head.status >= 400) return undefined;
	const failure = redirectFailure(node, request, url, head.status, header(head.headers, 'location'), redact);
	return { failure, retryable: false };
}

const CHECK_LINK = 'Check the Trigger Link: copy it from the trigger mailing in Altcraft, or pick it from the list.';
const CHECK_API_URL = 'Check the API URL in the Altcraft credential: it must be the API host of your account.';

/** An answer over the size cap is no Altcraft answer; it is not read further. */
export function judgeTooLarge(
	node: INode,
	request: AltcraftRequest,
	url: string,
	status: number,
	limit: number,
): Attempt {
	const failure = altcraftApiError(node, {
		status,
		code: status,
		errorText: `HTTP ${status} from ${hostOf(url)} with an answer larger than ${Math.round(limit / 1024)} KB, which is not an Altcraft answer`,
		description: `${isLink(request) ? CHECK_LINK : CHECK_API_URL} Altcraft may still have processed the request.`,
		itemIndex: request.itemIndex,
	});
	return { failure, retryable: false };
}

function describeShape(answer: ReturnType<typeof parseAnswer>): string {
	if (answer.kind === 'html') return 'an HTML page';
	if (answer.kind === 'badXml') return `XML that could not be read (${answer.reason})`;
	if (answer.kind === 'empty') return 'an empty body';
	return 'a body that is not Altcraft JSON or XML';
}

/**
 * Altcraft can report an application error with HTTP 200, so `error` is checked on every answer;
 * its application errors are verdicts and never retried, while busy proxies (429, 5xx) are.
 */
export function judgeAnswer(node: INode, request: AltcraftRequest, url: string, read: ReadAnswer): Attempt {
	const { status, text } = read;
	const retryable = retryableStatus(request, status);
	const wait = retryable ? retryAfterMs(header(read.headers, 'retry-after')) : undefined;
	const answer = parseAnswer(text, header(read.headers, 'content-type') ?? '');
	const body = answer.kind === 'altcraft' ? answer.body : undefined;
	const hasError = body !== undefined && 'error' in body;
	// Markup is never a plain success: an HTML page, a comment or a <head> is a proxy's or a login page.
	const markup = text.trimStart().startsWith('<') || answer.kind === 'html';
	if (!hasError && request.acceptPlainSuccess && !markup && status >= 200 && status < 300) {
		return {
			response: {
				status,
				body: body ?? { httpStatus: status, response: shorten(text, 2000) },
				duplicate: isDuplicate(read.headers),
			},
		};
	}

	if (body === undefined || !hasError) {
		const failure = altcraftApiError(node, {
			status,
			code: status,
			errorText: `HTTP ${status} from ${hostOf(url)} with ${describeShape(answer)}${text.trim() ? `: ${shorten(text, 200)}` : ''}`,
			description:
				status >= 500 || status === 429
					? 'A server or proxy in front of Altcraft failed or is overloaded. Try again later; Options → Request Retries → Max Attempts repeats such failures with the same Request-ID.'
					: isLink(request)
						? CHECK_LINK
						: CHECK_API_URL,
			itemIndex: request.itemIndex,
		});
		return { failure, retryable, retryAfterMs: wait };
	}

	if (status >= 400 || !isSuccessCode(body.error)) {
		const code = Number(body.error);
		const known = typeof body.error === 'number' || (typeof body.error === 'string' && /^-?\d+$/.test(body.error));
		const errorText = shorten(String(body.error_text ?? read.statusMessage ?? 'Unknown error'), 500);
		const failure = altcraftApiError(node, {
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

	const notList = request.resultList ? notAList(body.result) : undefined;
	if (notList !== undefined) {
		const failure = altcraftApiError(node, {
			status,
			code: status,
			errorText: `Altcraft answered error 0, but its result is ${notList} where a list of profile IDs belongs, so the launch is not counted as sent`,
			description:
				'This is not the answer Altcraft documents for this call. Check in Altcraft which profiles got the message before running again; with an Idempotency Key a re-run is answered as a duplicate.',
			itemIndex: request.itemIndex,
			response: boundedCopy(body) as JsonObject,
		});
		return { failure, retryable: false };
	}
	return { response: { status, body, duplicate: isDuplicate(read.headers) } };
}

/**
 * What a bulk answer's `result` is when it is not a list of profile IDs, or undefined when it is
 * one. Absent says nothing (the task variants answer without it); null is an empty list (Go, which
 * Altcraft's API is written in [INF], writes an empty list that way). XML needs nothing here: its
 * parser reads `result` as a list whatever the number of elements.
 */
function notAList(result: unknown): string | undefined {
	if (result === undefined || result === null) return undefined;
	if (!Array.isArray(result)) return describe(result);
	const bad = result.find((id) => typeof id !== 'string' && typeof id !== 'number');
	return bad === undefined ? undefined : `a list holding ${describe(bad)}`;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${shorten(JSON.stringify(value), 40)}`;
}
