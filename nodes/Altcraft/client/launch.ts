import type { IExecuteFunctions } from 'n8n-workflow';
import { launchRequestId, requestIdScope } from '../engine/requestId';
import { createClient, type Client } from './index';

/** What launches add to the client: Request-IDs from the Idempotency Key. */
export interface LaunchClient extends Client {
	/** The Request-ID of one launch: from the Idempotency Key when the user set one, else derived. */
	requestId(itemIndex: number, target: string, part?: string): string;
}

export async function createLaunchClient(ctx: IExecuteFunctions): Promise<LaunchClient> {
	const client = await createClient(ctx);
	const scope = requestIdScope(ctx);
	return {
		...client,
		requestId: (itemIndex, target, part) => launchRequestId(scope, itemIndex, target, part),
	};
}
