import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Shows an operation's top-level properties only for that resource and operation. */
export function withDisplay(properties: INodeProperties[], show: IDisplayOptions['show']): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}

/** What a resource's index lists for each operation (actions/node.type.ts AltcraftOperation, structurally). */
interface OperationEntry {
	option: INodePropertyOptions;
	description: INodeProperties[];
}

/**
 * A resource's part of the node description: its Operation list (the first operation is the
 * default) and every operation's fields.
 */
export function resourceDescription(resource: string, operations: Record<string, OperationEntry>): INodeProperties[] {
	const entries = Object.values(operations);
	const first = entries[0].option.value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			default: first,
			options: entries.map((operation) => operation.option),
		},
		...entries.flatMap((operation) => operation.description),
	];
}

const byName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** An operation's Additional Fields (what it may send besides its main fields), in alphabetical order. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort(byName),
	};
}

/** An operation's Options (how its requests travel), in alphabetical order. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort(byName),
	};
}
