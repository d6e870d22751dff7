import type { IDataObject } from 'n8n-workflow';
import type { AltcraftResponse } from '../transport';

/**
 * One output item of a data-changing call, in the order issue #22's convention sets: what
 * happened in the user's words (`registered: true`, `started: true`, …), what it acted on (the
 * profile as identified, the scenario, …), the Request-ID and whether Altcraft answered it from its
 * deduplication store, then Altcraft's answer as it came under `response`. A dry run says so and
 * shows the request instead; nothing was sent, so nothing happened.
 */
export function outcome(
	verb: string,
	facts: IDataObject,
	response: AltcraftResponse,
	requestId: string | undefined,
): IDataObject {
	if (response.body.dryRun === true) return { dryRun: true, ...facts, request: response.body.request, requestId };
	return {
		[verb]: true,
		...facts,
		requestId,
		duplicate: response.duplicate,
		attempts: response.attempts,
		response: response.body,
	};
}
