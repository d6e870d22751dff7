/**
 * n8n-nodes-base does not install here, so the example workflows' other nodes run as stand-ins:
 * each does what the real node does for the parameters the examples use, and refuses anything
 * else, so that an example needing more fails loudly instead of running something else.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	validateFieldType,
} from 'n8n-workflow';

function describe(
	name: string,
	version: number,
	properties: INodeTypeDescription['properties'],
	outputs: INodeTypeDescription['outputs'] = [NodeConnectionTypes.Main],
) {
	return {
		displayName: `${name} (stand-in)`,
		name,
		group: ['transform'],
		version,
		description: `Stand-in for n8n's ${name} node`,
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs,
		properties,
	} as INodeTypeDescription;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
	...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Code v2, JavaScript, Run Once for All Items: `return` a list of items (or of plain objects); `$input`, `$json`, `$()`. */
class Code implements INodeType {
	description = describe('code', 2, [
		{ displayName: 'Mode', name: 'mode', type: 'string', default: 'runOnceForAllItems' },
		{ displayName: 'Language', name: 'language', type: 'string', default: 'javaScript' },
		{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		const language = this.getNodeParameter('language', 0) as string;
		if (mode !== 'runOnceForAllItems' || language !== 'javaScript')
			throw new NodeOperationError(this.getNode(), `The Code stand-in runs only JavaScript once for all items`);
		const items = this.getInputData();
		const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
		// `$('Node name')`: n8n's own workflow data proxy, as the real Code node gets it.
		const { $ } = this.getWorkflowDataProxy(0);
		const code = new AsyncFunction('$', '$input', '$json', 'items', this.getNodeParameter('jsCode', 0) as string);
		const result = await code($, $input, items[0]?.json, items);
		if (!Array.isArray(result)) throw new NodeOperationError(this.getNode(), 'The code must return a list of items');
		return [result.map((entry: IDataObject) => ('json' in entry ? (entry as INodeExecutionData) : { json: entry }))];
	}
}

/** A CSV cell as spreadsheets write it: quoted when it holds a comma, a quote or a line break. */
function csvCell(value: unknown): string {
	const text =
		value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Convert to File v1.1, operation CSV: all items into one CSV file (a header row, a row per item). */
class ConvertToFile implements INodeType {
	description = describe('convertToFile', 1.1, [
		{ displayName: 'Operation', name: 'operation', type: 'string', default: 'csv' },
		{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
		{ displayName: 'Options', name: 'options', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const options = this.getNodeParameter('options', 0) as { fileName?: string };
		const unknown = Object.keys(options).filter((option) => option !== 'fileName');
		if (operation !== 'csv' || unknown.length > 0)
			throw new NodeOperationError(this.getNode(), `The Convert to File stand-in writes only CSV, with a file name`);
		const items = this.getInputData();
		const rows = items.map((item) => item.json);
		const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
		const csv = [header, ...rows.map((row) => header.map((key) => row[key]))]
			.map((cells) => cells.map(csvCell).join(','))
			.join('\n');
		const file = await this.helpers.prepareBinaryData(Buffer.from(csv), options.fileName ?? 'data.csv', 'text/csv');
		const field = this.getNodeParameter('binaryPropertyName', 0) as string;
		return [[{ json: {}, binary: { [field]: file }, pairedItem: items.map((_, item) => ({ item })) }]];
	}
}

/**
 * If v2.2: each item to the true or the false output. The conditions are n8n's own filter
 * parameter, so n8n-workflow evaluates them (executeFilter), exactly as in the real node.
 */
class IfNode implements INodeType {
	description = describe(
		'if',
		2.2,
		[
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
		[NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0) as IDataObject;
		if (Object.keys(options).length > 0)
			throw new NodeOperationError(this.getNode(), 'The If stand-in takes no options');
		const kept: INodeExecutionData[] = [];
		const discarded: INodeExecutionData[] = [];
		this.getInputData().forEach((item, index) => {
			const pass = this.getNodeParameter('conditions', index, false, { extractValue: true }) as boolean;
			(pass ? kept : discarded).push({ ...item, pairedItem: { item: index } });
		});
		return [kept, discarded];
	}
}

interface Assignment {
	name: string;
	value: unknown;
	type: string;
}

/** Edit Fields (Set) v3.4, Manual Mapping without other fields: each item becomes its string assignments. */
class EditFields implements INodeType {
	description = describe('set', 3.4, [
		{ displayName: 'Mode', name: 'mode', type: 'string', default: 'manual' },
		{ displayName: 'Include Other Input Fields', name: 'includeOtherFields', type: 'boolean', default: false },
		{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
		{ displayName: 'Options', name: 'options', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		const others = this.getNodeParameter('includeOtherFields', 0) as boolean;
		const options = this.getNodeParameter('options', 0) as IDataObject;
		if (mode !== 'manual' || others || Object.keys(options).length > 0)
			throw new NodeOperationError(
				this.getNode(),
				'The Set stand-in maps fields manually, without other fields or options',
			);
		return [
			this.getInputData().map((_, index) => {
				const assignments = this.getNodeParameter('assignments.assignments', index, []) as Assignment[];
				const json: IDataObject = {};
				for (const { name, value, type } of assignments) {
					if (type !== 'string')
						throw new NodeOperationError(this.getNode(), `The Set stand-in sets only strings, not ${type}`, {
							itemIndex: index,
						});
					const checked = validateFieldType(name, value, 'string');
					if (!checked.valid) throw new NodeOperationError(this.getNode(), checked.errorMessage, { itemIndex: index });
					json[name] = checked.newValue as string;
				}
				return { json, pairedItem: { item: index } };
			}),
		];
	}
}

/** The stand-ins by node type, as the example workflows name them. */
export const STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.code': new Code(),
	'n8n-nodes-base.convertToFile': new ConvertToFile(),
	'n8n-nodes-base.if': new IfNode(),
	'n8n-nodes-base.set': new EditFields(),
};
