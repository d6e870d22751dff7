import type { INodeProperties } from 'n8n-workflow';
import type { AltcraftResource } from '../node.type';
import * as importAndLaunch from './importAndLaunch/importAndLaunch.operation';
import * as launch from './launch/launch.operation';
import * as launchViaLink from './launchViaLink/launchViaLink.operation';

/** The operations of Trigger Mailing, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	launch,
	importAndLaunch,
	launchViaLink,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['triggerMailing'] } },
		default: 'launch',
		options: Object.values(operations).map((operation) => operation.option),
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
