import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

/** Refuses one item's input: what is wrong (naming the item) and, in the description, how to fix it. */
export function failItem(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

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

/**
 * Checks every item before the first launch goes out, then sends: a bad item stops the run while
 * nothing is sent yet. (Were it found halfway, the launches before it would be lost from the
 * output, and a re-run would send them again under new Request-IDs.) With Continue On Fail a bad
 * item becomes its error item and the others are sent.
 */
export async function checkAllThenSend<T>(
	ctx: IExecuteFunctions,
	count: number,
	concurrency: number,
	check: (itemIndex: number) => T,
	send: (itemIndex: number, checked: T) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const checked: Array<{ value: T } | { failed: INodeExecutionData[] }> = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			checked[itemIndex] = { value: check(itemIndex) };
		} catch (error) {
			const pinned = errorForItem(ctx, error, itemIndex);
			if (!continueOnFail) throw pinned;
			checked[itemIndex] = { failed: [errorItem(pinned, [{ item: itemIndex }])] };
		}
	}
	return forEachItem(ctx, count, concurrency, async (itemIndex) => {
		const entry = checked[itemIndex];
		return 'failed' in entry ? entry.failed : send(itemIndex, entry.value);
	});
}
