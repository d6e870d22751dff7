import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { checkQueryCarried } from '../engine/keys';
import { parameterReader } from '../engine/parameters';
import { attachmentsFor, type AttachmentRef } from './attachments';
import { ATTACHMENTS_FIELD, messageReader } from './message';
import { readResourceId, resourceField } from './resource';
import { EXPIRATION_FIELD, readExpiration } from './expiration';
import { refuseRepeatedQuery, targetReader, type Target } from './matching';
import { SUBSCRIPTION_FILTER_FIELD, readSubscriptionFilter } from './subscriptionFilter';

/** Not in the start_batch parameter table [DOC: Bulk trigger launch], so not offered in Bulk mode. */
function notInBulk(field: INodeProperties): INodeProperties {
	const hide = field.displayOptions?.hide ?? {};
	const modes = (hide['/launchMode'] as string[] | undefined) ?? [];
	return {
		...field,
		displayOptions: { ...field.displayOptions, hide: { ...hide, '/launchMode': [...modes, 'batch'] } },
	};
}

/** The subscription a single launch sends to (Email and Phone only); a query selects profiles, not subscriptions. */
export const SUBSCRIPTION_RESOURCE_FIELD: INodeProperties = resourceField({
	show: { '/matching': ['email', 'phone'] },
	hide: { '/launchMode': ['query'] },
});

/**
 * Additional Fields of a v1.1 launch: attachments (shared with the other launch operations), and
 * expiration, subscription resource and subscription filter of its own. Content and custom data
 * are top-level inputs (fields/message.ts).
 */
export const PAYLOAD_FIELDS: INodeProperties[] = [
	ATTACHMENTS_FIELD,
	notInBulk(EXPIRATION_FIELD),
	notInBulk(SUBSCRIPTION_RESOURCE_FIELD),
	notInBulk(SUBSCRIPTION_FILTER_FIELD),
].sort((a, b) => a.displayName.localeCompare(b.displayName));

export interface Payload {
	/** The request fields, without `attach`. */
	fields: IDataObject;
	attachments: AttachmentRef[];
}

/** Reads the optional request fields of one item; checked, not yet sent. Build once per execution. */
export function payloadReader(
	ctx: IExecuteFunctions,
): (itemIndex: number, additionalFields: IDataObject, options: { customQuery: boolean }) => Payload {
	const readMessage = messageReader(ctx);
	return (itemIndex, fields, options) => {
		const message = readMessage(itemIndex, fields);
		const payload: IDataObject = { ...message.fields };
		const expiration = readExpiration(ctx, itemIndex, fields.expiration);
		if (expiration !== undefined) payload.expiration = expiration;
		const resourceId = readResourceId(ctx, itemIndex, fields.resourceId);
		if (resourceId !== undefined) payload.resource_id = resourceId;
		// Altcraft ignores the filter when custom_request is set; not sending it keeps the request honest.
		const filter = options.customQuery ? undefined : readSubscriptionFilter(fields.subscriptionFilter);
		if (filter) payload.subscription_filter = filter;
		return { fields: payload, attachments: message.attachments };
	};
}

/** The request body of one launch (trigger mailing or scenario), attachments read now (only when it is sent). */
export async function launchBody(
	client: LaunchClient,
	itemIndex: number,
	fields: IDataObject,
	payload: Payload,
): Promise<IDataObject> {
	const attach = await attachmentsFor(client.ctx, itemIndex, payload.attachments);
	const body: IDataObject = { ...fields, ...payload.fields, ...(attach ? { attach } : {}) };
	if (attach || payload.fields.content) client.checkBodySize(itemIndex, body);
	return checkQueryCarried(client.ctx, itemIndex, body);
}

/** One item of a single v1.1 launch: whom it reaches and what it carries, checked. */
interface SingleLaunch {
	target: Target;
	payload: Payload;
}

/**
 * Reads and checks the recipient and payload of one single launch (trigger mailing or scenario),
 * `what` being the field that names what is launched (e.g. `{id: 84}`): the item's part must be
 * sendable in the chosen format, and a custom query already launched by an earlier item is
 * refused. Build once per execution.
 */
export function singleLaunchReader(client: LaunchClient): (itemIndex: number, what: IDataObject) => SingleLaunch {
	const { ctx } = client;
	const readTarget = targetReader(ctx);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readPayload = payloadReader(ctx);
	const queries = new Map<string, number>();
	return (itemIndex, what) => {
		const target = readTarget(itemIndex);
		const customQuery = 'custom_request' in target.params;
		const payload = readPayload(itemIndex, additionalFields(itemIndex), { customQuery });
		client.checkSendable(itemIndex, { ...what, ...target.params, ...payload.fields });
		// Last, so that only an item that will be sent counts as the first with its query.
		if (customQuery) refuseRepeatedQuery(ctx, queries, itemIndex, JSON.stringify([what, target.params.custom_request]));
		return { target, payload };
	};
}
