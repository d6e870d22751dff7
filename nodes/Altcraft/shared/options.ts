import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RequestFormat } from '../transport';

/** Options every operation shares: how requests travel, not what they say. */
export const REQUEST_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Max Parallel Requests',
		name: 'maxParallel',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 50 },
		description: 'How many launches are in flight at once. Output order always equals input order.',
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
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 1, maxValue: 600 },
		description: 'How long to wait for Altcraft to answer one request',
	},
];

export interface RequestSettings {
	format: RequestFormat;
	timeoutMs: number;
	maxParallel: number;
}

/** Read once per execution: these shape how the whole batch is sent, not one item. */
export function readRequestSettings(ctx: IExecuteFunctions): RequestSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		requestFormat?: RequestFormat;
		timeout?: number;
		maxParallel?: number;
	};
	return {
		format: options.requestFormat === 'xml' ? 'xml' : 'json',
		timeoutMs: Math.max(1, Number(options.timeout ?? 30)) * 1000,
		maxParallel: Math.max(1, Math.floor(Number(options.maxParallel ?? 5))),
	};
}
