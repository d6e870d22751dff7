import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { checkKey, checkKeys } from '../engine/keys';
import { parameterReader } from '../engine/parameters';
import { readJsonObject } from '../engine/validators';

/**
 * An object of the request (content, custom data, a profile's custom fields) as n8n's HTTP Request
 * node offers a body: one choice, "Using Fields Below" (name/value pairs, values may be
 * expressions giving lists or objects) or "Using JSON", and the one input that choice shows.
 */
export interface ObjectInputSpec {
	displayName: string;
	/** The choice's parameter name; `<name>Values` holds the pairs, `<name>Json` the JSON. */
	name: string;
	/** What one pair is called, e.g. "Variable". */
	itemName: string;
	/** The pairs' display name, e.g. "Content Variables". */
	valuesName: string;
	description: string;
	/** A JSON example for the description (the default stays `{}`: an example must never be sent). */
	jsonExample: string;
	example: [string, string];
	displayOptions?: INodeProperties['displayOptions'];
	/** A load options method that lists the names to pick from (depending on the Database picker). */
	nameList?: string;
}

function nameInput(spec: ObjectInputSpec): INodeProperties {
	const base = { displayName: 'Name', name: 'name', default: '' };
	if (!spec.nameList) return { ...base, type: 'string', placeholder: `e.g. ${spec.example[0]}` };
	return {
		...base,
		displayName: 'Name or ID',
		type: 'options',
		typeOptions: { loadOptionsMethod: spec.nameList, loadOptionsDependsOn: ['database.value'] },
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}

type ObjectInputMode = 'none' | 'fields' | 'json';

function shownWhen(spec: ObjectInputSpec, mode: ObjectInputMode): INodeProperties['displayOptions'] {
	const show = { ...spec.displayOptions?.show, [spec.name]: [mode] };
	return { ...spec.displayOptions, show };
}

export function objectInput(spec: ObjectInputSpec): INodeProperties[] {
	return [
		{
			displayName: spec.displayName,
			name: spec.name,
			type: 'options',
			noDataExpression: true,
			default: 'none',
			description: spec.description,
			displayOptions: spec.displayOptions,
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: spec.valuesName,
			name: `${spec.name}Values`,
			type: 'fixedCollection',
			placeholder: `Add ${spec.itemName}`,
			default: {},
			typeOptions: { multipleValues: true },
			displayOptions: shownWhen(spec, 'fields'),
			options: [
				{
					displayName: spec.itemName,
					name: 'values',
					values: [
						nameInput(spec),
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: `e.g. ${spec.example[1]}`,
							hint: 'An expression may give a list or an object, e.g. {{ $json.lines }}',
						},
					],
				},
			],
		},
		{
			displayName: `${spec.displayName} (JSON)`,
			name: `${spec.name}Json`,
			type: 'json',
			default: '{}',
			description: `${spec.displayName} as one JSON object, e.g. ${spec.jsonExample}`,
			displayOptions: shownWhen(spec, 'json'),
		},
	];
}

interface NameValues {
	values?: Array<{ name?: string; value?: unknown }>;
}

function fromPairs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	pairs: NameValues | undefined,
): IDataObject {
	const result: IDataObject = {};
	for (const pair of pairs?.values ?? []) {
		const name = String(pair.name ?? '').trim();
		if (name === '') {
			failItem(
				ctx,
				itemIndex,
				`A ${label} entry has no name (item ${itemIndex})`,
				`Give every ${label} entry a name, or remove the empty entry.`,
			);
		}
		checkKey(ctx, itemIndex, `${label} name`, name);
		if (Object.prototype.hasOwnProperty.call(result, name)) {
			failItem(
				ctx,
				itemIndex,
				`${label} names "${name}" twice (item ${itemIndex})`,
				`Keep one ${label} entry named "${name}": only one value can be sent.`,
			);
		}
		result[name] = checkKeys(ctx, itemIndex, `${label} "${name}"`, pair.value) as IDataObject;
	}
	return result;
}

/** Reads an object input per item (built once per execution); undefined when nothing is to be sent. */
export function objectInputReader(
	ctx: IExecuteFunctions,
	spec: Pick<ObjectInputSpec, 'name' | 'displayName'>,
): (itemIndex: number) => IDataObject | undefined {
	const mode = ctx.getNodeParameter(spec.name, 0, 'none') as ObjectInputMode;
	if (mode === 'fields') {
		const pairs = parameterReader<NameValues>(ctx, `${spec.name}Values`, {});
		return (itemIndex) => {
			const result = fromPairs(ctx, itemIndex, spec.displayName, pairs(itemIndex));
			return Object.keys(result).length > 0 ? result : undefined;
		};
	}
	if (mode === 'json') {
		const json = parameterReader(ctx, `${spec.name}Json`, '{}');
		return (itemIndex) => {
			const result = readJsonObject(ctx, itemIndex, `${spec.displayName} (JSON)`, json(itemIndex));
			return Object.keys(result).length > 0 ? result : undefined;
		};
	}
	return () => undefined;
}
