import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { altcraftRequest, toXmlBody, type AltcraftRequest } from '../transport';
import type { RequestSettings } from './requestSettings';

/** Altcraft's default request body limit (10 MB); the rest of a larger body would be refused. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface LaunchCall {
	url: string;
	method: AltcraftRequest['method'];
	body?: IDataObject;
	itemIndex: number;
	/** What the output shows about the launch besides Altcraft's answer. */
	summary: IDataObject;
	/** Altcraft's deduplication key for this launch; the same for every attempt. */
	requestId: string;
	acceptPlainSuccess?: boolean;
	retrySafeOnly?: boolean;
}

export function checkBodySize(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject): void {
	const bytes = Buffer.byteLength(JSON.stringify(body));
	if (bytes > MAX_BODY_BYTES) {
		const mb = (bytes / 1024 / 1024).toFixed(1);
		throw new NodeOperationError(
			ctx.getNode(),
			`The request for item ${itemIndex} is ${mb} MB, over Altcraft's 10 MB limit`,
			{
				itemIndex,
				description: 'Attach smaller files, or put large files on a server and link to them in the content.',
			},
		);
	}
}

/**
 * Checks, while items are checked and before anything is sent, that an item's part of a request can
 * travel in the chosen format: in XML every key must be an element name and every text XML 1.0.
 * (Sending finds the same, but by then other items' launches may have gone out.)
 */
export function checkSendable(
	ctx: IExecuteFunctions,
	settings: RequestSettings,
	itemIndex: number,
	body: IDataObject,
): void {
	if (settings.format === 'xml') toXmlBody(ctx.getNode(), body, itemIndex);
}

/**
 * Sends one launch and shapes its output item: Altcraft's answer as it came (error, error_text,
 * data), plus a `launch` object with what downstream nodes need. The token is never part of it.
 * In a dry run the answer is the request that would have been sent (`dryRun`, `request`).
 */
export async function sendLaunch(
	ctx: IExecuteFunctions,
	baseUrl: string,
	settings: RequestSettings,
	call: LaunchCall,
): Promise<IDataObject> {
	const { requestId } = call;
	const response = await altcraftRequest(ctx, {
		method: call.method,
		url: call.url,
		body: call.body,
		format: settings.format,
		requestId,
		timeoutMs: settings.timeoutMs,
		itemIndex: call.itemIndex,
		retry: settings.retry,
		pace: settings.pace,
		acceptPlainSuccess: call.acceptPlainSuccess,
		retrySafeOnly: call.retrySafeOnly,
		dryRun: settings.dryRun,
	});
	return {
		...response.body,
		launch: { ...call.summary, requestId, duplicate: response.duplicate, attempts: response.attempts },
	};
}
