import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows an operation's top-level properties only for that resource and operation. */
export function withDisplay(properties: INodeProperties[], show: IDisplayOptions['show']): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}

function collection(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	const sorted = [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName, name, type: 'collection', placeholder, default: {}, options: sorted };
}

/** An operation's Additional Fields: optional request fields, alphabetical. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return collection('Additional Fields', 'additionalFields', 'Add Field', options);
}

/** An operation's Options: how its requests travel, alphabetical. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return collection('Options', 'options', 'Add Option', options);
}
