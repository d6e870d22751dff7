import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ATTACHMENTS_FIELD, attachmentRefs, type AttachmentRef, type AttachmentSources } from './attachments';
import { objectFields, readObject, type NameValues } from './objectFields';
import { digest } from './requestId';

/**
 * What every launch carries besides its recipients, whichever endpoint it goes to (start,
 * start_batch, import_and_start): content, custom data and attachments.
 */
const CONTENT_FIELDS = objectFields({
	displayName: 'Content',
	name: 'content',
	itemName: 'Variable',
	description:
		'Values for the API content filter node and {apicontent.*} template variables. A value may be an expression that gives a list or an object, e.g. a list of lines.',
	jsonDescription:
		'Content as one JSON object, e.g. {"data_lines": ["Channel A", "Channel B"]}. Content variables set above win over keys of the same name.',
	example: ['email_title', 'New videos on your favorite channels'],
});

const CUSTOM_DATA_FIELDS = objectFields({
	displayName: 'Custom Data',
	name: 'customData',
	itemName: 'Entry',
	description: 'Data for integration action hooks (custom_data)',
	jsonDescription: 'Custom data as one JSON object. Values set above win over keys of the same name.',
	example: ['order_id', '10025'],
});

export const MESSAGE_FIELDS: INodeProperties[] = [ATTACHMENTS_FIELD, ...CONTENT_FIELDS, ...CUSTOM_DATA_FIELDS];

export interface Message {
	/** `content` and `custom_data` when set. */
	fields: IDataObject;
	attachments: AttachmentRef[];
}

/** One item's message parts from an Additional Fields collection; checked, not yet sent. */
export function readMessage(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject): Message {
	const message: IDataObject = {};
	const content = readObject(ctx, itemIndex, 'Content', fields.content as NameValues, fields.contentJson);
	if (content) message.content = content;
	const customData = readObject(ctx, itemIndex, 'Custom Data', fields.customData as NameValues, fields.customDataJson);
	if (customData) message.custom_data = customData;
	return { fields: message, attachments: attachmentRefs(ctx, itemIndex, fields.attachments as AttachmentSources) };
}

/**
 * A fingerprint of everything a request carries besides its recipients: two items with the same
 * digest may share a request. Binary attachments count by their fingerprint, not their bytes.
 */
export function messageDigest(parts: unknown[], fields: IDataObject, attachments: AttachmentRef[]): string {
	const files = attachments.map((ref) => ('data' in ref ? ref : { name: ref.name, mime: ref.mime, file: ref.fingerprint }));
	return digest([...parts, fields, files]);
}

/** Bytes the inline (data URL) attachments add; binary ones are checked when they are read. */
export function inlineAttachmentBytes(attachments: AttachmentRef[]): number {
	return attachments.reduce((sum, ref) => sum + ('data' in ref ? ref.data.length : 0), 0);
}
