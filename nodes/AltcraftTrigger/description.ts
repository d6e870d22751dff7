/** The trigger's panel: which events, and the Options (access checks, output, repeats, answer). */
import type { INodeProperties } from 'n8n-workflow';
import { SECRET_PARAMETER } from './access';
import { ALL_EVENTS, eventOptions } from './events';

export const DEFAULT_WINDOW_MINUTES = 60;
export const DEFAULT_MAX_ENTRIES = 10000;
export const MAX_ENTRIES_LIMIT = 100000;

export const properties: INodeProperties[] = [
	{
		displayName:
			'In Altcraft, open Integrations → Event Capture, add an action hook of type "JSON batch request (HTTP POST)" and paste the Production URL above (with <code>?' +
			SECRET_PARAMETER +
			'=&lt;secret&gt;</code> at the end if you set a Secret). Leave "API response success message" empty or set it to <code>OK</code>. Activate the workflow to receive events.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: eventOptions,
		default: [ALL_EVENTS],
		description: 'The event types that start the workflow; others are answered and dropped',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 161',
				description:
					'Refuse (403) a batch with an event of another Altcraft account ("account_id"); empty: any account',
			},
			{
				displayName: 'Database IDs',
				name: 'databaseIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 50, 51',
				description: 'Keep only events of these databases ("list_id"), comma-separated; empty: all databases',
			},
			{
				displayName: 'Drop Repeated Events',
				name: 'dropRepeats',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop events already received within the Repeat Window, for batches Altcraft sends again',
			},
			{
				displayName: 'Include Test Events',
				name: 'includeTestEvents',
				type: 'boolean',
				default: false,
				description: 'Whether to keep events Altcraft marks as test ("is_test")',
			},
			{
				displayName: 'Max Remembered Events',
				name: 'maxEntries',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_ENTRIES_LIMIT },
				default: DEFAULT_MAX_ENTRIES,
				description: 'With Drop Repeated Events: how many recent events to remember; the oldest are forgotten first',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Event', value: 'event' },
					{ name: 'One Item per Batch', value: 'batch', description: 'One item with "events" and "count"' },
				],
				default: 'event',
			},
			{
				displayName: 'Repeat Window (Minutes)',
				name: 'windowMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_WINDOW_MINUTES,
				description: 'With Drop Repeated Events: how long an event is remembered',
			},
			{
				displayName: 'Response Text',
				name: 'responseText',
				type: 'string',
				default: 'OK',
				description:
					'The body of the 200 answer; Altcraft\'s "API response success message" pattern (e.g. <code>.*OK.*</code>) must match it',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: `Refuse requests whose URL lacks ?${SECRET_PARAMETER}=&lt;this secret&gt; (401 missing, 403 wrong)`,
			},
		],
	},
];
