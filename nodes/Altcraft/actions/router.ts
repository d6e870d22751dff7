import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { AltcraftResource } from './node.type';
import * as event from './event';
import * as scenario from './scenario';
import * as profile from './profile';
import * as segment from './segment';
import * as triggerMailing from './triggerMailing';

/** Every resource by its `value` in the Resource list. */
export const resources: Record<string, AltcraftResource> = {
	triggerMailing: triggerMailing.operations,
	event: event.operations,
	scenario: scenario.operations,
	profile: profile.operations,
	segment: segment.operations,
};

/** Runs the operation the node is set to, looked up by resource and operation name. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const found = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
	const run = found && Object.hasOwn(found, operation) ? found[operation] : undefined;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await run.execute.call(this)];
}
