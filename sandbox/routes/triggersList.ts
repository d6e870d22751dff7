/**
 * POST /api/v1.1/campaigns/triggers/list/ — "Get trigger mailings list". Items have the shape of
 * the documented example (id, name, type, is_active, for_confirm, ui_tags, groups), plus
 * total_count; no call_url and no next_from_id, as documented.
 */
import { getTriggerMailingsList } from '../fixtures';
import type { SandboxTrigger } from '../demo-data';
import { booleanParam, byId, pageOf } from './paging';
import { apiCall, type Route } from './route';
import { itemTemplate } from './template';

const TEMPLATE = itemTemplate(getTriggerMailingsList);

function listItem(trigger: SandboxTrigger): Record<string, unknown> {
	const { id, name, type, is_active } = trigger;
	return { ...TEMPLATE, id, name, type, is_active };
}

export const triggersList: Route = {
	path: '/api/v1.1/campaigns/triggers/list',
	methods: ['POST'],
	handle(exchange, context) {
		return apiCall(exchange, context, () => {
			const onlyActive = booleanParam(exchange.parsed?.body, 'is_active');
			const triggers = byId(context.triggers).filter((trigger) => !onlyActive || trigger.is_active);
			const page = pageOf(exchange, triggers);
			// [INF] total_count counts every trigger mailing the filter lets through, not only this page.
			return context.answers.success(exchange, page.items.map(listItem), { total_count: triggers.length });
		});
	},
};
