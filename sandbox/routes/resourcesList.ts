/**
 * POST /api/v1.1/resources/list — "Get resources list": items shaped like the documented example
 * (id, name, groups), next_from_id and total_count.
 */
import { getResourcesList } from '../fixtures';
import { byId, pageOf } from './paging';
import { apiCall, type Route } from './route';
import { itemTemplate } from './template';

const TEMPLATE = itemTemplate(getResourcesList);

export const resourcesList: Route = {
	path: '/api/v1.1/resources/list',
	methods: ['POST'],
	handle(exchange, context) {
		return apiCall(exchange, context, () => {
			const resources = byId(context.resources);
			const page = pageOf(exchange, resources);
			const data = page.items.map(({ id, name }) => ({ ...TEMPLATE, id, name }));
			return context.answers.success(exchange, data, { next_from_id: page.nextFromId, total_count: resources.length });
		});
	},
};
