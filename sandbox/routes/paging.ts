/** The list endpoints' paging parameters. */
import type { Exchange, Reply } from '../http';
import type { RouteContext } from './route';

/** A page of `items` by skip/limit, or the error answer for bad paging parameters. */
export function listPage(exchange: Exchange, context: RouteContext, items: Record<string, unknown>[]): Reply {
	const { answers } = context;
	if (exchange.parseError) return answers.error(exchange, 400, exchange.parseError);
	const denied = context.authenticate(exchange);
	if (denied) return denied;
	const body = exchange.parsed?.body ?? {};
	const skip = body.skip ?? 0;
	const limit = body.limit;
	if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
		return answers.error(exchange, 400, 'skip must be a non-negative integer');
	}
	if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
		return answers.error(exchange, 400, 'limit must be a positive integer');
	}
	return answers.success(exchange, items.slice(skip, limit === undefined ? undefined : skip + limit));
}
