/**
 * Validation of trigger launch requests (v1.1 body and v1.0 link), with Altcraft-style
 * error codes. Every check throws ApiError with a text that says what to fix, because the
 * sandbox exists to help whoever builds a client find mistakes quickly.
 */
import { isPlainObject } from './codec';
import type { SandboxDatabase, SandboxPixel, SandboxScenario, SandboxSegment, SandboxTrigger } from './demo-data';
import { ProfileSet, QueryError } from './profiles';

/** An application error: `code` goes into the body's `error` (and the HTTP status unless errorsWithHttp200). */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

/** What a valid launch request resolves to. */
export interface LaunchPlan {
	triggerId: number;
	matching?: string;
	target?: string;
	profiles: string[];
	/** Bulk and import endpoints: the path, and the element of `data` (or profile data) this launch is for. */
	endpoint?: string;
	item?: unknown;
}

export interface Catalogue {
	triggersById: Map<number, SandboxTrigger>;
	resourceIds: Set<number>;
	profiles: ProfileSet;
	databasesById: Map<number, SandboxDatabase>;
	scenariosById: Map<number, SandboxScenario>;
	segmentsById: Map<number, SandboxSegment>;
	pixelsById: Map<number, SandboxPixel>;
}

const MATCHING_MODES = ['email', 'phone', 'profile_id', 'custom'];
// One address: no separators or spaces anywhere, one @, a dot in the domain.
const EMAIL = /^[^\s@;,<>()[\]\\"]+@[^\s@;,<>()[\]\\"]+\.[^\s@;,<>()[\]\\".]+$/;
const PHONE = /^\+?\d{7,15}$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATA_URL = /^data:[\w.+-]+\/[\w.+-]+(;[\w.+-]+=[^;,]*)*;base64,[A-Za-z0-9+/]*={0,2}$/;
const TRIGGER_ID_TEXT = /^\d+$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

function bad(message: string): ApiError {
	return new ApiError(400, message);
}

/** The docs type `id` as a string but their examples send a number: accept both. */
function triggerIdOf(value: unknown): number {
	if (value === undefined || value === null || value === '') throw bad('id is required: the trigger mailing ID');
	if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
	if (typeof value === 'string' && TRIGGER_ID_TEXT.test(value.trim())) return Number(value.trim());
	throw bad(`id must be a trigger mailing ID (a positive integer), got ${JSON.stringify(value)}`);
}

/** Only active trigger mailings launched "when using a special API call" can be started. */
export function checkTriggerLaunchable(trigger: SandboxTrigger): void {
	if (!trigger.is_active) throw bad(`trigger mailing is not active (id ${trigger.id})`);
	if (trigger.type !== 'api_call') {
		throw bad(`trigger mailing is not launched by API call (id ${trigger.id}, type "${trigger.type}")`);
	}
}

function checkObject(body: Record<string, unknown>, name: string): void {
	const value = body[name];
	if (value !== undefined && value !== null && !isPlainObject(value)) throw bad(`${name} must be a JSON object`);
}

export function checkResource(body: Record<string, unknown>, catalogue: Catalogue): void {
	const value = body.resource_id;
	if (value === undefined || value === null) return;
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw bad(`resource_id must be an integer, got ${JSON.stringify(value)}`);
	}
	if (!catalogue.resourceIds.has(value)) throw new ApiError(404, `Resource not found (resource_id ${value})`);
}

function checkExpiration(value: unknown): void {
	if (value === undefined || value === null) return;
	if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
		throw bad(`expiration must be an RFC 3339 date-time such as "2026-02-22T21:00:00Z", got ${JSON.stringify(value)}`);
	}
}

export function checkAttach(value: unknown): void {
	if (value === undefined || value === null) return;
	if (!Array.isArray(value))
		throw bad('attach must be an array of {"data": "data:<mime>;base64,<content>", "name": "<file name>"}');
	value.forEach((item: unknown, index) => {
		if (!isPlainObject(item)) throw bad(`attach[${index}] must be an object with data and name`);
		if (typeof item.name !== 'string' || item.name.trim() === '')
			throw bad(`attach[${index}].name must be a non-empty file name`);
		if (
			typeof item.data !== 'string' ||
			!DATA_URL.test(item.data) ||
			item.data.slice(item.data.indexOf(',') + 1).length % 4 !== 0
		) {
			throw bad(`attach[${index}].data must be a data URL "data:<mime>;base64,<content>" with valid base64`);
		}
	});
}

export function checkSubscriptionFilter(value: unknown): void {
	if (!isPlainObject(value)) return;
	if (value.not_strict !== undefined && typeof value.not_strict !== 'boolean') {
		throw bad('subscription_filter.not_strict must be true or false');
	}
}

function requiredString(body: Record<string, unknown>, name: string, matching: string): string {
	const value = body[name];
	if (value === undefined || value === null || value === '')
		throw bad(`${name} is required for matching "${matching}"`);
	if (typeof value !== 'string') throw bad(`${name} must be a string, got ${JSON.stringify(value)}`);
	return value.trim();
}

