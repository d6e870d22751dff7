import type { IExecuteFunctions } from 'n8n-workflow';
import { sentMemory, type SentMemory } from '../engine/memory';
import { launchRequestId, requestIdScope } from '../engine/requestId';
import { createClient, type Client } from './index';

/** What launches add to the client: Request-IDs from the Idempotency Key, and what was sent under it. */
export interface LaunchClient extends Client {
	/** The Request-ID of one launch: from the Idempotency Key when the user set one, else derived. */
	requestId(itemIndex: number, target: string, part?: string): string;
	/** The item's Idempotency Key ('' when unset). */
	idempotencyKey(itemIndex: number): string;
	/** The profiles already sent under their Idempotency Keys (engine/memory.ts), read on first use. */
	sentMemory(): SentMemory;
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
	};
}
