import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** What every operation folder exports. */
export interface AltcraftOperation {
	/** Its entry in its resource's Operation list. */
	option: INodePropertyOptions;
	/** Its parameters, shown only for its resource and operation. */
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** A resource's operations by their `value` in the Operation list, in the order the list shows them. */
export type AltcraftResource = Record<string, AltcraftOperation>;
