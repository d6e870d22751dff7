import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ATTACHMENTS_FIELD, attachmentRefs, type AttachmentRef, type AttachmentSources } from './attachments';
import { objectInput, objectInputReader } from './objectFields';
import { digestText } from '../helpers/hash';

/**
 * What every launch carries besides its recipients, whichever endpoint it goes to (start,
 * start_batch, import_and_start): content and custom data (top-level choices, as the HTTP Request
 * node offers a body) and attachments (under Additional Fields).
 */
const CONTENT = {
	displayName: 'Content',
	name: 'content',
	itemName: 'Variable',
	valuesName: 'Content Variables',
	description: "Values for this launch's message: the template's {apicontent.*} variables and the API content filter",
	jsonExample: '{"email_title": "New videos", "data_lines": ["Channel A", "Channel B"]}',
	example: ['email_title', 'New videos on your favorite channels'] as [string, string],
};

const CUSTOM_DATA = {
	displayName: 'Custom Data',
	name: 'customData',
	itemName: 'Entry',
	valuesName: 'Custom Data Entries',
	description: "Data passed to the trigger mailing's integration actions",
	jsonExample: '{"order_id": "10025"}',
	example: ['order_id', '10025'] as [string, string],
};

/** Custom Data where each recipient also has data of their own (Launch in Bulk): named so the two differ. */
const SHARED_CUSTOM_DATA = {
	...CUSTOM_DATA,
	displayName: 'Custom Data for All Recipients',
	description:
		"Data passed to the trigger mailing's integration actions, the same for every recipient sent together; each recipient's own data goes in Recipient Custom Data",
};

/**
 * Top-level properties. `perRecipientModes`: the Launch Modes in which each recipient has custom
 * data of its own; there Custom Data shows as "Custom Data for All Recipients" (same parameter).
 */
export function messageInputs(perRecipientModes: string[] = []): INodeProperties[] {
	if (perRecipientModes.length === 0) return [...objectInput(CONTENT), ...objectInput(CUSTOM_DATA)];
	return [
		...objectInput(CONTENT),
		...objectInput({ ...CUSTOM_DATA, displayOptions: { hide: { launchMode: perRecipientModes } } }),
		...objectInput({ ...SHARED_CUSTOM_DATA, displayOptions: { show: { launchMode: perRecipientModes } } }),
	];
}

export { ATTACHMENTS_FIELD };

export interface Message {
	/** `content` and `custom_data` when set. */
	fields: IDataObject;
	attachments: AttachmentRef[];
}

/**
 * Reads one item's message: content and custom data from their top-level inputs, attachments from
 * the item's Additional Fields; checked, not yet sent. Build once per execution.
 */
export function messageReader(ctx: IExecuteFunctions): (itemIndex: number, additionalFields: IDataObject) => Message {
	const content = objectInputReader(ctx, CONTENT);
	const customData = objectInputReader(ctx, CUSTOM_DATA);
	return (itemIndex, additionalFields) => {
		const fields: IDataObject = {};
		const contentValue = content(itemIndex);
		if (contentValue) fields.content = contentValue;
		const customDataValue = customData(itemIndex);
		if (customDataValue) fields.custom_data = customDataValue;
		return { fields, attachments: attachmentRefs(ctx, itemIndex, additionalFields.attachments as AttachmentSources) };
	};
}

/**
 * A fingerprint of everything a request carries besides its recipients: two items with the same
 * digest may share a request. Binary attachments count by their fingerprint, not their bytes.
 */
export function messageDigest(parts: unknown[], fields: IDataObject, attachments: AttachmentRef[]): string {
	const files = attachments.map((ref) =>
		'data' in ref ? ref : { name: ref.name, mime: ref.mime, file: ref.fingerprint },
	);
	const text = JSON.stringify([...parts, fields, files]);
	// Items of one run mostly ask for the same message: its hash is computed once, not per item.
	if (text !== last.text) last = { text, digest: digestText(text) };
	return last.digest;
}

let last = { text: '', digest: '' };

/** Bytes the inline (data URL) attachments add; binary ones are checked when they are read. */
export function inlineAttachmentBytes(attachments: AttachmentRef[]): number {
	return attachments.reduce((sum, ref) => sum + ('data' in ref ? ref.data.length : 0), 0);
}
