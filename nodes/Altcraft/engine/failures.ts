import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

export type ItemError = NodeApiError | NodeOperationError;

/** Refuses one item's input: what is wrong (naming the item) and, in the description, how to fix it. */
export function failItem(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Pins an error to its item, so n8n (and the user) see which item failed. */
export function pinToItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `Unexpected failure: ${message}`, {
		itemIndex,
		description: 'This is a fault of the node, not of your input. Please report it with the workflow that shows it.',
	});
}

function errorOutput(error: ItemError, items: number[]): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	const paired: IPairedItemData[] = items.map((item) => ({ item }));
	return { json, pairedItem: paired.length === 1 ? paired[0] : paired };
}

/**
 * The one place that decides what a failure becomes. With Continue On Fail: an error item paired
 * to every item the failed work concerned (one item, or all items of a failed request). Without:
 * the error, pinned to the first of them, is thrown.
 */
export function failureOutput(ctx: IExecuteFunctions, error: unknown, items: number[]): INodeExecutionData {
	const pinned = pinToItem(ctx, error, items[0] ?? 0);
	if (!ctx.continueOnFail()) throw pinned;
	return errorOutput(pinned, items);
}
