import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sentMemory, type SentMemory } from '../engine/memory';
import { launchRequestId, requestIdScope } from '../engine/requestId';
import { createClient, type Client, type ClientCall } from '.';

export interface LaunchCall extends ClientCall {
	/** What the output shows about the launch besides Altcraft's answer. */
	summary: IDataObject;
	requestId: string;
}

/** What launches add to the client: Request-IDs from the Idempotency Key, and the `launch` summary. */
export interface LaunchClient extends Client {
	/** The Request-ID of one launch: from the Idempotency Key when the user set one, else derived. */
	requestId(itemIndex: number, target: string, part?: string): string;
	/** The item's Idempotency Key ('' when unset). */
	idempotencyKey(itemIndex: number): string;
	/** The profiles already sent under their Idempotency Keys (engine/memory.ts), read on first use. */
	sentMemory(): SentMemory;
	/** The output of a request not sent because its profiles already went out under their key. */
	alreadySent(summary: IDataObject): IDataObject;
	/**
	 * Sends one launch and shapes its output item: Altcraft's answer as it came (error, error_text,
	 * data), plus a `launch` object with what downstream nodes need. The token is never part of it.
	 * In a dry run the answer is the request that would have been sent (`dryRun`, `request`).
	 */
	launch(call: LaunchCall): Promise<IDataObject>;
}

export async function createLaunchClient(ctx: IExecuteFunctions): Promise<LaunchClient> {
	const client = await createClient(ctx);
	const scope = requestIdScope(ctx);
	let memory: SentMemory | undefined;
	return {
		...client,
		requestId: (itemIndex, target, part) => launchRequestId(scope, itemIndex, target, part),
		idempotencyKey: scope.key,
		sentMemory: () => (memory ??= sentMemory(ctx)),
		alreadySent: (summary) => ({
			launch: { ...summary, requestId: null, duplicate: true, alreadySent: true, attempts: 0 },
		}),
		launch: async ({ summary, ...call }) => {
			const response = await client.request(call);
			return {
				...response.body,
				launch: { ...summary, requestId: call.requestId, duplicate: response.duplicate, attempts: response.attempts },
			};
		},
	};
}
