import type { INodeProperties } from 'n8n-workflow';
import * as importAndLaunch from './importAndLaunch/importAndLaunch.operation';
import * as launch from './launch/launch.operation';
import * as launchViaLink from './launchViaLink/launchViaLink.operation';

export { importAndLaunch, launch, launchViaLink };

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
				description: 'Launch a trigger mailing for one profile, an audience or many profiles at once',
			},
			{
				name: 'Import Profile and Launch',
				value: 'importAndLaunch',
				action: 'Import profile and launch trigger mailing',
				description: 'Create or update a profile, then launch a trigger mailing for it, e.g. for a form sign-up',
			},
			{
				name: 'Launch via Trigger Link',
				value: 'launchViaLink',
				action: 'Launch trigger mailing via trigger link',
				description: "Launch a trigger mailing for one profile through its own link (Altcraft's older, link-based API)",
			},
		],
	},
	...launch.description,
	...importAndLaunch.description,
	...launchViaLink.description,
];
