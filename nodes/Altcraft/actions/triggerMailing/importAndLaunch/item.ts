import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { parameterReader } from '../../../engine/parameters';
import { messageReader, type Message } from '../../../fields/message';
import { objectInputReader } from '../../../fields/objectFields';
import { readImportFields } from '../../../fields/importOptions';
import { importMatchReader, type ImportMatch } from '../../../fields/profileMatching';
import { CUSTOM_FIELDS, readProfile, type ProfileInput } from '../../../fields/profile';
import { triggerMailingIdReader } from '../../../fields/triggerMailing';

/** What a request of this operation shares besides the profiles it carries. */
export interface ImportRequest {
	triggerMailingId: number;
	/** matching, field_name, resource_id, skip_*, detect_geo, timeout. */
	fields: IDataObject;
	message: Message;
}

export interface ImportItem {
	request: ImportRequest;
	match: ImportMatch;
	profile: IDataObject;
}

export function requestFields(request: ImportRequest): IDataObject {
	return { trigger_id: request.triggerMailingId, ...request.fields, ...request.message.fields };
}

/** Reads and checks one item: its profile, how it is matched, and the request fields it asks for. */
export function itemReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ImportItem {
	const triggerMailingId = triggerMailingIdReader(ctx);
	const match = importMatchReader(ctx, xml);
	const email = parameterReader(ctx, 'email');
	const phone = parameterReader(ctx, 'phone');
	const profileFields = parameterReader<IDataObject>(ctx, 'profileFields', {});
	const subscriptions = parameterReader<ProfileInput['subscriptions']>(ctx, 'subscriptions', {});
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	const customFields = objectInputReader(ctx, CUSTOM_FIELDS);
	const readMessage = messageReader(ctx);
	return (itemIndex) => {
		const fields = additionalFields(itemIndex);
		const profile = readProfile(
			ctx,
			itemIndex,
			{
				email: email(itemIndex),
				phone: phone(itemIndex),
				fields: profileFields(itemIndex),
				custom: customFields(itemIndex),
				subscriptions: subscriptions(itemIndex),
			},
			xml,
		);
		const matched = match(itemIndex, profile);
		const request: ImportRequest = {
			triggerMailingId: triggerMailingId(itemIndex),
			fields: { ...matched.request, ...readImportFields(ctx, itemIndex, fields) },
			message: readMessage(itemIndex, fields),
		};
		return { request, match: matched, profile };
	};
}
