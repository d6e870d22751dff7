import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { checkKey } from '../../../engine/keys';
import { parameterReader } from '../../../engine/parameters';
import { checkPresent } from '../../../engine/validators';
import { groupRequests, sentRequests } from '../../../engine/grouping';
import { checkAllThenSend, type Checked, type Unit } from '../../../engine/items';
import { alreadySentOutputs, requestOutputs } from '../../../engine/output';
import { PROFILES_PER_REQUEST_OPTION, readPerRequest } from '../../../fields/bulk';
import { inlineAttachmentBytes, messageDigest } from '../../../fields/message';
import { outputPerRequest } from '../../../fields/output';
import { triggerMailingIdReader } from '../../../fields/triggerMailing';
import { budgetBeside, jsonTextValueBytes } from '../../../helpers/bodySize';
import { digest } from '../../../helpers/hash';
import type { SentMemory } from '../../../engine/memory';
import { profileFingerprint } from '../../../engine/requestId';
import { RECIPIENT_KEY, matchValueReader, type MatchingMode } from '../../../fields/matching';
import { launchBody, payloadReader, type Payload } from '../../../fields/payload';
import { LAUNCH_PATH } from './request';

const audienceOnly = { show: { '/launchMode': ['audience'] } };

export const AUDIENCE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Look Up Recipients in Field',
		name: 'audienceField',
		type: 'string',
		default: '',
		placeholder: 'e.g. email',
		description:
			"The profile data field Altcraft looks the items' values up in, when your database stores them under another name. Empty: email for Email, phone for Phone, _id for Profile ID, the Field Name for Custom Field.",
		displayOptions: audienceOnly,
	},
	PROFILES_PER_REQUEST_OPTION,
];

type AudienceMode = Exclude<MatchingMode, 'customQuery'>;

const DEFAULT_QUERY_FIELD: Record<AudienceMode, string> = {
	email: 'email',
	email_profile: 'email',
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
	/** Bytes the value adds to the audience query, in the format the request is sent in. */
	bytes: number;
	/** messageKeyOf(this), computed while the items are checked: that loop yields to the event loop, grouping does not. */
	messageKey?: string;
	/** Keyed runs: the profile under the item's Idempotency Key (requestId.ts profileFingerprint). */
	fingerprint?: string;
}

/** One request: a message and the distinct match values it goes to. */
interface AudienceRequest {
	triggerMailingId: number;
	field: string;
	payload: Payload;
	values: Array<string | number>;
	/** Tells apart requests whose messages differ (part of their Request-ID). */
	messageKey: string;
	/** Keyed runs: the values' fingerprints, recorded once Altcraft accepts the request. */
	fingerprints?: string[];
	/** Keyed runs: every profile already went out under its key; nothing is sent. */
	remembered?: boolean;
}

/** What makes two items' messages the same request: everything but their recipients. */
function messageKeyOf(member: AudienceMember): string {
	return messageDigest([member.triggerMailingId, member.field], member.payload.fields, member.payload.attachments);
}

/**
 * Items that ask for the same message form one audience, sent in chunks; items whose message
 * differs (content from an expression, another trigger mailing) form audiences of their own. No
 * item is ever sent another item's message, and a profile several items name is sent once.
 */
export async function groupAudience(
	members: Array<Checked<AudienceMember>>,
	perRequest: number,
	byteBudget: (payload: Payload, field: string) => number,
	memory?: SentMemory,
): Promise<Array<Unit<AudienceRequest>>> {
	const entries = members.map(({ itemIndex, value: member }) => ({
		itemIndex,
		value: {
			request: member,
			requestKey: member.messageKey ?? messageKeyOf(member),
			element: member.value,
			elementKey: member.value,
			bytes: member.bytes,
			fingerprint: member.fingerprint,
		},
	}));
	const units = await groupRequests(entries, perRequest, (first) => byteBudget(first.payload, first.field), memory);
	return units.map(({ items, value: { request: first, requestKey, elements, fingerprints, remembered } }) => ({
		items,
		value: {
			triggerMailingId: first.triggerMailingId,
			field: first.field,
			payload: first.payload,
			values: elements,
			messageKey: requestKey,
			...(fingerprints ? { fingerprints } : {}),
			...(remembered ? { remembered } : {}),
		},
	}));
}

/** Said of every item of an audience: the answer to a custom query names no profile. */
const AUDIENCE_NOTE =
	'Sent in an audience request that Altcraft accepted; its answer does not say which profiles the query matched. One Message per Item, or Own Data per Item, Sent in Bulk with Profile ID, tell it per item';

function audienceQuery(field: string, values: Array<string | number>): IDataObject {
	return { [field]: { $in: values } };
}

/**
 * The member's request key and, under an Idempotency Key, its fingerprint. Keyed and unkeyed
 * items never share a request: only keyed ones are remembered.
 */
