import type { INodeProperties } from 'n8n-workflow';
import type { AltcraftResource } from '../node.type';
import * as addProfile from './addProfile/addProfile.operation';
import * as removeProfile from './removeProfile/removeProfile.operation';

/** The operations of Segment, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	addProfile,
	removeProfile,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		default: 'addProfile',
		options: Object.values(operations).map((operation) => operation.option),
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
