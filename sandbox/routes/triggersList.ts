/** POST /api/v1.1/campaigns/triggers/list/: the account's trigger mailings. */
import { listPage } from './paging';
import type { Route } from './route';

export const triggersList: Route = {
	path: '/api/v1.1/campaigns/triggers/list',
	methods: ['POST'],
	handle(exchange, context) {
		const items = context.triggers.map((trigger) => {
			const { id, name, status, trigger_type } = trigger;
			// Altcraft sometimes shows call_url without a scheme; clients must cope with that.
			return { id, name, status, trigger_type, call_url: context.linkOf(trigger, false) };
		});
		return listPage(exchange, context, items);
	},
};
