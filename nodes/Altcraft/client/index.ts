import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { CallOutcome } from '../engine/output';
import { BODY_BUDGET_BYTES, MAX_BODY_BYTES, bodyBytes, measureElement } from '../helpers/bodySize';
import type { JsonText } from '../helpers/jsonText';
import {
	altcraftRequest,
	apiBaseUrl,
	requestChecker,
	toXmlBody,
	type AltcraftRequest,
	type AltcraftResponse,
} from '../transport';
import { readRequestSettings, type RequestSettings } from './settings';

/** One Altcraft call as an operation asks for it; how it travels comes from the client. */
interface ClientCall {
	method: AltcraftRequest['method'];
	/** A path on the account's API host (`/api/v1.1/...`), or an absolute URL (the v1.0 link). */
	url: string;
	body?: IDataObject | JsonText;
	itemIndex: number;
	/** Altcraft's deduplication key, the same for every attempt; calls that are not launches may go without. */
	requestId?: string;
	acceptPlainSuccess?: boolean;
	retrySafeOnly?: boolean;
	/** The answer's `result` must be a list (bulk launches). */
	resultList?: boolean;
}

/** What every operation of one execution talks to Altcraft through. */
export interface Client {
	/** The execution this client serves. */
	ctx: IExecuteFunctions;
	/** The account's API host (from the credential). */
	baseUrl: string;
	/** The Options collection, read once for the execution. */
	options: IDataObject;
	settings: RequestSettings;
	/** Any Altcraft call: Request-ID, retries, dry run, size caps and host rules applied. */
	request(call: ClientCall): Promise<AltcraftResponse>;
	/** request(), told in the terms of the output convention (engine/output.ts); in a dry run, the preview. */
	call(call: ClientCall): Promise<CallOutcome>;
	/**
	 * Checks, while items are checked and before anything is sent, that an item's part of a
	 * request can travel in the chosen format: in XML every key must be an element name and every
	 * text XML 1.0. (Sending finds the same, but by then other items' requests may have gone out.)
	 */
	checkSendable(itemIndex: number, body: IDataObject): void;
	/**
	 * One element of a bulk request's list `key` as it will travel, serialised once: checked (XML),
	 * its bytes in the format sent, and in JSON its text, which the request's body reuses.
	 */
	measureElement(itemIndex: number, key: string, element: IDataObject): { bytes: number; text?: string };
	/**
	 * Runs the checks sending would run on a call without sending it (where the token may go: a
	 * trigger link's host), so that they fail the item in the pass before the first request.
	 */
	checkCall(call: ClientCall): void;
	/** Refuses a body over Altcraft's limit, measured in the format it is sent in. */
	checkBodySize(itemIndex: number, body: IDataObject | JsonText): void;
	/** Whether a body's known parts already come near the limit (then checkBodySize says by how much). */
	nearLimit(body: IDataObject): boolean;
}

/** Reads the credential and the Options collection once; every request of the execution goes through it. */
export async function createClient(ctx: IExecuteFunctions): Promise<Client> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = readRequestSettings(options);
	const baseUrl = await apiBaseUrl(ctx);
	const check = await requestChecker(ctx);
	const size = (body: IDataObject | JsonText) => bodyBytes(body, settings.format);
	if (settings.dryRun) announceDryRun(ctx);
	const request = (call: ClientCall) =>
		altcraftRequest(ctx, {
			...call,
			format: settings.format,
			timeoutMs: settings.timeoutMs,
			retry: settings.retry,
			pace: settings.pace,
			dryRun: settings.dryRun,
		});
	return {
		ctx,
		baseUrl,
		options,
		settings,
		request,
		call: async (call) => {
			const { body, duplicate, attempts } = await request(call);
			const { requestId } = call;
			if (settings.dryRun) return { requestId, duplicate, attempts, preview: body.request as IDataObject };
			return { requestId, duplicate, attempts, response: body };
		},
		checkSendable: (itemIndex, body) => {
			if (settings.format === 'xml') toXmlBody(ctx.getNode(), body, itemIndex);
		},
		measureElement: (itemIndex, key, element) =>
			measureElement(key, element, settings.format, (body) => toXmlBody(ctx.getNode(), body, itemIndex)),
		checkCall: (call) => check({ ...call, format: settings.format }),
		checkBodySize: (itemIndex, body) => {
			const bytes = size(body);
			if (bytes <= MAX_BODY_BYTES) return;
			const mb = (bytes / 1024 / 1024).toFixed(1);
			throw new NodeOperationError(
				ctx.getNode(),
				`The request for item ${itemIndex} is ${mb} MB, over Altcraft's 10 MB limit`,
				{
					itemIndex,
					description: 'Attach smaller files, or put large files on a server and link to them in the content.',
				},
			);
		},
		nearLimit: (body) => size(body) > BODY_BUDGET_BYTES,
	};
}

/**
 * A Dry Run left on gives a workflow that never sends and never fails: n8n shows this hint above
 * the node's output (n8n 1.x and 2.x; older n8n without execution hints shows only the items).
 */
function announceDryRun(ctx: IExecuteFunctions): void {
	if (typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({
		message: 'Dry Run is on: nothing was sent to Altcraft. The output shows the requests it would send.',
		type: 'warning',
		location: 'outputPane',
	});
}
