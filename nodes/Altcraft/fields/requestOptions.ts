import type { INodeProperties } from 'n8n-workflow';

/**
 * Shown at the top of every operation while Options → Dry Run is on: a test switch left on must not
 * go unseen. `action` is what turning it off does, e.g. "launch".
 */
export function dryRunNotice(action: string): INodeProperties {
	return {
		displayName: `Dry Run is on: this node sends nothing to Altcraft and only shows the requests it would send. Turn off Options → Dry Run to ${action}.`,
		name: 'dryRunNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '/options.dryRun': [true] } },
	};
}

/** The notice of the launching operations. */
export const DRY_RUN_NOTICE: INodeProperties = dryRunNotice('launch');

/** Options every operation shares: how requests travel, not what they say. */
export const REQUEST_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to output each request as it would be sent (token hidden) instead of sending it; nothing reaches Altcraft. The node shows "Dry Run" on the canvas while it is on.',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description:
			'Something unique per launch, e.g. an order ID: a re-run with the same key within a day sends nothing new. Empty: every run launches anew.',
	},
	{
		displayName: 'Max Parallel Requests',
		name: 'maxParallel',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 50 },
		description: 'How many requests are in flight at once. Output order always equals input order.',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxPerSecond',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Upper limit for the request rate of this node, retries included. 0 means no limit.',
	},
	{
		displayName: 'Request Format',
		name: 'requestFormat',
		type: 'options',
		default: 'json',
		description: 'Body format of the request; Altcraft answers in the same format',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'XML', value: 'xml' },
		],
	},
	{
		displayName: 'Request Retries',
		name: 'retries',
		type: 'fixedCollection',
		placeholder: 'Set Retries',
		// Not empty: n8n drops an empty collection, and the option would vanish on the next change.
		default: { settings: { maxAttempts: 3, firstWait: 0.5, maxWait: 30 } },
		description:
			"Tries a failed request again within this run when Altcraft is busy or unreachable; a repeated launch is not sent twice. n8n's Settings → Retry On Fail re-runs the whole node on top of this: with both on, one request may be tried up to Max Attempts × Max Tries times.",
		options: [
			{
				displayName: 'Retry Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Max Attempts',
						name: 'maxAttempts',
						type: 'number',
						default: 3,
						typeOptions: { minValue: 1, maxValue: 10 },
						description:
							'How often a request is tried in all; 1 means no retry. A v1.0 link is retried only when Altcraft cannot have received the request.',
					},
					{
						displayName: 'First Wait (Seconds)',
						name: 'firstWait',
						type: 'number',
						default: 0.5,
						typeOptions: { minValue: 0, numberPrecision: 2 },
						description: 'Wait before the first retry; it doubles with each further attempt, with a random part',
					},
					{
						displayName: 'Longest Wait (Seconds)',
						name: 'maxWait',
						type: 'number',
						default: 30,
						typeOptions: { minValue: 0, maxValue: 300 },
						description: 'Longest wait before a retry, also when Altcraft asks for a longer one',
					},
				],
			},
		],
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 600 },
		description: "How long one request may take, from sending it to the end of Altcraft's answer",
	},
];
