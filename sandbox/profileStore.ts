/**
 * Writing profiles into the sandbox's one store (imports, subscriptions) and reading them back in
 * the shape "Get profile data" answers with. Shapes: [DOC: Profile data object; Subscription object;
 * Get profile data]; what those pages leave open is [INF].
 */
import { createHash } from 'node:crypto';
import { isPlainObject } from './codec';
import type { SandboxProfile, SandboxSubscription } from './demo-data';
import { DEFAULT_DB_ID, md5Hex, normaliseEmail, xxh64Hex, type ProfileSet } from './profiles';
import { ApiError } from './validate';

/** [DOC: Subscription status] The words for 0–6. */
export const STATUS_WORDS = [
	'subscribed',
	'unsubscribed',
	'complained',
	'hardbounced',
	'unconfirmed',
	'suspended',
	'invalid',
];
/** The keys of the profile data object that are not database fields. */
const NOT_FIELDS = new Set(['email', 'phones', 'phone', 'subscriptions', 'profile_id']);

/** [DOC: Subscription status] A status as word or number (0–6); answers use the word. */
export function statusWord(status: unknown): string {
	const text = String(status);
	return /^\d+$/.test(text) ? (STATUS_WORDS[Number(text)] ?? text) : text;
}

/**
 * [DOC: Import multiple profiles; Add multiple profiles] The batch pages nest a subscription's
 * contact (`email_data.email`, `phone_data.phone`, `push_data`); the single calls keep it flat.
 * [INF] The sandbox takes both shapes everywhere and stores the flat one.
 */
export function flatSubscription(entry: unknown): unknown {
	if (!isPlainObject(entry)) return entry;
	const { email_data, phone_data, push_data, ...rest } = entry;
	return {
		...(isPlainObject(email_data) ? { email: email_data.email } : {}),
		...(isPlainObject(phone_data) ? { phone: phone_data.phone } : {}),
		...(isPlainObject(push_data) ? push_data : {}),
		...rest,
	};
}

function contactOf(subscription: Partial<SandboxSubscription>): string {
	const { email, phone, provider, subscription_id, cc_data } = subscription;
	return JSON.stringify([email && normaliseEmail(email), phone, provider, subscription_id, cc_data]);
}

/**
 * Adds or edits one subscription, keyed by resource, channel and contact [INF]. Status and
 * priority change only when given ([DOC: Import profile; Add or edit subscription]); a new one
 * without status is subscribed, priority 0 [INF].
 */
export function putSubscription(profile: SandboxProfile, entry: Record<string, unknown>): void {
	const incoming: Partial<SandboxSubscription> = {
		resource_id: Number(entry.resource_id),
		channel: typeof entry.channel === 'string' ? entry.channel : 'email',
	};
	for (const key of ['email', 'phone', 'provider', 'subscription_id'] as const) {
		if (typeof entry[key] === 'string') incoming[key] = entry[key] as string;
	}
	if (isPlainObject(entry.cc_data)) incoming.cc_data = entry.cc_data;
	const list = (profile.subscriptions ??= []);
	const key = contactOf(incoming);
	let stored = list.find(
		(other) =>
			other.resource_id === incoming.resource_id && other.channel === incoming.channel && contactOf(other) === key,
	);
	if (!stored) {
		stored = { ...incoming, status: 'subscribed', priority: 0 } as SandboxSubscription;
		list.push(stored);
	}
	if (entry.status !== undefined && entry.status !== null && entry.status !== '')
		stored.status = statusWord(entry.status);
	// [DOC: Update multiple profiles] -1 leaves priority (and status) unchanged.
	const priority = Number(entry.priority);
	if (entry.priority !== undefined && entry.priority !== '' && priority !== -1) stored.priority = priority;
	if (isPlainObject(entry.custom_fields)) stored.custom_fields = { ...stored.custom_fields, ...entry.custom_fields };
	if (Array.isArray(entry.cats)) stored.cats = entry.cats.map(String);
}

/** Writes checked profile data (email, phones, fields, subscriptions) into a stored profile. */
function applyData(profile: SandboxProfile, data: Record<string, unknown>): void {
	if (typeof data.email === 'string') profile.email = data.email;
	const phones = data.phones === undefined ? undefined : [data.phones].flat().map(String);
	if (phones && phones.length > 0) {
		profile.phones = phones;
		profile.phone = phones[0];
	}
	const fields = (profile.fields ??= {});
	for (const [key, value] of Object.entries(data)) if (!NOT_FIELDS.has(key)) fields[key] = value;
	const subscriptions = data.subscriptions === undefined ? [] : [data.subscriptions].flat();
	for (const entry of subscriptions) if (isPlainObject(entry)) putSubscription(profile, entry);
}

