import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
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

/**
 * One failure item per input item, each paired to its own input: `{ error, description?, httpCode? }`.
 * For "Continue (using error output)" the item also carries the error itself, which is what n8n
 * routes to the error branch on (n8n-core WorkflowExecute.handleNodeErrorOutput). n8n then keeps
 * only `{ error: message }` as the item's JSON and the error (description, HTTP code) beside it;
 * with "Continue (regular output)" the item goes without it, so that its JSON keeps them.
 */
function errorOutputs(error: ItemError, items: number[], routed: boolean): INodeExecutionData[] {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return items.map((item) => ({ json: { ...json }, ...(routed ? { error } : {}), pairedItem: { item } }));
}

/**
 * The one place that decides what a failure becomes. With Continue On Fail: a failure item for
 * every item the failed work concerned (one item, or each item of a failed request). Without:
 * the error, pinned to the first of them, is thrown.
 */
export function failureOutputs(ctx: IExecuteFunctions, error: unknown, items: number[]): INodeExecutionData[] {
	const pinned = pinToItem(ctx, error, items[0] ?? 0);
	if (!ctx.continueOnFail()) throw pinned;
	return errorOutputs(pinned, items, ctx.getNode().onError === 'continueErrorOutput');
}
