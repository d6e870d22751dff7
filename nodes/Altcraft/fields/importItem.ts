import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { parameterReader } from '../engine/parameters';
import { attachmentsFor } from './attachments';
import { readImportFields } from './importOptions';
import { messageDigest, messageReader, type Message } from './message';
import { profileReader } from './profile';
import { importMatchReader, type ImportMatch } from './profileMatching';
import { digest } from '../helpers/hash';

/**
 * One item of an import + launch call (Import Profile and Launch, Import Profile and Start):
 * its profile, how it is matched, the import's own request fields and the message, read and
 * checked from the shared inputs (fields/profile, profileMatching, importOptions, message).
 */
export interface ImportItem {
	match: ImportMatch;
	profile: IDataObject;
	/** matching, field_name and the import flags (skip_*, detect_geo, resource_id, timeout) as set. */
	fields: IDataObject;
	message: Message;
	/** The item's Additional Fields, for what an operation adds of its own. */
	additional: IDataObject;
}

/** Reads and checks one item; build once per execution. */
export function importItemReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ImportItem {
	const match = importMatchReader(ctx, xml);
	const readProfile = profileReader(ctx, xml);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const readMessage = messageReader(ctx);
	return (itemIndex) => {
		const additional = additionalFields(itemIndex);
		const profile = readProfile(itemIndex);
		const matched = match(itemIndex, profile);
		return {
			match: matched,
			profile,
			fields: { ...matched.request, ...readImportFields(ctx, itemIndex, additional) },
			message: readMessage(itemIndex, additional),
			additional,
		};
	};
}

/**
 * The body of one single import call but its attachments, checked as it will travel: `request`
 * holds what is launched and the request-level fields, the item adds its key and profile.
 */
export function singleImportFields(
	client: LaunchClient,
	itemIndex: number,
	request: IDataObject,
	item: ImportItem,
): IDataObject {
	const fields: IDataObject = { ...request, ...item.match.key, data: item.profile };
	client.checkSendable(itemIndex, fields);
	// Attachments are counted when they are read; the rest is known now.
	if (client.nearLimit(fields)) client.checkBodySize(itemIndex, fields);
	return fields;
}

/**
 * The body with its attachments read now, and the part of its Request-ID that comes from its
 * content: one Idempotency Key over items still imports each profile, and a changed profile is a
 * new import.
 */
export async function singleImportBody(
	client: LaunchClient,
	itemIndex: number,
	fields: IDataObject,
	message: Message,
): Promise<{ body: IDataObject; idPart: string }> {
	const attach = await attachmentsFor(client.ctx, itemIndex, message.attachments);
	const body = attach ? { ...fields, attach } : fields;
	if (attach) client.checkBodySize(itemIndex, body);
	return { body, idPart: digest([fields, messageDigest([], {}, message.attachments)]) };
}

/** The profile ID Altcraft answered with, where its answer has one [INF: profiles/import answers profile_id]. */
export function profileIdOf(answer: IDataObject): unknown {
	const data = answer.data;
	const nested =
		data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject).profile_id : undefined;
	return answer.profile_id ?? nested ?? null;
}
