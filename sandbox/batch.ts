/**
 * Validation shared by the bulk endpoints (Altcraft "Bulk trigger launch", "Task for bulk trigger
 * launch", "Data array"): the `data` array, the matching modes and the lookup of one element.
 * What the docs state is [DOC: page]; what they leave open and the sandbox assumes is [INF].
 */
import { isPlainObject } from './codec';
import type { Catalogue } from './validate';
import { ApiError, checkTriggerLaunchable, isEmail } from './validate';

const PHONE = /^\+?\d{7,15}$/;
const TRIGGER_ID_TEXT = /^\d+$/;

/** [DOC: Sibling batch pages] at most 10,000 profiles per request; [INF] the trigger batch pages do not repeat it. */
export const MAX_BATCH_ELEMENTS = 10000;

export function bad(message: string): ApiError {
	return new ApiError(400, message);
}

/** A required positive integer parameter (number in JSON, text in XML). */
export function positiveInt(body: Record<string, unknown>, name: string, what: string): number {
	const value = body[name];
	if (value === undefined || value === null || value === '') throw bad(`${name} is required: ${what}`);
	if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
	if (typeof value === 'string' && TRIGGER_ID_TEXT.test(value.trim())) return Number(value.trim());
	throw bad(`${name} must be ${what} (a positive integer), got ${JSON.stringify(value)}`);
}

/** The trigger mailing a bulk or import request names, checked to exist and be launchable by API call. */
export function launchableTrigger(
	body: Record<string, unknown>,
	name: 'trigger_id' | 'id',
	catalogue: Catalogue,
): number {
	const triggerId = positiveInt(body, name, 'the trigger mailing ID');
	const trigger = catalogue.triggersById.get(triggerId);
	if (!trigger) throw new ApiError(404, `Trigger mailing not found (${name} ${triggerId})`);
	checkTriggerLaunchable(trigger);
	return triggerId;
}

/** XML repeats <data> per element: one element parses as an object, not a list. */
export function asList(value: unknown): unknown[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return Array.isArray(value) ? value : [value];
}

/** The `data` array of a bulk request: present, a list of objects, at most MAX_BATCH_ELEMENTS. */
export function dataArray(body: Record<string, unknown>): Record<string, unknown>[] {
	const list = asList(body.data);
	if (!list || list.length === 0) throw bad('data is required: a non-empty array with one object per profile');
	if (list.length > MAX_BATCH_ELEMENTS) {
		throw bad(
			`data has ${list.length} elements; send at most ${MAX_BATCH_ELEMENTS} profiles per request [INF: sandbox limit after Altcraft's batch recommendation]`,
		);
	}
	return list.map((element, index) => {
		if (!isPlainObject(element)) throw bad(`data[${index}] must be an object`);
		return element;
	});
}

/** [DOC: Bulk trigger launch] The matching values start_batch(_task) lists. */
export const BATCH_MATCHING = [
	'email',
	'email_profile',
	'email_sub',
	'phone',
	'phone_sub',
	'profile_id',
	'push_sub',
	'custom',
	'custom_sub',
	'email_phone',
	'email_phone_sub',
];

export function matchingOf(body: Record<string, unknown>, allowed: string[]): string {
	const matching = body.matching;
	if (matching === undefined || matching === null || matching === '') return 'email';
	if (typeof matching !== 'string' || !allowed.includes(matching)) {
		throw bad(`matching must be one of ${allowed.join(', ')}, got ${JSON.stringify(matching)}`);
	}
	return matching;
}

/** The lookup key of one element and the profiles it finds. */
export interface Lookup {
	target: string;
	profiles: string[];
}

function text(value: unknown, where: string, name: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number')
		throw bad(`${where}.${name} must be a string, got ${JSON.stringify(value)}`);
	return String(value).trim();
}

/**
 * Finds the profile one element (or one import request) names by its matching mode
 * ([DOC: Data array; Matching]). `fallback` supplies the key from the profile data when the
 * element does not carry it (import batches) [INF].
 */
export function lookup(
	element: Record<string, unknown>,
	where: string,
	matching: string,
	fieldName: string | undefined,
	catalogue: Catalogue,
	fallback: Record<string, unknown> = {},
): Lookup {
	const { profiles } = catalogue;
	const get = (name: string) => text(element[name], where, name) ?? text(fallback[name], where, name);
	const email = () => {
		const value = get('email');
		if (value === undefined) return undefined;
		if (!isEmail(value)) throw bad(`${where}.email is not a valid address: "${value}"`);
		return value;
	};
	const phone = () => {
		const value = get('phone');
		if (value === undefined) return undefined;
		if (!PHONE.test(value))
			throw bad(`${where}.phone must be digits with an optional leading +, such as "+79000000000", got "${value}"`);
		return value;
	};
	const required = <T>(value: T | undefined, name: string): T => {
		if (value === undefined) throw bad(`${where}.${name} is required for matching "${matching}"`);
		return value;
	};
	switch (matching) {
		case 'email':
		case 'email_profile':
		case 'email_sub': {
			const target = required(email(), 'email');
			return { target, profiles: profiles.findByEmail(target) };
		}
		case 'phone':
		case 'phone_sub': {
			const target = required(phone(), 'phone');
			return { target, profiles: profiles.findByPhone(target) };
		}
		case 'profile_id': {
			const target = required(get('profile_id'), 'profile_id');
			return { target, profiles: profiles.findById(target) };
		}
		case 'custom':
		case 'custom_sub': {
			if (!fieldName) throw bad(`field_name is required for matching "${matching}"`);
			const target = required(get('field_value') ?? text(fallback[fieldName], where, fieldName), 'field_value');
			return { target, profiles: profiles.findByField(fieldName, target) };
		}
		case 'email_phone':
		case 'email_phone_sub': {
			const byEmail = email();
			if (byEmail !== undefined) return { target: byEmail, profiles: profiles.findByEmail(byEmail) };
			const target = phone();
			if (target === undefined) throw bad(`${where} needs email or phone for matching "${matching}"`);
			return { target, profiles: profiles.findByPhone(target) };
		}
		default:
			// [DOC: Matching] push_sub needs provider + subscription_id; the demo profiles have no push subscriptions.
			throw bad(
				`matching "${matching}" is not implemented by the sandbox (its demo profiles have no push subscriptions)`,
			);
	}
}

/** Optional object parameters (content, custom_data); XML sends an empty element as ''. */
export function optionalObject(
	body: Record<string, unknown>,
	name: string,
	where = '',
): Record<string, unknown> | undefined {
	const value = body[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (!isPlainObject(value)) throw bad(`${where}${name} must be a JSON object`);
	return value;
}

/** Optional field_name at the root for the custom modes ([DOC: Bulk trigger launch] example). */
export function fieldNameOf(body: Record<string, unknown>, matching: string): string | undefined {
	const value = body.field_name;
	if (!matching.startsWith('custom')) return undefined;
	if (typeof value !== 'string' || value.trim() === '')
		throw bad(`field_name is required for matching "${matching}": the custom field's name`);
	return value.trim();
}
