/**
 * Validation of Altcraft's import + launch requests ("Profile import + trigger mailing launch",
 * "Bulk profiles import + trigger mailing launch" and its task; the profile object after "Types of
 * fields in the database", "Import profile", "Subscription object", "Subscription status").
 * [INF] marks what the stored docs leave open.
 */
import { isPlainObject } from './codec';
import { asList, bad, lookup, type Lookup } from './batch';
import { STATUS_WORDS, flatSubscription, importProfileData } from './profileStore';
import type { Catalogue } from './validate';
import { ApiError, checkResource, isEmail } from './validate';

/** [DOC] The five matching modes the import endpoints take. */
export const IMPORT_MATCHING = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

export const CHANNELS = ['email', 'sms', 'push', 'notify', 'viber', 'whatsapp', 'telegram_bot'];
const PHONE = /^\+?\d{7,15}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER_TEXT = /^\d+$/;

/** XML carries booleans as text. */
export function flag(body: Record<string, unknown>, name: string): void {
	const value = body[name];
	if (value === undefined || value === null || typeof value === 'boolean') return;
	if (value === 'true' || value === 'false') return;
	throw bad(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

/** [DOC] timeout: {"days": 0, "hours": 0, "minutes": 5}. */
function checkTimeout(value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	if (!isPlainObject(value))
		throw bad('timeout must be an object with days, hours and minutes, e.g. {"days": 0, "hours": 0, "minutes": 5}');
	for (const [key, entry] of Object.entries(value)) {
		if (!['days', 'hours', 'minutes'].includes(key))
			throw bad(`timeout.${key} is not a timeout unit: use days, hours and minutes`);
		const ok =
			(typeof entry === 'number' && Number.isInteger(entry) && entry >= 0) ||
			(typeof entry === 'string' && INTEGER_TEXT.test(entry));
		if (!ok) throw bad(`timeout.${key} must be a whole number of 0 or more, got ${JSON.stringify(entry)}`);
	}
}

/** Checks one subscription; an invalid one fails the import unless skip_invalid_subscriptions. */
export function checkSubscription(entry: unknown, where: string, catalogue: Catalogue): void {
	if (!isPlainObject(entry)) throw bad(`${where} must be an object`);
	const resource =
		typeof entry.resource_id === 'string' && INTEGER_TEXT.test(entry.resource_id)
			? Number(entry.resource_id)
			: entry.resource_id;
	if (typeof resource !== 'number' || !Number.isInteger(resource))
		throw bad(`${where}.resource_id must be a resource ID (an integer)`);
	checkResource({ resource_id: resource }, catalogue);
	const channel = entry.channel ?? 'email';
	if (typeof channel !== 'string' || !CHANNELS.includes(channel))
		throw bad(`${where}.channel must be one of ${CHANNELS.join(', ')}`);
	if (channel === 'email' && !(typeof entry.email === 'string' && isEmail(entry.email)))
		throw bad(`${where}.email must be a valid address for channel "email"`);
	if (channel === 'sms' && !(typeof entry.phone === 'string' && PHONE.test(entry.phone)))
		throw bad(`${where}.phone must be a phone number for channel "sms"`);
	const status = entry.status;
	if (status === undefined || status === null) return;
	const numeric =
		typeof status === 'number' || (typeof status === 'string' && INTEGER_TEXT.test(status))
			? Number(status)
			: undefined;
	if (numeric !== undefined ? numeric > 6 : !STATUS_WORDS.includes(String(status))) {
		throw bad(`${where}.status must be one of ${STATUS_WORDS.join(', ')} (or 0–6), got ${JSON.stringify(status)}`);
	}
}

/** Checks the profile data of one import; `phones` may come as one string (the docs' own example does). */
export function checkProfile(
	data: unknown,
	where: string,
	catalogue: Catalogue,
	skipInvalidSubscriptions: boolean,
): Record<string, unknown> {
	if (!isPlainObject(data)) throw bad(`${where} must be an object: the profile's fields`);
	if (data.email !== undefined && !(typeof data.email === 'string' && isEmail(data.email)))
		throw bad(`${where}.email is not a valid address: ${JSON.stringify(data.email)}`);
	const phones = asList(data.phones);
	phones?.forEach((phone, index) => {
		if (typeof phone !== 'string' || !PHONE.test(phone))
			throw bad(`${where}.phones[${index}] must be a phone number such as "+79000000000"`);
	});
	if (data._bdate !== undefined && !(typeof data._bdate === 'string' && DATE.test(data._bdate)))
		throw bad(`${where}._bdate must be a date as YYYY-MM-DD`);
	for (const name of ['_fname', '_lname']) {
		if (data[name] !== undefined && typeof data[name] !== 'string') throw bad(`${where}.${name} must be a string`);
	}
	const subscriptions = asList(data.subscriptions)
		?.map(flatSubscription)
		.filter((entry, index) => {
			try {
				checkSubscription(entry, `${where}.subscriptions[${index}]`, catalogue);
				return true;
			} catch (error) {
				// [DOC] skip_invalid_subscriptions drops an invalid subscription instead of failing the import.
				if (!(skipInvalidSubscriptions && error instanceof ApiError)) throw error;
				return false;
			}
		});
	return { ...data, ...(phones ? { phone: phones[0] } : {}), ...(subscriptions ? { subscriptions } : {}) };
}

/** The request-level checks all import endpoints share. */
export function checkImportRequest(body: Record<string, unknown>, catalogue: Catalogue): void {
	for (const name of ['skip_triggers', 'skip_invalid_subscriptions', 'detect_geo']) flag(body, name);
	checkTimeout(body.timeout);
	checkResource(body, catalogue);
}

export function skipsInvalid(body: Record<string, unknown>): boolean {
	return isTrue(body.skip_invalid_subscriptions);
}

/**
 * Who the import is for: the existing profile it matches in database `dbId`, or a new one, stored
 * in the sandbox's profile store either way (so later launches, gets and deletes find it).
 * Profile ID matching only updates [DOC: Matching], so an unknown ID is an error.
 */
export function importedProfile(
	found: Lookup,
	matching: string,
	catalogue: Catalogue,
	dbId: number,
	data: Record<string, unknown>,
	fieldName?: string,
): string {
	return importProfileData(catalogue.profiles, { dbId, matching, found, fieldName, data, mayCreate: true });
}

export { lookup };
