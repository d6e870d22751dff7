/**
 * POST /api/v1.1/campaigns/triggers/get — "Get trigger mailing information": one trigger mailing,
 * shaped like the documented JSON example. call_url as the docs show it: in JSON without scheme,
 * in XML with http:// and a line break before the placeholder.
 */
import { getTriggerMailingInformation } from '../fixtures';
import { LINK_PLACEHOLDER } from '../links';
import { ApiError } from '../validate';
import { apiCall, type Route } from './route';
import { itemTemplate } from './template';

const TEMPLATE = itemTemplate(getTriggerMailingInformation);

export const triggersGet: Route = {
	path: '/api/v1.1/campaigns/triggers/get',
	methods: ['POST'],
	handle(exchange, context) {
		return apiCall(exchange, context, () => {
			const id = exchange.parsed?.body?.id;
			if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
				throw new ApiError(400, `id must be a trigger mailing ID (a positive integer), got ${JSON.stringify(id)}`);
			}
			const trigger = context.catalogue.triggersById.get(id);
			// [INF] The answer for an unknown ID is not documented.
			if (!trigger) throw new ApiError(404, `Trigger mailing ${id} not found`);
			const xml = context.answers.format(exchange) === 'xml';
			// [INF] Only trigger mailings launched by an API call have a link.
			const link =
				trigger.type !== 'api_call'
					? ''
					: xml
						? context.linkOf(trigger, true).replace(LINK_PLACEHOLDER, `\n${LINK_PLACEHOLDER}\n`)
						: context.linkOf(trigger, false);
			const { name, is_active, type, list_id, resource_id, send_channel } = trigger;
			const data = {
				...TEMPLATE,
				call_url: link,
				id,
				is_active,
				list_id: list_id ?? TEMPLATE.list_id,
				name,
				resource_id: resource_id ?? 0,
				send_channel: send_channel ?? TEMPLATE.send_channel,
				trigger_type: type,
			};
			return context.answers.success(exchange, data);
		});
	},
};
