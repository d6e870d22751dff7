import type { IHttpRequestOptions } from 'n8n-workflow';
import { MAX_ANSWER_BYTES, discardAnswer, readAnswer } from './answer';
import { CREDENTIAL_TYPE, type Connection, type Context } from './connection';
import { networkFailure, timedOutAttempt, type NetworkErrorLike } from './failures';
import { header, judgeAnswer, judgeRedirect, judgeTooLarge } from './judge';
import { DEFAULT_TIMEOUT_MS, type AltcraftRequest, type Attempt } from './types';

interface RawAnswer {
	body: unknown;
	headers: Record<string, unknown>;
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

/**
 * One try over the socket: sends through the credential, reads the answer to a size cap before
 * the deadline (headers and body), and hands what came to the judge.
 */
export async function attemptOnce(
	ctx: Context,
	options: IHttpRequestOptions,
	request: AltcraftRequest,
	link: Connection,
): Promise<Attempt> {
	const { redact } = link;
	const node = ctx.getNode();
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
		if (error instanceof DeadlinePassed) return timedOutAttempt(node, request, options.url, redact);
		return networkFailure(node, error as NetworkErrorLike, options.url, request, redact);
	}

	const head = { status: raw.statusCode, statusMessage: raw.statusMessage, headers: raw.headers as never };
	const redirect = judgeRedirect(node, request, options.url, head, redact);
	if (redirect) {
		discardAnswer(raw.body);
		return redirect;
	}
	const limit = request.maxAnswerBytes ?? MAX_ANSWER_BYTES;
	const declared = Number(header(head.headers, 'content-length'));
	const read = declared > limit ? { tooLarge: limit } : await readAnswer(raw.body, limit, deadline);
	if ('text' in read) return judgeAnswer(node, request, options.url, { ...head, text: redact(read.text) });
	discardAnswer(raw.body);
	if ('late' in read) return timedOutAttempt(node, request, options.url, redact);
	if ('broken' in read) return networkFailure(node, read.broken as NetworkErrorLike, options.url, request, redact);
	return judgeTooLarge(node, request, options.url, head.status, read.tooLarge);
}
