import type { IDataObject } from 'n8n-workflow';
import type { Client } from './index';

/**
 * One call of an operation other than a launch (profiles, subscriptions, segments) and its output
 * item in the shape every operation shares: what happened first, in the user's words (`outcome`,
 * read from the answer), what it acted on (`summary`), the Request-ID of a data-changing call and
 * whether Altcraft answered it from its deduplication store, then Altcraft's answer as sent
 * (`response`). A dry run outputs the request instead.
 */
export interface OutcomeCall {
	url: string;
	body: IDataObject;
	itemIndex: number;
	/** Data-changing calls only: the same for every attempt, so a retry is not applied twice. */
	requestId?: string;
	summary: IDataObject;
	outcome: (answer: IDataObject) => IDataObject;
	/** Requests that went before this one (a lookup), shown in a dry run. */
	before?: IDataObject;
}

export async function sendForOutcome(client: Client, call: OutcomeCall): Promise<IDataObject> {
	const response = await client.request({
		method: 'POST',
		url: call.url,
		body: call.body,
		itemIndex: call.itemIndex,
		requestId: call.requestId,
	});
	const requestId = call.requestId === undefined ? {} : { requestId: call.requestId };
	if (client.settings.dryRun) {
		return { dryRun: true, ...call.summary, ...call.before, request: response.body.request, ...requestId };
	}
	return {
		...call.outcome(response.body),
		...call.summary,
		...requestId,
		...(call.requestId === undefined ? {} : { duplicate: response.duplicate }),
		attempts: response.attempts,
		response: response.body,
	};
}
