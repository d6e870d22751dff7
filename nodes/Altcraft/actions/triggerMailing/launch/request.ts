import type { IDataObject } from 'n8n-workflow';
import type { LaunchClient } from '../../../client/launch';
import { checkQueryCarried } from '../../../engine/keys';
import { attachmentsFor } from '../../../fields/attachments';
import type { Payload } from './payload';

/** Altcraft "Trigger launch (API call)": one launch per request, for Per Item and Audience. */
export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';

/** The request body of one launch, attachments read now (only when it is sent). */
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
