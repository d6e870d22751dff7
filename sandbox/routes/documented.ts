/**
 * The prelude of the profile, subscription, goal, scenario, segment and database routes: POST
 * only, the documented spelling of the path only, then apiCall (parse error, token, deduplication
 * for calls that change data, ApiError answers) with the body handed over as an object.
 *
 * [INF] Whether Altcraft treats `profiles/get/` and `profiles/get` alike is untested (facts sheet,
 * open question 8). The sandbox answers the other spelling with 404, so that a client sends what
 * the docs show; where the docs themselves use both spellings, both are listed.
 */
import { bad, positiveInt } from '../batch';
import type { Exchange, Reply } from '../http';
import { trimTrailingSlashes } from '../http';
import { ApiError, type Catalogue } from '../validate';
import { apiCall, type Route, type RouteContext } from './route';

export interface DocumentedCall {
	/** Every spelling the docs give, e.g. ['/api/v1.1/profiles/get/']. */
	paths: readonly string[];
	/** Data-changing calls are deduplicated by Request-ID / checksum; reads are not. */
	changesData: boolean;
	handle(body: Record<string, unknown>, exchange: Exchange, context: RouteContext): Reply;
}

export function documentedRoute(call: DocumentedCall): Route {
	return {
		path: trimTrailingSlashes(call.paths[0]),
		methods: ['POST'],
		handle(exchange, context, path) {
			if (!call.paths.includes(exchange.record.path)) {
				const spelled = call.paths.map((documented) => `"${documented}"`).join(' or ');
				return context.answers.error(
					exchange,
					404,
					`Not found: ${exchange.record.path}. The docs spell this path ${spelled}; the sandbox takes only the documented spelling [INF]`,
					404,
				);
			}
			const action = () => {
				const body = exchange.parsed?.body;
				if (!body) throw bad('Request body required: a JSON or XML object with token and the parameters');
				return call.handle(body, exchange, context);
			};
			return apiCall(exchange, context, action, call.changesData ? path : undefined);
		},
	};
}

/** A required database ID (`db_id`) that names a database of the account; 404 [INF] for an unknown one. */
export function databaseOf(body: Record<string, unknown>, catalogue: Catalogue): number {
	const dbId = positiveInt(body, 'db_id', 'the database ID');
	if (!catalogue.databasesById.has(dbId)) throw new ApiError(404, `Database not found (db_id ${dbId})`);
	return dbId;
}

/** A required profile ID (`profile_id`): the calls without matching take only this. */
export function profileIdOf(body: Record<string, unknown>): string {
	const value = body.profile_id;
	if (value === undefined || value === null || value === '') throw bad('profile_id is required: the profile ID');
	if (typeof value !== 'string') throw bad(`profile_id must be a string, got ${JSON.stringify(value)}`);
	return value.trim();
}
