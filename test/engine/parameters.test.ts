/**
 * The node reads `={{ $json.field }}`-shaped parameters straight from the item instead of running
 * n8n's expression engine per item. Here both run side by side inside n8n-core's engine, for a
 * varied set of expressions and items: every value (or error) must be what n8n itself gives.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { jsonPathOf, parameterReader } from '../../nodes/Altcraft/engine/parameters';
import { runWorkflow, shutdownEngine } from '../../devkit/engine';

afterAll(() => shutdownEngine());

const ITEMS: IDataObject[] = [
	{
		email: 'john@example.com',
		n: 42,
		zero: 0,
		f: 1.5,
		yes: true,
		no: false,
		nil: null,
		empty: '',
		list: [1, 'two', { three: 3 }],
		nested: { a: { b: 'deep', n: 7 }, list: ['x'] },
		'first name': 'John',
		'a"b': 'quoted',
	},
	{ email: 'jane@example.com', n: -1, nested: { a: null }, list: [] },
	{},
	{ email: ['a@example.com'], nested: 'text', list: 'not a list', n: '42' },
	{ nested: { a: { b: { c: [1, { d: 'x' }] } } }, when: new Date('2024-01-02T03:04:05Z') as unknown as string },
];

/**
 * [expression, how the node reads it]: 'item' straight from the item; 'item-shaped' has the shape
 * but every test item leads where a plain read could differ (a step into a non-object), so n8n
 * decides; 'n8n' is not the shape at all.
 */
type Route = 'item' | 'item-shaped' | 'n8n';
const EXPRESSIONS: Array<[string, Route]> = [
	['={{ $json.email }}', 'item'],
	['={{$json.email}}', 'item'],
	['={{   $json.n   }}', 'item'],
	['={{ $json.zero }}', 'item'],
	['={{ $json.f }}', 'item'],
	['={{ $json.yes }}', 'item'],
	['={{ $json.no }}', 'item'],
	['={{ $json.nil }}', 'item'],
	['={{ $json.empty }}', 'item'],
	['={{ $json.missing }}', 'item'],
	['={{ $json.list }}', 'item'],
	['={{ $json.list[1] }}', 'item'],
	['={{ $json.list[2].three }}', 'item'],
	['={{ $json.list[9] }}', 'item'],
	['={{ $json.nested }}', 'item'],
	['={{ $json.nested.a.b }}', 'item'],
	['={{ $json.nested.a.n }}', 'item'],
	['={{ $json.nested.a.b.c[1].d }}', 'item'],
	['={{ $json.nested.list[0] }}', 'item'],
	['={{ $json["first name"] }}', 'item'],
	["={{ $json['first name'] }}", 'item'],
	['={{ $json["a\\"b"] }}', 'item'],
	['={{ $json[ "email" ] }}', 'item'],
	['={{ $json }}', 'item'],
	['={{ $json.when }}', 'item'],
	['={{ $json.missing.deeper }}', 'item-shaped'],
	// Text around the braces, operators, calls, other variables: n8n evaluates them.
	['={{ $json.email }} ', 'n8n'],
	['= {{ $json.email }}', 'n8n'],
	['=Hello {{ $json["first name"] }}!', 'n8n'],
	['={{ $json.email }}{{ $json.n }}', 'n8n'],
	['={{ $json.n + 1 }}', 'n8n'],
	['={{ $json.email.toUpperCase() }}', 'n8n'],
	['={{ $json.email?.length }}', 'n8n'],
	['={{ $json.list.length }}', 'item-shaped'],
	['={{ $json["fir" + "st name"] }}', 'n8n'],
	['={{ $json[0] }}', 'item-shaped'],
	['={{ $json.constructor }}', 'n8n'],
	['={{ $json.toString }}', 'n8n'],
	['={{ $json.__proto__ }}', 'n8n'],
	['={{ $json["\\u0065mail"] }}', 'n8n'],
	['={{ $item(0).$node["Trigger"].json.email }}', 'n8n'],
	['={{ $("Trigger").item.json.email }}', 'n8n'],
	['={{ $input.item.json.email }}', 'n8n'],
	['={{ 42 }}', 'n8n'],
	['={{ null }}', 'n8n'],
	['plain text, no expression', 'n8n'],
];

interface Comparison extends IDataObject {
	expression: string;
	item: number;
	same: boolean;
	n8n: IDataObject;
	node: IDataObject;
	n8nCalls: number;
}

const outcome = (read: () => unknown): IDataObject => {
	try {
		return { value: read() as IDataObject };
	} catch (error) {
		return { error: (error as Error).message };
	}
};

