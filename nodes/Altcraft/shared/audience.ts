import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { errorForItem, errorItem } from './items';
import { matchValueReader, type MatchingMode } from './matching';

export const DEFAULT_PROFILES_PER_REQUEST = 1000;
export const MAX_PROFILES_PER_REQUEST = 10000;

const audienceOnly = { show: { '/launchMode': ['audience'] } };

export const AUDIENCE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Audience Query Field',
		name: 'audienceField',
		type: 'string',
		default: '',
		placeholder: 'e.g. email',
		description: 'Profile data field the audience query matches on. Empty: email for Email, phone for Phone, _id for Profile ID, the field name for Custom Field.',
		displayOptions: audienceOnly,
	},
	{
		displayName: 'Profiles per Request',
		name: 'profilesPerRequest',
		type: 'number',
		default: DEFAULT_PROFILES_PER_REQUEST,
		typeOptions: { minValue: 1, maxValue: MAX_PROFILES_PER_REQUEST },
		description: 'At most this many profiles in one launch\'s query; more items make more launches. Altcraft recommends at most 10,000.',
		displayOptions: audienceOnly,
	},
];

export type AudienceMode = Exclude<MatchingMode, 'customQuery'>;

export const DEFAULT_QUERY_FIELD: Record<AudienceMode, string> = {
	email: 'email',
	phone: 'phone',
	profile_id: '_id',
	custom: '',
};

export interface AudienceChunk {
	values: Array<string | number>;
	/** Every input item whose value is in this chunk (several items may share one value). */
	items: number[];
}

export interface AudienceCollection {
	chunks: AudienceChunk[];
	/** Error items for inputs whose value was invalid, when Continue On Fail is on. */
	failed: Array<{ itemIndex: number; output: INodeExecutionData }>;
}

/**
 * Splits distinct values into chunks of at most `perRequest`, also keeping each chunk's JSON under
 * `byteBudget` so a request never passes Altcraft's body limit. Values keep first-seen order.
 */
export function chunkValues(
	values: Map<string | number, number[]>,
	perRequest: number,
	byteBudget: number,
): AudienceChunk[] {
	const chunks: AudienceChunk[] = [];
	let current: AudienceChunk = { values: [], items: [] };
	let bytes = 0;
	for (const [value, items] of values) {
		const size = Buffer.byteLength(JSON.stringify(value)) + 1;
		if (current.values.length > 0 && (current.values.length >= perRequest || bytes + size > byteBudget)) {
			chunks.push(current);
			current = { values: [], items: [] };
			bytes = 0;
		}
		current.values.push(value);
		current.items.push(...items);
		bytes += size;
	}
	if (current.values.length > 0) chunks.push(current);
	for (const chunk of chunks) chunk.items.sort((a, b) => a - b);
	return chunks;
}

/** Reads every item's match value; one bad item fails alone with Continue On Fail, else the run. */
export function collectAudience(
	ctx: IExecuteFunctions,
	itemCount: number,
	mode: AudienceMode,
	perRequest: number,
	byteBudget: number,
): AudienceCollection {
	const values = new Map<string | number, number[]>();
	const failed: AudienceCollection['failed'] = [];
	const continueOnFail = ctx.continueOnFail();
	const readValue = matchValueReader(ctx, mode);
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let value: string | number;
		try {
			value = readValue(itemIndex);
		} catch (error) {
			const pinned = errorForItem(ctx, error, itemIndex);
			if (!continueOnFail) throw pinned;
			failed.push({ itemIndex, output: errorItem(pinned, [{ item: itemIndex }]) });
			continue;
		}
		const items = values.get(value);
		if (items) items.push(itemIndex);
		else values.set(value, [itemIndex]);
	}
	return { chunks: chunkValues(values, perRequest, byteBudget), failed };
}

export function audienceQuery(field: string, values: Array<string | number>): IDataObject {
	return { [field]: { $in: values } };
}

export function readPerRequest(ctx: IExecuteFunctions, options: IDataObject): number {
	const perRequest = Math.floor(Number(options.profilesPerRequest ?? DEFAULT_PROFILES_PER_REQUEST));
	if (!(perRequest >= 1 && perRequest <= MAX_PROFILES_PER_REQUEST)) {
		throw new NodeOperationError(ctx.getNode(), `Profiles per Request must be between 1 and ${MAX_PROFILES_PER_REQUEST}`, {
			description: 'Altcraft recommends at most 10,000 profiles per request.',
		});
	}
	return perRequest;
}
