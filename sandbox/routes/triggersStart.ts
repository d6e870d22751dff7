/** v1.1 launch: POST /api/v1.1/campaigns/triggers/start/ (Altcraft "Trigger launch (API call)"). */
import { ApiError, planLaunchV11 } from '../validate';
import { apiCall, type Route } from './route';

export const triggersStart: Route = {
	path: '/api/v1.1/campaigns/triggers/start',
	methods: ['POST'],
	handle(exchange, context, path) {
		return apiCall(
			exchange,
			context,
			() => {
				const body = exchange.parsed?.body;
				if (!body) throw new ApiError(400, 'Request body required: at least "id" and a profile to match');
				context.recordLaunch(exchange, '1.1', planLaunchV11(body, context.catalogue));
				return context.answers.success(exchange);
			},
			path,
		);
	},
};
