/** v1.1 launch: POST /api/v1.1/campaigns/triggers/start/ (Altcraft "Trigger launch (API call)"). */
import { ApiError, planLaunchV11 } from '../validate';
import type { Route } from './route';

export const triggersStart: Route = {
	path: '/api/v1.1/campaigns/triggers/start',
	methods: ['POST'],
	handle(exchange, context, path) {
		if (exchange.parseError) return context.answers.error(exchange, 400, exchange.parseError);
		const denied = context.authenticate(exchange);
		if (denied) return denied;
		return context.deduplicated(exchange, path, () =>
			context.attempt(exchange, () => {
				const body = exchange.parsed?.body;
				if (!body) throw new ApiError(400, 'Request body required: at least "id" and a profile to match');
				context.recordLaunch(exchange, '1.1', planLaunchV11(body, context.catalogue));
				return context.answers.success(exchange);
			}),
		);
	},
};
