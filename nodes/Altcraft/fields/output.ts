import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * The Output option of modes that send many items per request (Audience, Bulk): one item per
 * input item, paired with it (the default: a workflow writes each row's outcome back), or one per
 * request as Altcraft answered it.
 */
export const OUTPUT_OPTION: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'eachItem',
	description: 'What the node outputs for requests that carry many items (docs/output.md says what each item knows)',
	options: [
		{
			name: 'One Item per Input Item',
			value: 'eachItem',
			description: "Each input item's outcome, paired with it: to write results back or route failures",
		},
		{
			name: 'One Item per Request',
			value: 'eachRequest',
			description: "One item per request, paired with all its items, with Altcraft's whole answer",
		},
	],
	displayOptions: { show: { '/launchMode': ['audience', 'batch'] } },
};

/** Whether the Options ask for one item per request. */
export function outputPerRequest(options: IDataObject): boolean {
	return options.output === 'eachRequest';
}