function resolveEmail(body: Record<string, unknown>, catalogue: Catalogue, defaulted: boolean): LaunchPlan['profiles'] {
	const value = body.email;
	if (defaulted && (value === undefined || value === null || value === '')) {
		throw bad('email is required: matching defaults to "email" when neither matching nor custom_request is given');
	}
	const email = requiredString(body, 'email', 'email');
	if (/[;,]/.test(email)) {
		throw bad(`email must be one address; "${email}" is a list, which Altcraft treats as one invalid address`);
	}
	if (!isEmail(email)) throw bad(`email is not a valid address: "${email}"`);
	return catalogue.profiles.findByEmail(email);
}

function resolveMatching(
	body: Record<string, unknown>,
	matching: string,
	catalogue: Catalogue,
	defaulted: boolean,
): LaunchPlan {
	const base = { triggerId: 0, matching };
	switch (matching) {
		case 'email': {
			const profiles = resolveEmail(body, catalogue, defaulted);
			return { ...base, target: String(body.email).trim(), profiles };
		}
		case 'phone': {
			const phone = requiredString(body, 'phone', matching);
			if (!PHONE.test(phone))
				throw bad(`phone must be digits with an optional leading +, such as "+79000000000", got "${phone}"`);
			return { ...base, target: phone, profiles: catalogue.profiles.findByPhone(phone) };
		}
		case 'profile_id': {
			const profileId = requiredString(body, 'profile_id', matching);
			return { ...base, target: profileId, profiles: catalogue.profiles.findById(profileId) };
		}
		default:
			return resolveCustomField(body, catalogue);
	}
}

function resolveCustomField(body: Record<string, unknown>, catalogue: Catalogue): LaunchPlan {
	const fieldName = requiredString(body, 'field_name', 'custom');
	const value = body.field_value;
	if (value === undefined || value === null || value === '') throw bad('field_value is required for matching "custom"');
	if (typeof value !== 'string' && typeof value !== 'number') throw bad('field_value must be a string or a number');
	return {
		triggerId: 0,
		matching: 'custom',
		target: String(value),
		profiles: catalogue.profiles.findByField(fieldName, value),
	};
}

function resolveCustomRequest(query: Record<string, unknown>, catalogue: Catalogue): LaunchPlan {
	try {
		// An empty query matches the whole profile set, as it would in Altcraft: record it, don't hide it.
		return { triggerId: 0, profiles: catalogue.profiles.findByQuery(query) };
	} catch (error) {
		if (error instanceof QueryError) throw bad(error.message);
		throw error;
	}
}

/** Resolves who a launch goes to: `matching` if given, else custom_request, else email. */
export function resolveAudience(body: Record<string, unknown>, catalogue: Catalogue): LaunchPlan {
	const matching = body.matching;
	const customRequest = body.custom_request;
	if (customRequest !== undefined && customRequest !== null && !isPlainObject(customRequest)) {
		throw bad('custom_request must be a JSON object (a MongoDB query such as {"email": {"$in": ["a@example.com"]}})');
	}
	if (matching === undefined || matching === null || matching === '') {
		if (isPlainObject(customRequest)) return resolveCustomRequest(customRequest, catalogue);
		return resolveMatching(body, 'email', catalogue, true);
	}
	if (typeof matching !== 'string' || !MATCHING_MODES.includes(matching)) {
		throw bad(`matching must be one of ${MATCHING_MODES.join(', ')}, got ${JSON.stringify(matching)}`);
	}
	return resolveMatching(body, matching, catalogue, false);
}

/** Validates a v1.1 start request; returns the launch or throws ApiError. */
export function planLaunchV11(body: Record<string, unknown>, catalogue: Catalogue): LaunchPlan {
	const triggerId = triggerIdOf(body.id);
	for (const name of ['content', 'custom_data', 'subscription_filter']) checkObject(body, name);
	checkSubscriptionFilter(body.subscription_filter);
	checkExpiration(body.expiration);
	checkAttach(body.attach);
	const trigger = catalogue.triggersById.get(triggerId);
	if (!trigger) throw new ApiError(404, `Trigger mailing not found (id ${triggerId})`);
	checkTriggerLaunchable(trigger);
	checkResource(body, catalogue);
	return { ...resolveAudience(body, catalogue), triggerId };
}

/** Validates the optional `fields: [{name, value, option}]` of a v1.0 POST body. */
export function checkV10Fields(value: unknown): void {
	if (value === undefined || value === null) return;
	if (!Array.isArray(value)) throw bad('fields must be an array of {"name", "value", "option"}');
	value.forEach((field: unknown, index) => {
		if (!isPlainObject(field)) throw bad(`fields[${index}] must be an object with name, value and option`);
		if (typeof field.name !== 'string' || field.name.trim() === '')
			throw bad(`fields[${index}].name must be a profile field name`);
		const option = field.option;
		if (option !== undefined && option !== 0 && option !== 1 && option !== 2) {
			throw bad(
				`fields[${index}].option must be 0 (use only if the profile field is empty), 1 (use, don't save) or 2 (use and save), got ${JSON.stringify(option)}`,
			);
		}
	});
}
