import type {
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INodeExecutionData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { PROTOTYPE_KEYS } from '../helpers/names';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

function rawParameter(ctx: IExecuteFunctions, path: string): unknown {
	let value: unknown = ctx.getNode().parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** One step into the item: a property name (`.email`, `["first name"]`) or an array index (`[0]`). */
type Step = string | number;

const IDENTIFIER = '[A-Za-z_$][\\w$]*';
const QUOTED = `"((?:[^"\\\\\\n]|\\\\["\\\\])*)"|'((?:[^'\\\\\\n]|\\\\['\\\\])*)'`;
const STEP = new RegExp(`^(?:\\.(${IDENTIFIER})|\\[\\s*(?:${QUOTED}|(0|[1-9]\\d{0,8}))\\s*\\])`);
/** The whole parameter is one `{{ }}` block around `$json…`: no text before or after it. */
const WHOLE = /^=\{\{\s*\$json((?:[.[][^{}]*?)?)\s*\}\}$/;
/** Names n8n's expression sandbox guards, or that JavaScript finds on every object: n8n decides. */
const GUARDED = new Set([...PROTOTYPE_KEYS, ...Object.getOwnPropertyNames(Object.prototype)]);

/**
 * The path of a `={{ $json.a.b }}`-shaped expression (also `$json["a"]`, `$json['a b']`,
 * `$json.list[0]`), or undefined for anything else: text around the braces, calls, operators,
 * other variables, `?.`. Those go to n8n's own evaluation.
 */
export function jsonPathOf(expression: string): Step[] | undefined {
	const whole = WHOLE.exec(expression);
	if (!whole) return undefined;
	let rest = whole[1];
	const steps: Step[] = [];
	while (rest !== '') {
		const step = STEP.exec(rest);
		if (!step) return undefined;
		const [, identifier, double, single, index] = step;
		if (index !== undefined) steps.push(Number(index));
		else {
			const name = identifier ?? (double ?? single).replace(/\\(.)/g, '$1');
			if (GUARDED.has(name)) return undefined;
			steps.push(name);
		}
		rest = rest.slice(step[0].length);
	}
	return steps;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** Only what JSON can hold: n8n hands such values over unchanged (it converts luxon dates, throws on functions). */
function isJsonValue(value: unknown, depth = 0): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return true;
	if (depth > 20) return false;
	if (Array.isArray(value)) return value.every((entry) => isJsonValue(entry, depth + 1));
	if (isPlainObject(value)) return Object.values(value).every((entry) => isJsonValue(entry, depth + 1));
	return false;
}

const FALL_BACK = Symbol('fall back to n8n');

/**
 * What n8n's `$json` path gives for this item, read directly; FALL_BACK wherever plain property
 * reads might differ from n8n's evaluation (a step through a non-object, where JavaScript would
 * throw and n8n answers with its own result; a value JSON cannot hold).
 */
function readPath(json: unknown, steps: Step[]): unknown {
	let value = json;
	for (const step of steps) {
		if (typeof step === 'number' ? !Array.isArray(value) : !isPlainObject(value)) return FALL_BACK;
		const holder = value as Record<string | number, unknown>;
		value = Object.prototype.hasOwnProperty.call(holder, step) ? holder[step] : undefined;
	}
	if (value === undefined) return undefined;
	return isJsonValue(value) ? value : FALL_BACK;
}

type Resolve = (json: unknown) => unknown;

/**
 * How to get a parameter's value from an item's JSON without n8n, or undefined when it holds an
 * expression of another shape. Objects and lists are resolved leaf by leaf, as n8n does: fixed
 * leaves stay as they are, `$json` leaves are read from the item.
 */
function directResolver(raw: unknown): Resolve | undefined {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return () => raw;
		const steps = jsonPathOf(raw);
		return steps && ((json) => readPath(json, steps));
	}
	if (Array.isArray(raw)) {
		const entries = raw.map(directResolver);
		if (entries.some((entry) => entry === undefined)) return undefined;
		return (json) => {
			const values = (entries as Resolve[]).map((entry) => entry(json));
			return values.includes(FALL_BACK) ? FALL_BACK : values;
		};
	}
	if (isPlainObject(raw)) {
		const entries = Object.entries(raw).map(([key, value]) => [key, directResolver(value)] as const);
		if (entries.some(([, entry]) => entry === undefined)) return undefined;
		return (json) => {
			const result: Record<string, unknown> = {};
			for (const [key, entry] of entries) {
				const value = (entry as Resolve)(json);
				if (value === FALL_BACK) return FALL_BACK;
				result[key] = value;
			}
			return result;
		};
	}
	return typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? () => raw : undefined;
}

/**
 * Reads a parameter per item as n8n's `getNodeParameter` would, but cheaper where the result is
 * provably the same:
 * - a fixed value (no expression) is read once: it is the same for every item;
 * - `={{ $json.field }}`-shaped expressions (also inside a collection) are read straight from the
 *   item's JSON: n8n's `$json` is that very object, and building n8n's expression context costs
 *   tens of microseconds an item. Only without options (no `extractValue`, `ensureType`) and
 *   while no parameter of the node declares `validateType` (n8n's only other step);
 *   test/engine/parameters.test.ts checks both against n8n's own evaluation.
 * Everything else is n8n's evaluation, per item. Callers must not mutate what they get, as items
 * may share it.
 */
export function parameterReader<T = NodeParameterValueType | object>(
	ctx: IExecuteFunctions,
	path: string,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): (itemIndex: number) => T {
	const read = (itemIndex: number) => ctx.getNodeParameter(path, itemIndex, fallback, options) as T;
	const raw = rawParameter(ctx, path);
	if (!containsExpression(raw)) {
		let cached: { value: T } | undefined;
		return (itemIndex) => {
			cached ??= { value: read(itemIndex) };
			return cached.value;
		};
	}
	const resolve = options === undefined ? directResolver(raw) : undefined;
	if (!resolve) return read;
	let items: INodeExecutionData[] | undefined;
	return (itemIndex) => {
		items ??= ctx.getInputData();
		const item = items[itemIndex];
		const value = item === undefined ? FALL_BACK : resolve(item.json);
		return value === FALL_BACK ? read(itemIndex) : (value as T);
	};
}
