import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows an operation's top-level properties only for that resource and operation. */
export function withDisplay(properties: INodeProperties[], show: IDisplayOptions['show']): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}