/** [INF] A new profile's ID: 24 hex like Altcraft's, derived from its database and match value (stable across runs). */
function newProfileId(dbId: number, matching: string, target: string): string {
	return createHash('sha256').update(`${dbId}:${matching}:${target}`).digest('hex').slice(0, 24);
}

export interface ImportIntent {
	dbId: number;
	matching: string;
	/** The match value (email, phone, profile ID, field value) and the profiles it found anywhere. */
	found: { target: string; profiles: string[] };
	fieldName?: string;
	/** Checked profile data. */
	data: Record<string, unknown>;
	/** false: "Update only" (profiles/update, update_batch). */
	mayCreate: boolean;
}

/**
 * Creates or updates the profile an import names, in its database, and returns its ID.
 * [DOC: Matching] profile_id matching updates, never creates; [INF] neither does an update-only call,
 * both answering 404 for an unknown profile. A new profile keeps its match value [INF].
 */
export function importProfileData(store: ProfileSet, intent: ImportIntent): string {
	const { dbId, matching, found, data } = intent;
	const existingId = store.inDatabase(found.profiles, dbId)[0];
	if (existingId === undefined && (matching === 'profile_id' || !intent.mayCreate)) {
		throw new ApiError(
			404,
			`Profile not found in database ${dbId} (${matching} ${found.target}): ${matching === 'profile_id' ? 'matching by profile_id updates, never creates' : 'an update never creates a profile'}`,
		);
	}
	const profile: SandboxProfile = existingId
		? store.get(existingId)!
		: { profile_id: newProfileId(dbId, matching, found.target), db_id: dbId, fields: {}, subscriptions: [] };
	if (!existingId) {
		if (matching.startsWith('email')) profile.email = found.target;
		else if (matching.startsWith('phone')) profile.phones = [found.target];
		else if (intent.fieldName) profile.fields = { [intent.fieldName]: found.target };
		if (profile.phones) profile.phone = profile.phones[0];
	}
	applyData(profile, data);
	store.put(profile);
	return profile.profile_id;
}

/** The one profile `ids` names in database `dbId`; ApiError 404 [INF: the code is undocumented] when there is none. */
export function profileInDatabase(store: ProfileSet, ids: string[], dbId: number, what: string): SandboxProfile {
	const id = store.inDatabase(ids, dbId)[0];
	if (id === undefined) throw new ApiError(404, `Profile not found in database ${dbId} (${what})`);
	return store.get(id)!;
}

function emailDomain(email: string): string {
	return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** [DOC: Get profile data; Subscription object] Responses nest the contact: email_data, phone_data, push_data. */
function nestedSubscription(subscription: SandboxSubscription): Record<string, unknown> {
	const { resource_id, channel, email, phone, provider, subscription_id, cc_data, status, priority, ...rest } =
		subscription;
	const contact: Record<string, unknown> = {};
	if (email !== undefined) {
		const address = normaliseEmail(email);
		contact.email_data = { domain: emailDomain(address), domain_group: 'other', email, md5: md5Hex(address) };
	}
	if (phone !== undefined) contact.phone_data = { phone };
	if (provider !== undefined || subscription_id !== undefined) contact.push_data = { provider, subscription_id };
	if (cc_data !== undefined) contact.cc_data = cc_data;
	const hashId = parseInt(md5Hex(`${resource_id}:${channel}:${contactOf(subscription)}`).slice(0, 7), 16);
	// The stored example is cut after "priority"; resource_id and status follow "Subscription object" [INF].
	return { channel, ...contact, hash_id: String(hashId), is_delete: false, priority, resource_id, status, ...rest };
}

/**
 * A profile as "Get profile data" shows it: its fields, the computed _md5 / _xxh / _emaildomain /
 * _domaingroup of the email, db_id, email, id, phones and nested subscriptions. [INF] Static
 * segments and goals are not shown there (the page shows neither); see sandbox.profile(id).
 */
export function renderProfile(profile: SandboxProfile): Record<string, unknown> {
	const computed: Record<string, unknown> = { _status: 0 };
	if (profile.email) {
		const email = normaliseEmail(profile.email);
		Object.assign(computed, {
			_domaingroup: 'other',
			_emaildomain: emailDomain(email),
			_md5: md5Hex(email),
			_xxh: xxh64Hex(email),
		});
	}
	const phones = profile.phones ?? (profile.phone ? [profile.phone] : []);
	return {
		...computed,
		...profile.fields,
		db_id: profile.db_id ?? DEFAULT_DB_ID,
		email: profile.email ?? '',
		id: profile.profile_id,
		phones,
		subscriptions: (profile.subscriptions ?? []).map(nestedSubscription),
	};
}
