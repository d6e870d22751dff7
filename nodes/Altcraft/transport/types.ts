import type { IDataObject, IHttpRequestMethods, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { RequestFormat } from '../helpers/bodySize';
import type { JsonText } from '../helpers/jsonText';

export type { RequestFormat };

export interface AltcraftRequest {
	method: IHttpRequestMethods;
	/** A path on the account's API host (`/api/v1.1/...`), or an absolute URL (the v1.0 link). */
	url: string;
	/** An object (serialised in `format`), or JSON already serialised (bulk requests; `format` json). */
	body?: IDataObject | JsonText;
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
	/**
	 * The answer's `result` is a list (the profile IDs of a bulk launch): any other value present
	 * fails the request instead of being read as a one-element list.
	 */
	resultList?: boolean;
	/** Cap for the answer, counted after decompression; MAX_ANSWER_BYTES when not given. */
	maxAnswerBytes?: number;
	/** Build and check the request, and answer with it instead of sending it. */
	dryRun?: boolean;
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

export type Failure = NodeApiError | NodeOperationError;

/** One try: Altcraft's answer, or a failure and whether trying again is safe and useful. */
export type Attempt =
	{ response: Omit<AltcraftResponse, 'attempts'> } | { failure: Failure; retryable: boolean; retryAfterMs?: number };

/** Deadline for one attempt (headers and body) when the caller sets no timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Whether the request goes to a v1.0 trigger link rather than to the API URL. */
export function isLink(request: AltcraftRequest): boolean {
	return /^https?:\/\//i.test(request.url);
}
