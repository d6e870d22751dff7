import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { PROFILES_PER_REQUEST_OPTION } from '../../../shared/batch';
import { eventLoopYielder, type Checked, type Unit } from '../../../shared/items';
import { messageDigest } from '../../../shared/message';
import type { MatchingMode } from './matching';
import type { Payload } from './payload';

const audienceOnly = { show: { '/launchMode': ['audience'] } };

export const AUDIENCE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Audience Query Field',
		name: 'audienceField',
		type: 'string',
		default: '',
		placeholder: 'e.g. email',
		description:
			'Profile data field the audience query matches on. Empty: email for Email, phone for Phone, _id for Profile ID, the field name for Custom Field.',
		displayOptions: audienceOnly,
	},
	PROFILES_PER_REQUEST_OPTION,
];

export type AudienceMode = Exclude<MatchingMode, 'customQuery'>;

export const DEFAULT_QUERY_FIELD: Record<AudienceMode, string> = {
	email: 'email',
	phone: 'phone',
	profile_id: '_id',
	custom: '',
};

/** One item of an audience: whom it adds (its match value) and the message it asks for. */
export interface AudienceMember {
	value: string | number;
	triggerMailingId: number;
	field: string;
	payload: Payload;
	/** messageKeyOf(this), computed while the items are checked: that loop yields to the event loop, grouping does not. */
	messageKey?: string;
}

/** One request: a message and the distinct match values it goes to. */
export interface AudienceRequest {
	triggerMailingId: number;
	field: string;
	payload: Payload;
	values: Array<string | number>;
	/** Tells apart requests whose messages differ (part of their Request-ID). */
	messageKey: string;
}

export interface AudienceChunk {
	values: Array<string | number>;
	/** Every input item whose value is in this chunk (several items may share one value). */
	items: number[];
}

/**
 * Splits distinct values into chunks of at most `perRequest`, also keeping each chunk's JSON under
 * `byteBudget` so a request never passes Altcraft's body limit. Values keep first-seen order.
 */
export async function chunkValues(
	values: Map<string | number, number[]>,
	perRequest: number,
	byteBudget: number,
): Promise<AudienceChunk[]> {
	const pause = eventLoopYielder();
	const chunks: AudienceChunk[] = [];
	let current: AudienceChunk = { values: [], items: [] };
	let bytes = 0;
	for (const [value, items] of values) {
		await pause();
		const size = Buffer.byteLength(JSON.stringify(value)) + 1;
		if (current.values.length > 0 && (current.values.length >= perRequest || bytes + size > byteBudget)) {
			chunks.push(current);
			current = { values: [], items: [] };
			bytes = 0;
		}
		current.values.push(value);
		for (const item of items) current.items.push(item);
		bytes += size;
	}
	if (current.values.length > 0) chunks.push(current);
	for (const chunk of chunks) chunk.items.sort((a, b) => a - b);
	return chunks;
}

/** What makes two items' messages the same request: everything but their recipients. */
export function messageKeyOf(member: AudienceMember): string {
	return messageDigest([member.triggerMailingId, member.field], member.payload.fields, member.payload.attachments);
}

/**
 * Items that ask for the same message form one audience, sent in chunks; items whose message
 * differs (content from an expression, another trigger mailing) form audiences of their own. No
 * item is ever sent another item's message.
 */
export async function groupAudience(
	members: Array<Checked<AudienceMember>>,
	perRequest: number,
	byteBudget: (payload: Payload, field: string) => number,
): Promise<Array<Unit<AudienceRequest>>> {
	// Linear, but 200,000 members take about a second on a busy machine: give the event loop turns.
	const pause = eventLoopYielder();
	const groups = new Map<string, { first: AudienceMember; values: Map<string | number, number[]> }>();
	for (const { itemIndex, value: member } of members) {
		await pause();
		const key = member.messageKey ?? messageKeyOf(member);
		let group = groups.get(key);
		if (!group) {
			group = { first: member, values: new Map() };
			groups.set(key, group);
		}
		const items = group.values.get(member.value);
		if (items) items.push(itemIndex);
		else group.values.set(member.value, [itemIndex]);
	}
	const units: Array<Unit<AudienceRequest>> = [];
	for (const [messageKey, { first, values }] of groups) {
		for (const chunk of await chunkValues(values, perRequest, byteBudget(first.payload, first.field))) {
			units.push({
				items: chunk.items,
				value: {
					triggerMailingId: first.triggerMailingId,
					field: first.field,
					payload: first.payload,
					values: chunk.values,
					messageKey,
				},
			});
		}
	}
	return units;
}

export function audienceQuery(field: string, values: Array<string | number>): IDataObject {
	return { [field]: { $in: values } };
}
