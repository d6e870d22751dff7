/**
 * POST /api/v1.1/goals/register ("Goals and goal values registration"), fixture
 * sandbox/fixtures/goals.ts. The page shows no request or response example: the answer
 * {"error": 0, "error_text": "Successful operation"} and the 404 for an unknown profile are [INF].
 * The goal is recorded on the stored profile (sandbox.profile(id).goals) and in sandbox.operations.
 */
import { bad, fieldNameOf, lookup, matchingOf, positiveInt } from '../batch';
import { isPlainObject } from '../codec';
import type { SandboxGoal } from '../demo-data';
import { flag } from '../importProfile';
import { profileInDatabase } from '../profileStore';
import { ApiError, RFC3339 } from '../validate';
import { databaseOf, documentedRoute } from './documented';

/** [DOC] The five modes the page lists. */
const GOAL_MATCHING = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];
/** [DOC] pixel_data: "no larger than 1 KB". */
const PIXEL_DATA_BYTES = 1024;
const GOAL_NAME_MAX = 128;

/** A goal value: a number (JSON) or number text (XML). */
function goalValue(value: unknown, where: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) throw bad(`${where} must be a number such as -25.5`);
	return number;
}

function goalName(value: unknown, where: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw bad(`${where} must be a goal name such as "card"`);
	// [DOC: Goal customer actions and scoring] Goal names are at most 128 characters.
	if (value.length > GOAL_NAME_MAX) throw bad(`${where} is longer than ${GOAL_NAME_MAX} characters`);
	return value;
}

/** goal + value, or goals: [{goal, value}]; [INF] at least one goal. */
function goalsOf(body: Record<string, unknown>, pixelId: number, date: string | undefined): SandboxGoal[] {
	const goals: SandboxGoal[] = [];
	if (body.goal !== undefined)
		goals.push({ pixel_id: pixelId, goal: goalName(body.goal, 'goal'), value: goalValue(body.value, 'value'), date });
	const list = body.goals === undefined || body.goals === '' ? [] : [body.goals].flat();
	list.forEach((entry, index) => {
		if (!isPlainObject(entry)) throw bad(`goals[${index}] must be an object such as {"goal": "card", "value": 10.0}`);
		const goal = goalName(entry.goal, `goals[${index}].goal`);
		goals.push({ pixel_id: pixelId, goal, value: goalValue(entry.value, `goals[${index}].value`), date });
	});
	if (goals.length === 0) throw bad('goal or goals is required: the goal reached, e.g. "goal": "card" [INF]');
	return goals;
}

/** [DOC] pixel_data is flat (no nested objects or arrays) and at most 1 KB. */
function checkPixelData(value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	if (!isPlainObject(value)) throw bad('pixel_data must be a JSON object of event data');
	for (const [key, entry] of Object.entries(value)) {
		if (typeof entry === 'object' && entry !== null)
			throw bad(`pixel_data.${key}: pixel_data must not contain nested objects or arrays`);
	}
	const size = Buffer.byteLength(JSON.stringify(value));
	if (size > PIXEL_DATA_BYTES) throw bad(`pixel_data is ${size} bytes; at most ${PIXEL_DATA_BYTES} (1 KB) are allowed`);
}

export const goalsRegister = documentedRoute({
	paths: ['/api/v1.1/goals/register'],
	changesData: true,
	handle(body, exchange, context) {
		const { catalogue } = context;
		const dbId = databaseOf(body, catalogue);
		const pixelId = positiveInt(body, 'pixel_id', 'the pixel ID');
		if (!catalogue.pixelsById.has(pixelId)) throw new ApiError(404, `Pixel not found (pixel_id ${pixelId})`);
		const date = body.date;
		if (date !== undefined && !(typeof date === 'string' && RFC3339.test(date)))
			throw bad(`date must be an RFC 3339 date-time such as "2006-01-25T15:04:05+07:00", got ${JSON.stringify(date)}`);
		const goals = goalsOf(body, pixelId, date as string | undefined);
		checkPixelData(body.pixel_data);
		for (const name of ['skip_triggers', 'enrich_profile', 'is_test']) flag(body, name);
		const matching = matchingOf(body, GOAL_MATCHING);
		const found = lookup(body, 'request', matching, fieldNameOf(body, matching), catalogue);
		const profile = profileInDatabase(catalogue.profiles, found.profiles, dbId, `${matching} ${found.target}`);
		profile.goals = [...(profile.goals ?? []), ...goals];
		context.recordOperation(exchange, { endpoint: '/api/v1.1/goals/register', profiles: [profile.profile_id] });
		return context.answers.successWith(exchange, {});
	},
});
