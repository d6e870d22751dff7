/** v1.0 launch by trigger link: GET or POST /trg/<key>/<email|md5|xxh> ("Trigger launch (API call)"). */
import { ApiError, checkTriggerLaunchable, checkV10Fields, isEmail, type LaunchPlan } from '../validate';
import type { ProfileSet } from '../profiles';
import { LINK_PLACEHOLDER, TRIGGER_KEY } from '../links';
import type { Route } from './route';

const MD5_HEX = /^[0-9a-f]{32}$/i;
const XXH_HEX = /^[0-9a-f]{16}$/i;

export const triggerLink: Route = {
	path: '/trg/',
	prefix: true,
	handle(exchange, context, path) {
		const { answers } = context;
		const method = exchange.record.method;
		const [, , key = '', ...rest] = path.split('/');
		const trigger = TRIGGER_KEY.test(key) ? context.triggerByKey(key) : undefined;
		if (!trigger) return answers.error(exchange, 404, 'Trigger link not found: unknown trigger key', 404);
		if (method !== 'GET' && method !== 'POST') {
			return answers.error(exchange, 404, `${method} is not supported on a trigger link: use GET or POST`, 404);
		}
		if (exchange.parseError) return answers.error(exchange, 400, exchange.parseError);
		const denied = context.authenticate(exchange, true);
		if (denied) return denied;
		return context.deduplicated(exchange, path, () =>
			context.attempt(exchange, () => {
				checkTriggerLaunchable(trigger);
				const plan = resolveLinkValue(rest.join('/'), context.catalogue.profiles);
				checkV10Fields(exchange.parsed?.body?.fields);
				context.recordLaunch(exchange, '1.0', { ...plan, triggerId: trigger.id });
				return answers.success(exchange);
			}),
		);
	},
};

/** The last link segment: an email, its MD5 (32 hex) or its XXHash (16 hex). */
function resolveLinkValue(encoded: string, profiles: ProfileSet): LaunchPlan {
	let value: string;
	try {
		// decodeURIComponent leaves '+' alone, so an email's '+' survives whether sent raw or as %2B.
		value = decodeURIComponent(encoded).trim();
	} catch {
		throw new ApiError(400, 'The link value is not valid URL encoding');
	}
	if (value === '') throw new ApiError(400, 'The link needs a last segment: the profile email, its MD5 or its XXHash');
	if (value === LINK_PLACEHOLDER) {
		throw new ApiError(
			400,
			`Replace the placeholder ${LINK_PLACEHOLDER} at the end of the link with the email, MD5 or XXHash`,
		);
	}
	if (MD5_HEX.test(value))
		return { triggerId: 0, matching: 'md5', target: value, profiles: profiles.findByHash(value) };
	if (XXH_HEX.test(value))
		return { triggerId: 0, matching: 'xxh', target: value, profiles: profiles.findByHash(value) };
	if (isEmail(value)) return { triggerId: 0, matching: 'email', target: value, profiles: profiles.findByEmail(value) };
	throw new ApiError(400, `The link value must be an email, an MD5 (32 hex) or an XXHash (16 hex), got "${value}"`);
}
