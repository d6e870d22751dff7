import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../../../engine/failures';
import { objectInput, objectInputReader } from '../../../fields/objectFields';

/** [DOC: Goals and goal values registration] pixel_data is flat and at most 1 KB. */
const PIXEL_DATA_MAX_BYTES = 1024;

const PIXEL_DATA = {
	displayName: 'Pixel Data',
	name: 'pixelData',
	itemName: 'Entry',
	valuesName: 'Pixel Data Entries',
	description:
		'Extra data of the event, e.g. the order number: flat name/value pairs (no lists or nested objects), at most 1 KB',
	jsonExample: '{"order_id": "A-1001", "items": 2}',
	example: ['order_id', '{{ $json.orderId }}'] as [string, string],
};

export const PIXEL_DATA_INPUT: INodeProperties[] = objectInput(PIXEL_DATA);

/**
 * Reads an item's Pixel Data and refuses, before anything is sent, what Altcraft's page forbids: a
 * list or an object as a value, or more than 1 KB as JSON (UTF-8) [INF: the page does not say in
 * which format the 1 KB is counted; JSON is what it shows].
 */
export function pixelDataReader(ctx: IExecuteFunctions): (itemIndex: number) => IDataObject | undefined {
	const read = objectInputReader(ctx, PIXEL_DATA);
	return (itemIndex) => {
		const data = read(itemIndex);
		if (!data) return undefined;
		for (const [name, value] of Object.entries(data)) {
			if (value !== null && typeof value === 'object') {
				failItem(
					ctx,
					itemIndex,
					`Pixel Data "${name}" is ${Array.isArray(value) ? 'a list' : 'an object'}; Altcraft takes only flat values (item ${itemIndex})`,
					'Give each Pixel Data entry one value (text, number or true/false). Spread a list over several entries, or join it into one text, e.g. {{ $json.skus.join(",") }}.',
				);
			}
		}
		const bytes = Buffer.byteLength(JSON.stringify(data));
		if (bytes > PIXEL_DATA_MAX_BYTES) {
			failItem(
				ctx,
				itemIndex,
				`Pixel Data is ${bytes} bytes, over Altcraft's 1 KB (${PIXEL_DATA_MAX_BYTES} bytes) (item ${itemIndex})`,
				'Send fewer or shorter Pixel Data entries; keep large data in the profile or in your own system and send its ID.',
			);
		}
		return data;
	};
}
