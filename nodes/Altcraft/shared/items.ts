import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

/** Pins an error to its item, so n8n (and the user) see which item failed. */
export function errorForItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

/** The output item n8n's "Continue On Fail" expects: the error, paired to what failed. */
export function errorItem(error: NodeApiError | NodeOperationError, paired: IPairedItemData[]): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: paired.length === 1 ? paired[0] : paired };
}

/**
 * Runs `work` for every index with at most `concurrency` in flight and returns the outputs in
 * input order. A failing item becomes an error item with Continue On Fail; otherwise no new item
 * starts, the ones in flight finish (their messages are already on their way) and the first
 * failure in item order is thrown.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	count: number,
	concurrency: number,
	work: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(count);
	const failures: Array<NodeApiError | NodeOperationError> = [];
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	let stopped = false;

	const worker = async () => {
		while (!stopped && next < count) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await work(itemIndex);
			} catch (error) {
				const pinned = errorForItem(ctx, error, itemIndex);
				if (continueOnFail) {
					results[itemIndex] = [errorItem(pinned, [{ item: itemIndex }])];
				} else {
					failures[itemIndex] = pinned;
					stopped = true;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));

	const firstFailure = failures.find((failure) => failure !== undefined);
	if (firstFailure) throw firstFailure;
	return results.flat();
}