function keyedMember(member: AudienceMember, key: string): AudienceMember {
	const messageKey = messageKeyOf(member);
	if (key === '') return { ...member, messageKey };
	const fingerprint = profileFingerprint(`trigger-${member.triggerMailingId}`, key, { [member.field]: member.value });
	return { ...member, messageKey: `${messageKey}|keyed`, fingerprint };
}

/**
 * The items as audiences: each item contributes its match value; items that ask for the same
 * message (trigger mailing, content, attachments, ...) share requests of up to Profiles per
 * Request profiles, sent as custom queries.
 */
export async function launchAudience(client: LaunchClient) {
	const { ctx, options } = client;
	const { format } = client.settings;
	// What the values of one request may take once the rest of its body is counted, in the format sent.
	const queryByteBudget = (payload: Payload, field: string) =>
		budgetBeside(
			{ id: 0, custom_request: audienceQuery(field, []), ...payload.fields },
			inlineAttachmentBytes(payload.attachments),
			format,
		);
	const mode = ctx.getNodeParameter('matching', 0) as MatchingMode;
	if (mode === 'customQuery') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Custom Query cannot be combined with Launch Mode "Same Message to All Items"',
			{
				description:
					'A custom query already selects its recipients. Set Launch Mode to "Profiles Matching a Query" to send the query, or set Identify Profile By to Email, Phone, Profile ID or Custom Field to take the recipients from the items.',
			},
		);
	}
	const audienceMode = mode as AudienceMode;
	const perRequest = readPerRequest(ctx, options);
	const triggerMailingId = triggerMailingIdReader(ctx);
	const readValue = matchValueReader(ctx, audienceMode);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readPayload = payloadReader(ctx);
	const queryField = String(options.audienceField ?? '').trim() || DEFAULT_QUERY_FIELD[audienceMode];
	const fieldName = queryField ? () => queryField : parameterReader(ctx, 'fieldName');

	const perRequestOutput = outputPerRequest(options);
	const recipientKey = RECIPIENT_KEY[audienceMode];
	// Each item's own value: items naming one profile share its place in the query, not their output.
	const values: Array<string | number> = [];
	let requests = 0;
	return checkAllThenSend<AudienceMember, AudienceRequest>(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const value = readValue(itemIndex);
			const member = keyedMember(
				{
					triggerMailingId: triggerMailingId(itemIndex),
					value,
					bytes: jsonTextValueBytes(value, format),
					field: checkKey(
						ctx,
						itemIndex,
						'Look Up Recipients in Field',
						queryField || checkPresent(ctx, itemIndex, 'Field Name', fieldName(itemIndex)),
					),
					payload: readPayload(itemIndex, additionalFields(itemIndex), { customQuery: true }),
				},
				client.idempotencyKey(itemIndex),
			);
			client.checkSendable(itemIndex, {
				id: member.triggerMailingId,
				custom_request: audienceQuery(member.field, [member.value]),
				...member.payload.fields,
			});
			values[itemIndex] = value;
			return member;
		},
		group: async (members) => {
			const keyed = members.some(({ value }) => value.fingerprint !== undefined);
			const units = await groupAudience(members, perRequest, queryByteBudget, keyed ? client.sentMemory() : undefined);
			requests = sentRequests(units);
			return units;
		},
		send: async ({ items, value: request }, unitIndex) => {
			const id = request.triggerMailingId;
			const shared = { triggerMailingId: id, matching: 'custom_request', audienceField: request.field };
			const item = (itemIndex: number) => ({
				verbs: { launched: null },
				facts: { [recipientKey]: values[itemIndex] },
				note: AUDIENCE_NOTE,
			});
			const profiles = request.values.length;
			if (request.remembered) {
				const { dryRun } = client.settings;
				return alreadySentOutputs({ items, perRequest: perRequestOutput, dryRun, shared, profiles, item });
			}
			const fields = { id, custom_request: audienceQuery(request.field, request.values) };
			const call = await client.call({
				method: 'POST',
				url: LAUNCH_PATH,
				body: await launchBody(client, items[0], fields, request.payload),
				itemIndex: items[0],
				// Keyed: from the profiles alone (the same remaining profiles always form the same
				// requests, grouping.ts); unkeyed: from the message and the profiles, within this execution.
				requestId: client.requestId(
					items[0],
					`trigger-${id}`,
					`audience-${request.fingerprints ? digest(request.fingerprints) : digest([request.messageKey, request.values])}`,
				),
			});
			// Altcraft accepted the request (or had already): its profiles count as sent under their key.
			if (request.fingerprints && !client.settings.dryRun) client.sentMemory().record(request.fingerprints);
			return requestOutputs({
				items,
				perRequest: perRequestOutput,
				call,
				shared,
				request: { number: unitIndex + 1, of: requests, items: items.length, profiles },
				item,
			});
		},
	});
}
