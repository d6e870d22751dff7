import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { digest } from '../helpers/hash';

/** Files attached to the messages (`attach`): from the item's binary fields or from data URLs. */
export const ATTACHMENTS_FIELD: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'fixedCollection',
	placeholder: 'Add Attachment',
	// Not empty: n8n drops an empty collection, and Attachments would vanish on the next change.
	default: { binary: [{ binaryPropertyName: 'data', fileName: '' }] },
	typeOptions: { multipleValues: true },
	description: "Files to attach to the message, from the item's binary data or as data URLs",
	options: [
		{
			displayName: 'From Binary Field',
			name: 'binary',
			values: [
				{
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					placeholder: 'e.g. data',
					hint: 'The name of the input binary field; several names separated by commas attach several files',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. invoice.pdf',
					description: 'Name of the attached file; the binary file name when empty',
				},
			],
		},
		{
			displayName: 'From Data URL',
			name: 'dataUrl',
			values: [
				{
					displayName: 'Data URL',
					name: 'data',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. data:text/csv;base64,SEVMTE8K',
					description: 'The file as a data URL: its type and its content in Base64',
				},
				{
					displayName: 'File Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. US.txt',
				},
			],
		},
	],
};

const DATA_URL = /^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[^;,]+)*;base64,[A-Za-z0-9+/]*={0,2}$/;

export interface AttachmentSources {
	binary?: Array<{ binaryPropertyName?: string; fileName?: string }>;
	dataUrl?: Array<{ data?: string; name?: string }>;
}

/** A checked attachment; a binary one's bytes are read only when its launch is sent. */
export type AttachmentRef =
	| { name: string; data: string }
	/** `fingerprint` tells files apart without reading them: the stored file's ID, or a hash of inline data. */
	| { name: string; property: string; mime: string; fingerprint: string };

export function attachmentRefs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	sources: AttachmentSources | undefined,
): AttachmentRef[] {
	const refs: AttachmentRef[] = [];
	const binaries = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const entry of sources?.binary ?? []) {
		const names = String(entry.binaryPropertyName ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean);
		if (names.length === 0) {
			failItem(
				ctx,
				itemIndex,
				`An attachment has no input binary field (item ${itemIndex})`,
				'Enter the name of the binary field that holds the file, e.g. data.',
			);
		}
		const givenName = entry.fileName?.trim();
		if (givenName && names.length > 1) {
			failItem(
				ctx,
				itemIndex,
				`One File Name cannot name ${names.length} attachments (item ${itemIndex})`,
				"Leave File Name empty to use each file's own name, or add one attachment entry per binary field.",
			);
		}
		for (const property of names) {
			const binary = binaries[property];
			if (!binary) {
				const available = Object.keys(binaries);
				failItem(
					ctx,
					itemIndex,
					`Item ${itemIndex} has no binary field "${property}" to attach`,
					available.length > 0
						? `Its binary fields are: ${available.join(', ')}. Set Input Binary Field to one of them.`
						: 'The item has no binary data. Read or download the file in a node before this one, e.g. Read/Write Files from Disk or HTTP Request.',
				);
			}
			refs.push({
				property,
				mime: binary.mimeType || 'application/octet-stream',
				name: givenName || binary.fileName || property,
				fingerprint: binary.id ?? digest([binary.data]),
			});
		}
	}
	for (const entry of sources?.dataUrl ?? []) {
		const data = String(entry.data ?? '').trim();
		const name = String(entry.name ?? '').trim();
		if (!DATA_URL.test(data)) {
			failItem(
				ctx,
				itemIndex,
				`An attachment's data URL is not a Base64 data URL (item ${itemIndex})`,
				'Write it as data:, the file type, ;base64, and the content in Base64, e.g. data:text/csv;base64,SEVMTE8K, or attach the file from a binary field instead.',
			);
		}
		if (name === '') {
			failItem(
				ctx,
				itemIndex,
				`An attachment from a data URL has no file name (item ${itemIndex})`,
				'Give the attachment a file name, e.g. report.csv.',
			);
		}
		refs.push({ data, name });
	}
	return refs;
}

/** The `attach` field: data URLs as given, binary files read now. */
export async function attachmentsFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	refs: AttachmentRef[],
): Promise<IDataObject[] | undefined> {
	if (refs.length === 0) return undefined;
	return Promise.all(
		refs.map(async (ref) => {
			if ('data' in ref) return { data: ref.data, name: ref.name };
			const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, ref.property);
			return { data: `data:${ref.mime};base64,${buffer.toString('base64')}`, name: ref.name };
		}),
	);
}
