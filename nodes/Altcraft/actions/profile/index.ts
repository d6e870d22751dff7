import type { INodeProperties } from 'n8n-workflow';
import type { AltcraftResource } from '../node.type';
import * as createOrUpdate from './createOrUpdate/createOrUpdate.operation';
import * as deleteProfile from './delete/delete.operation';
import * as get from './get/get.operation';
import * as setSubscription from './setSubscription/setSubscription.operation';

/** The operations of Profile, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	createOrUpdate,
	delete: deleteProfile,
	get,
	setSubscription,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['profile'] } },
		default: 'createOrUpdate',
		options: Object.values(operations).map((operation) => operation.option),
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
