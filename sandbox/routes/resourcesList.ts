/** POST /api/v1.1/resources/list/: the account's resources. */
import { listPage } from './paging';
import type { Route } from './route';

export const resourcesList: Route = {
	path: '/api/v1.1/resources/list',
	methods: ['POST'],
	handle(exchange, context) {
		return listPage(exchange, context, context.resources.map(({ id, name }) => ({ id, name })));
	},
};
