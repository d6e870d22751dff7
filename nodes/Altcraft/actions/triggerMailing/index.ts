import type { INodeProperties } from 'n8n-workflow';
import * as launch from './launch.operation';

export { launch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['triggerMailing'] } },
		default: 'launch',
		options: [
			{
				name: 'Launch',
				value: 'launch',
				action: 'Launch trigger mailing',
				description: 'Launch a trigger mailing for a profile or an audience through the API v1.1',
			},
		],
	},
	...launch.description,
];
