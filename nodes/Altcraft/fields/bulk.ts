import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * What the operations that send many profiles in one request share (Audience and Bulk launch,
 * bulk Import Profile and Launch): the Launch Mode choice, the chunk size option and the task option.
 */
const DEFAULT_PROFILES_PER_REQUEST = 1000;
const MAX_PROFILES_PER_REQUEST = 10000;

export const PROFILES_PER_REQUEST_OPTION: INodeProperties = {
	displayName: 'Profiles per Request',
	name: 'profilesPerRequest',
	type: 'number',
	default: DEFAULT_PROFILES_PER_REQUEST,
	typeOptions: { minValue: 1, maxValue: MAX_PROFILES_PER_REQUEST },
	description:
		"How many recipients the node puts in one request to Altcraft; more items make more requests. Altcraft recommends at most 10,000. A request is also kept under Altcraft's 10 MB body limit.",
	displayOptions: { show: { '/launchMode': ['audience', 'batch'] } },
};

export const BACKGROUND_TASK_OPTION: INodeProperties = {
	displayName: 'Run as Background Task',
	name: 'backgroundTask',
	type: 'boolean',
	default: false,
	description:
		'Whether Altcraft queues each request and answers at once with a task ID; the output then does not say which profiles got the message',
	displayOptions: { show: { '/launchMode': ['batch'] } },
};

/** Profiles per Request from the Options collection, checked. */
export function readPerRequest(ctx: IExecuteFunctions, options: IDataObject): number {
	const perRequest = Math.floor(Number(options.profilesPerRequest ?? DEFAULT_PROFILES_PER_REQUEST));
	if (!(perRequest >= 1 && perRequest <= MAX_PROFILES_PER_REQUEST)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Profiles per Request must be between 1 and ${MAX_PROFILES_PER_REQUEST}`,
			{
				description: 'Altcraft recommends at most 10,000 profiles per request.',
			},
		);
	}
	return perRequest;
}

/**
 * The Launch Mode choice of an operation that can send per item or in bulk: the per-item mode
 * first and the default. `description` says when to use which; `options` name each mode by what
 * it does for that operation.
 */
export function launchModeField(description: string, options: INodeProperties['options']): INodeProperties {
	return {
		displayName: 'Launch Mode',
		name: 'launchMode',
		type: 'options',
		noDataExpression: true,
		default: 'eachItem',
		description,
		options,
	};
}
