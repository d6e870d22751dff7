/**
 * Calls that change one profile named by profile_id (no matching), on the shared store:
 * - POST /api/v1.1/subscriptions/set ("Add or edit subscription"; answer [INF]);
 * - POST /api/v1.1/profiles/segstatic/add and …/remove ("Add or remove profile"; answer [DOC]).
 * Fixtures: sandbox/fixtures/profiles.ts, segments.ts.
 */
import { bad, positiveInt } from '../batch';
import { flag, checkSubscription } from '../importProfile';
import { isPlainObject } from '../codec';
import { profileInDatabase, putSubscription } from '../profileStore';
import { ApiError, RFC3339, checkResource, isEmail, type Catalogue } from '../validate';
import { databaseOf, documentedRoute, profileIdOf } from './documented';

/** The profile a request names by db_id + profile_id; 404 [INF] when it is not in that database. */
function namedProfile(body: Record<string, unknown>, catalogue: Catalogue) {
	const dbId = databaseOf(body, catalogue);
	const profileId = profileIdOf(body);
	return profileInDatabase(catalogue.profiles, [profileId], dbId, `profile_id ${profileId}`);
}

/** [DOC: Add or edit subscription] The contact each channel needs, beyond email / sms (checkSubscription). */
function checkChannelKeys(body: Record<string, unknown>): void {
	const channel = body.channel ?? 'email';
	if (channel === 'push' && !(typeof body.provider === 'string' && typeof body.subscription_id === 'string'))
		throw bad('provider and subscription_id are required for channel "push"');
	const ccData = body.cc_data;
	if (channel === 'telegram_bot' && !(isPlainObject(ccData) && ccData.id !== undefined))
		throw bad('cc_data {"id": <chat ID>} is required for channel "telegram_bot"');
	if (channel === 'whatsapp' && !(isPlainObject(ccData) && typeof ccData.phone === 'string'))
		throw bad('cc_data {"phone": "+7…"} is required for channel "whatsapp"');
	if (body.priority !== undefined && !/^-?\d+$/.test(String(body.priority)))
		throw bad(`priority must be an integer, got ${JSON.stringify(body.priority)}`);
	if (body.custom_fields !== undefined && !isPlainObject(body.custom_fields))
		throw bad('custom_fields must be an object of subscription field names and values');
	if (body.cats !== undefined && ![body.cats].flat().every((cat) => typeof cat === 'string'))
		throw bad('cats must be an array of category names');
	if (body.date !== undefined && !(typeof body.date === 'string' && RFC3339.test(body.date)))
		throw bad(`date must be an RFC 3339 date-time such as "2024-05-06T10:00:05Z", got ${JSON.stringify(body.date)}`);
	if (typeof body.email === 'string' && !isEmail(body.email))
		throw bad(`email is not a valid address: "${body.email}"`);
}

export const subscriptionsSet = documentedRoute({
	paths: ['/api/v1.1/subscriptions/set'],
	changesData: true,
	handle(body, exchange, context) {
		const { catalogue } = context;
		const resourceId = positiveInt(body, 'resource_id', 'the resource ID');
		checkResource({ resource_id: resourceId }, catalogue);
		flag(body, 'skip_triggers');
		checkChannelKeys(body);
		checkSubscription({ ...body, resource_id: resourceId }, 'request', catalogue);
		const profile = namedProfile(body, catalogue);
		putSubscription(profile, { ...body, resource_id: resourceId, cats: body.cats && [body.cats].flat() });
		context.recordOperation(exchange, { endpoint: '/api/v1.1/subscriptions/set', profiles: [profile.profile_id] });
		return context.answers.successWith(exchange, {});
	},
});

function segstaticRoute(path: string, add: boolean) {
	return documentedRoute({
		paths: [path],
		changesData: true,
		handle(body, exchange, context) {
			const { catalogue } = context;
			const segmentId = positiveInt(body, 'segment_id', 'the static segment ID');
			const segment = catalogue.segmentsById.get(segmentId);
			if (!segment) throw new ApiError(404, `Segment not found (segment_id ${segmentId})`);
			if (!segment.is_static) throw bad(`segment ${segmentId} is not static; only static segments take profiles`);
			flag(body, 'skip_triggers');
			const profile = namedProfile(body, catalogue);
			const others = (profile.segments ?? []).filter((id) => id !== segmentId);
			profile.segments = add ? [...others, segmentId] : others;
			context.recordOperation(exchange, { endpoint: path, profiles: [profile.profile_id] });
			return context.answers.successWith(exchange, {});
		},
	});
}

export const segstaticAdd = segstaticRoute('/api/v1.1/profiles/segstatic/add', true);
export const segstaticRemove = segstaticRoute('/api/v1.1/profiles/segstatic/remove', false);