/** A node with one string parameter that reports, per item, n8n's value and the reader's. */
class Compare implements INodeType {
	description = {
		displayName: 'Compare',
		name: 'compare',
		group: ['transform'],
		version: 1,
		description: 'Compares parameterReader with getNodeParameter',
		defaults: { name: 'Compare' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'A', name: 'a', type: 'string', default: '' },
					{ displayName: 'B', name: 'b', type: 'string', default: '' },
					{ displayName: 'List', name: 'list', type: 'json', default: '' },
					{ displayName: 'N', name: 'n', type: 'number', default: 0 },
				],
			},
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let n8nCalls = 0;
		// The same context, counting how often the reader asks n8n to evaluate.
		const counting = Object.create(this) as IExecuteFunctions;
		counting.getNodeParameter = ((...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
			n8nCalls++;
			return this.getNodeParameter(...args);
		}) as IExecuteFunctions['getNodeParameter'];
		// n8n fills in defaults: an empty collection means the test is about `value`.
		const fields = this.getNode().parameters.fields as IDataObject | undefined;
		const name = fields && Object.keys(fields).length > 0 ? 'fields' : 'value';
		const read = parameterReader(counting, name);
		return [
			this.getInputData().map((_, item) => {
				const before = n8nCalls;
				const node = outcome(() => read(item));
				const calls = n8nCalls - before;
				const n8n = outcome(() => this.getNodeParameter(name, item));
				return { json: { item, same: isDeepStrictEqual(node, n8n), n8n, node, n8nCalls: calls }, pairedItem: { item } };
			}),
		];
	}
}

async function compare(expression: string, parameters: INodeParameters = { value: expression }): Promise<Comparison[]> {
	const result = await runWorkflow({
		parameters,
		items: ITEMS.map((json) => ({ json })),
		credentials: { apiUrl: 'http://127.0.0.1:1', apiToken: 'unused' },
		node: { type: 'n8n-nodes-test.compare', typeVersion: 1, nodeType: new Compare() },
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => ({ ...(item.json as Comparison), expression }));
}

describe.each(EXPRESSIONS)('%s', (expression, route) => {
	test(`${route === 'n8n' ? 'evaluated by n8n' : 'read from the item where provably the same'}: equal to n8n for every item`, async () => {
		const comparisons = await compare(expression);
		expect(comparisons).toHaveLength(ITEMS.length);
		for (const comparison of comparisons) {
			expect({ item: comparison.item, node: comparison.node }).toEqual({ item: comparison.item, node: comparison.n8n });
			expect(comparison.same).toBe(true);
		}
		const askedN8n = comparisons.filter((comparison) => comparison.n8nCalls > 0).length;
		if (route === 'n8n') {
			expect(jsonPathOf(expression)).toBeUndefined();
			// A fixed value is evaluated once; an expression for every item.
			expect(askedN8n).toBe(expression.startsWith('=') ? ITEMS.length : 1);
		} else {
			expect(jsonPathOf(expression)).toBeDefined();
			if (route === 'item') expect(askedN8n).toBeLessThan(ITEMS.length);
			else expect(askedN8n).toBe(ITEMS.length);
		}
	});
});

test('the common shapes never ask n8n, whatever the item holds', async () => {
	for (const expression of ['={{ $json.email }}', '={{ $json["first name"] }}', '={{ $json.nested.a }}']) {
		const comparisons = await compare(expression);
		// Only `nested.a` of an item without an object at `nested` (items 2 and 3) goes to n8n.
		const expected = ITEMS.map((json) =>
			expression.includes('nested') && (typeof json.nested !== 'object' || json.nested === null) ? 1 : 0,
		);
		expect(comparisons.map((comparison) => comparison.n8nCalls)).toEqual(expected);
	}
});

/** [collection, how the node reads it] */
const COLLECTIONS: Array<[INodeParameters, Route]> = [
	[{ a: '={{ $json.email }}', b: 'fixed', n: 3 }, 'item'],
	[{ a: '={{ $json.nested.a }}', list: '={{ $json.list }}' }, 'item'],
	[{ a: '={{ $json.email }}', b: '=Dear {{ $json["first name"] }}' }, 'n8n'],
	[{ a: '={{ $json.email }}', n: '={{ $json.n * 2 }}' }, 'n8n'],
];

describe.each(COLLECTIONS)('collection %j', (fields, route) => {
	test(`${route === 'n8n' ? 'evaluated by n8n' : 'read from the item where provably the same'}: equal to n8n for every item`, async () => {
		const comparisons = await compare(JSON.stringify(fields), { fields });
		for (const comparison of comparisons) {
			expect({ item: comparison.item, node: comparison.node }).toEqual({ item: comparison.item, node: comparison.n8n });
			expect(comparison.same).toBe(true);
		}
		const askedN8n = comparisons.filter((comparison) => comparison.n8nCalls > 0).length;
		if (route === 'n8n') expect(askedN8n).toBe(ITEMS.length);
		else expect(askedN8n).toBeLessThan(ITEMS.length);
	});
});

/**
 * n8n validates a parameter against `validateType` after evaluating it; the direct read skips
 * that step, so it is only equal while no parameter of the node declares one.
 */
test('no parameter of the node declares validateType (the direct read relies on it)', () => {
	const declaring: string[] = [];
	const visit = (properties: unknown[], path: string) => {
		for (const property of properties as Array<INodeProperties & { values?: unknown[] }>) {
			if (property.validateType) declaring.push(`${path}${property.name}`);
			const nested = (property.options ?? []) as Array<{ values?: unknown[] }>;
			if (Array.isArray(property.options))
				visit(
					property.options.filter(
						(entry) => typeof entry === 'object' && 'name' in entry && ('type' in entry || 'values' in entry),
					),
					`${path}${property.name}.`,
				);
			for (const entry of nested) if (Array.isArray(entry.values)) visit(entry.values, `${path}${property.name}.`);
		}
	};
	visit(new Altcraft().description.properties, '');
	expect(declaring).toEqual([]);
});
