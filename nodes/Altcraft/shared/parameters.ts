import type { IExecuteFunctions, IGetNodeParameterOptions, NodeParameterValueType } from 'n8n-workflow';

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

/**
 * Reads a parameter per item, but only evaluates it per item when it holds an expression: a fixed
 * value is the same for every item, and n8n's parameter resolution costs tens of microseconds a
 * call. Callers must not mutate what they get, as items may share it.
 */
export function parameterReader<T = NodeParameterValueType | object>(
	ctx: IExecuteFunctions,
	path: string,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): (itemIndex: number) => T {
	const read = (itemIndex: number) => ctx.getNodeParameter(path, itemIndex, fallback, options) as T;
	if (containsExpression(rawParameter(ctx, path))) return read;
	let cached: { value: T } | undefined;
	return (itemIndex) => {
		cached ??= { value: read(itemIndex) };
		return cached.value;
	};
}
