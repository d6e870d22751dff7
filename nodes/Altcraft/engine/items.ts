import { sleep, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { failureOutputs, pinToItem, type ItemError } from './failures';

/**
 * Long loops over items give the event loop a turn this often: a main process that also serves the
 * editor and webhooks must not stall while a node checks 200,000 items.
 */
const YIELD_EVERY_MS = 50;

/**
 * When a long loop should give the event loop a turn: `if (turns.due()) await turns.give()`. Not an
 * `await` per item: each costs a microtask, about a tenth of a bulk element's whole work.
 */
export interface EventLoopTurns {
	due(): boolean;
	give(): Promise<void>;
}

export function eventLoopTurns(): EventLoopTurns {
	let last = Date.now();
	let count = 0;
	return {
		// An item's check evaluates expressions (microseconds to tens of them on a busy machine): the
		// clock, read every 16 items, costs nothing beside it; every 256 let 300-800 ms stalls through.
		due: () => (++count & 15) === 0 && Date.now() - last >= YIELD_EVERY_MS,
		give: async () => {
			await sleep(0);
			last = Date.now();
		},
	};
}

/** Work that goes out as one request: the items it concerns (in input order) and what it carries. */
export interface Unit<T> {
	items: number[];
	value: T;
}

export interface Checked<T> {
	itemIndex: number;
	value: T;
}

/**
 * What one unit's request gave: output JSON paired to all its items (One Item per Request), or
 * output items of its own (one per input item, see engine/output.ts).
 */
export type UnitResult = IDataObject | INodeExecutionData[];

/**
 * Runs `send` for every unit with at most `concurrency` in flight. Without Continue On Fail no new
 * unit starts after a failure; the ones in flight finish (their messages are already on their way)
 * and the first failure in input order is thrown. With it, a failed unit gives a failure item for
 * each of its items.
 */
async function sendUnits<T>(
	ctx: IExecuteFunctions,
	units: Array<Unit<T>>,
	concurrency: number,
	send: (unit: Unit<T>, unitIndex: number) => Promise<UnitResult>,
	pairAsList: boolean,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = new Array(units.length);
	const failures: ItemError[] = [];
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < units.length) {
			const unitIndex = next++;
			const unit = units[unitIndex];
			try {
				const result = await send(unit, unitIndex);
				outputs[unitIndex] = Array.isArray(result)
					? result
					: [{ json: result, pairedItem: paired(unit.items, pairAsList) }];
			} catch (error) {
				if (continueOnFail) {
					outputs[unitIndex] = failureOutputs(ctx, error, unit.items);
				} else {
					failures[unitIndex] = pinToItem(ctx, error, unit.items[0]);
					stopped = true;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, units.length)) }, worker));
	const firstFailure = failures.find((failure) => failure !== undefined);
	if (firstFailure) throw firstFailure;
	return outputs;
}

/** Requests that may cover several items are paired as a list even when they cover one: one shape per mode. */
function paired(items: number[], asList: boolean) {
	return items.length === 1 && !asList ? { item: items[0] } : items.map((item) => ({ item }));
}

interface ItemPlan<T, U> {
	count: number;
	concurrency: number;
	/** Reads and checks one item; throws (via failItem) what is wrong with it. */
	check: (itemIndex: number) => T;
	/**
	 * Forms the requests from the items that passed; per item by default. May be async: grouping
	 * 200,000 items takes long enough to need turns of the event loop.
	 */
	group?: (checked: Array<Checked<T>>) => Array<Unit<U>> | Promise<Array<Unit<U>>>;
	send: (unit: Unit<U>, unitIndex: number) => Promise<UnitResult>;
}

/**
 * Checks every item before the first request goes out, then sends: a bad item stops the run while
 * nothing is sent yet. (Were it found halfway, the launches before it would be lost from the
 * output, and a re-run would send them again under new Request-IDs.) With Continue On Fail a bad
 * item becomes its error item and the others are sent. Outputs come in input order: an output for
 * one item stands at that item, a request's output for several items where the first of them stood.
 */
export async function checkAllThenSend<T, U = T>(
	ctx: IExecuteFunctions,
	plan: ItemPlan<T, U>,
): Promise<INodeExecutionData[]> {
	// Where each output stands: most items have one output, so a slot holds one and only a slot
	// with several (an item's output beside a request's) takes a list. 200,000 outputs are placed
	// and read out with turns of the event loop.
	const firsts: Array<INodeExecutionData | undefined> = new Array(plan.count);
	const more = new Map<number, INodeExecutionData[]>();
	const place = (slot: number, output: INodeExecutionData) => {
		if (firsts[slot] === undefined) return void (firsts[slot] = output);
		const list = more.get(slot);
		if (list) list.push(output);
		else more.set(slot, [output]);
	};
	const passed: Array<Checked<T>> = [];
	const turns = eventLoopTurns();
	for (let itemIndex = 0; itemIndex < plan.count; itemIndex++) {
		if (turns.due()) await turns.give();
		try {
			passed.push({ itemIndex, value: plan.check(itemIndex) });
		} catch (error) {
			for (const output of failureOutputs(ctx, error, [itemIndex])) place(itemIndex, output);
		}
	}
	const group =
		plan.group ??
		((checked) => checked.map(({ itemIndex, value }) => ({ items: [itemIndex], value: value as unknown as U })));
	const units = await group(passed);
	const outputs = await sendUnits(ctx, units, plan.concurrency, plan.send, plan.group !== undefined);
	for (let unitIndex = 0; unitIndex < units.length; unitIndex++) {
		for (const output of outputs[unitIndex]) {
			if (turns.due()) await turns.give();
			// An output paired with one item stands at that item; one paired with several (One Item
			// per Request) stands where the first of them stood.
			const paired = output.pairedItem;
			const single = paired !== undefined && !Array.isArray(paired) && typeof paired === 'object';
			place(single ? paired.item : units[unitIndex].items[0], output);
		}
	}
	const result: INodeExecutionData[] = [];
	for (let slot = 0; slot < plan.count; slot++) {
		if (turns.due()) await turns.give();
		const output = firsts[slot];
		if (output === undefined) continue;
		result.push(output);
		const others = more.get(slot);
		if (others) result.push(...others);
	}
	return result;
}
