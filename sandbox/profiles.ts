/**
 * The sandbox's profile set: lookups by email / phone / profile_id / custom field / v1.0 hash,
 * and a small evaluator of MongoDB-style `custom_request` queries.
 * Indexes follow every change, so that a launch costs a map lookup, not a scan,
 * except for custom_request and custom matching, which scan (the demo set is small).
 */
import { createHash } from 'node:crypto';
import type { SandboxProfile } from './demo-data';

/** A custom_request the sandbox cannot evaluate: reported to the client as error 400. */
export class QueryError extends Error {}

const SUPPORTED_OPERATORS = '$in, $nin, $eq, $ne, $exists, $and, $or';

/**
 * How Altcraft normalises an email before hashing it is not documented; the sandbox
 * assumes trimmed and lower-cased, which is the usual convention.
 */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

// XXH64 constants (public domain algorithm by Yann Collet), with BigInt arithmetic mod 2^64.
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const MASK = (1n << 64n) - 1n;

function rotl(x: bigint, r: bigint): bigint {
	return ((x << r) | (x >> (64n - r))) & MASK;
}

function xxRound(acc: bigint, input: bigint): bigint {
	const sum = (acc + input * P2) & MASK;
	return (rotl(sum, 31n) * P1) & MASK;
}

function xxMerge(acc: bigint, value: bigint): bigint {
	return ((acc ^ xxRound(0n, value)) * P1 + P4) & MASK;
}

/** XXHash64 (seed 0) as 16 lower-case hex digits. Run once per stored email, so BigInt speed is fine. */
export function xxh64Hex(text: string): string {
	const buf = Buffer.from(text, 'utf8');
	const len = buf.length;
	let p = 0;
	let h: bigint;
	if (len >= 32) {
		let v1 = (P1 + P2) & MASK;
		let v2 = P2;
		let v3 = 0n;
		let v4 = (MASK + 1n - P1) & MASK;
		for (; p <= len - 32; p += 32) {
			v1 = xxRound(v1, buf.readBigUInt64LE(p));
			v2 = xxRound(v2, buf.readBigUInt64LE(p + 8));
			v3 = xxRound(v3, buf.readBigUInt64LE(p + 16));
			v4 = xxRound(v4, buf.readBigUInt64LE(p + 24));
		}
		h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
		h = xxMerge(xxMerge(xxMerge(xxMerge(h, v1), v2), v3), v4);
	} else {
		h = P5;
	}
	h = (h + BigInt(len)) & MASK;
	for (; p + 8 <= len; p += 8) {
		h ^= xxRound(0n, buf.readBigUInt64LE(p));
		h = (rotl(h, 27n) * P1 + P4) & MASK;
	}
	if (p + 4 <= len) {
		h ^= (BigInt(buf.readUInt32LE(p)) * P1) & MASK;
		h = (rotl(h, 23n) * P2 + P3) & MASK;
		p += 4;
	}
	for (; p < len; p++) {
		h ^= (BigInt(buf[p]) * P5) & MASK;
		h = (rotl(h, 11n) * P1) & MASK;
	}
	h ^= h >> 33n;
	h = (h * P2) & MASK;
	h ^= h >> 29n;
	h = (h * P3) & MASK;
	h ^= h >> 32n;
	return h.toString(16).padStart(16, '0');
}

function pushTo(map: Map<string, string[]>, key: string, id: string): void {
	const list = map.get(key);
	if (list) list.push(id);
	else map.set(key, [id]);
}

/** The database of a profile that names none: the demo account's main database. */
export const DEFAULT_DB_ID = 1;

/**
 * The sandbox's one profile store, shared by every route: imports add and change profiles,
 * deletes remove them, and launches, goals, subscriptions and segments see the result at once.
 * `restore()` puts back the profiles the sandbox started with (the server's reset() calls it).
 */
export class ProfileSet {
	private readonly byEmail = new Map<string, string[]>();
	private readonly byPhone = new Map<string, string[]>();
	private readonly byHash = new Map<string, string[]>();
	/** Insertion order is kept on replace, so scans (custom_request) answer in a stable order. */
	private readonly byId = new Map<string, SandboxProfile>();

	constructor(private readonly initial: SandboxProfile[]) {
		this.restore();
	}

	restore(): void {
		for (const map of [this.byEmail, this.byPhone, this.byHash, this.byId]) map.clear();
		for (const profile of this.initial) this.put(structuredClone(profile));
	}

	/** The stored record (live: callers that change it must put() it back to re-index). */
	get(profileId: string): SandboxProfile | undefined {
		return this.byId.get(profileId);
	}

	/** Adds a profile or replaces the one with its ID. */
	put(profile: SandboxProfile): void {
		const previous = this.byId.get(profile.profile_id);
		if (previous) this.index(previous, pullFrom);
		this.byId.set(profile.profile_id, profile);
		this.index(profile, pushTo);
	}

	remove(profileId: string): SandboxProfile | undefined {
		const profile = this.byId.get(profileId);
		if (!profile) return undefined;
		this.index(profile, pullFrom);
		this.byId.delete(profileId);
		return profile;
	}

	/** The IDs among `ids` whose profile lives in database `dbId`. */
	inDatabase(ids: string[], dbId: number): string[] {
		return ids.filter((id) => {
			const profile = this.byId.get(id);
			return profile !== undefined && (profile.db_id ?? DEFAULT_DB_ID) === dbId;
		});
	}

	findByEmail(email: string): string[] {
		return this.byEmail.get(normaliseEmail(email)) ?? [];
	}

	findByPhone(phone: string): string[] {
		return this.byPhone.get(phone) ?? [];
	}

	findById(profileId: string): string[] {
		return this.byId.has(profileId) ? [profileId] : [];
	}

	/** v1.0 link value that is an MD5 (32 hex) or XXHash (16 hex) of the email. */
	findByHash(hash: string): string[] {
		return this.byHash.get(hash.toLowerCase()) ?? [];
	}

	/** matching "custom": field_value equals the field, or for tag fields names all the tags ("tag-1, tag-2"). */
	findByField(fieldName: string, fieldValue: unknown): string[] {
		const wanted = String(fieldValue);
		return this.ids((profile) => fieldMatches(profile.fields?.[fieldName], wanted));
	}

	/** Throws QueryError for operators the sandbox does not implement. */
	findByQuery(query: Record<string, unknown>): string[] {
		return this.ids((profile) => matchesQuery(profile, query));
	}

	private ids(test: (profile: SandboxProfile) => boolean): string[] {
		const found: string[] = [];
		for (const profile of this.byId.values()) if (test(profile)) found.push(profile.profile_id);
		return found;
	}

	/** Adds the profile to (pushTo) or takes it out of (pullFrom) the phone, email and hash indexes. */
	private index(profile: SandboxProfile, update: (map: Map<string, string[]>, key: string, id: string) => void): void {
		const id = profile.profile_id;
		for (const phone of phonesOf(profile)) update(this.byPhone, phone, id);
		if (!profile.email) return;
		const email = normaliseEmail(profile.email);
		update(this.byEmail, email, id);
		update(this.byHash, md5Hex(email), id);
		update(this.byHash, xxh64Hex(email), id);
	}
}

function phonesOf(profile: SandboxProfile): Set<string> {
	return new Set([...(profile.phone ? [profile.phone] : []), ...(profile.phones ?? [])]);
}

function pullFrom(map: Map<string, string[]>, key: string, id: string): void {
	const rest = (map.get(key) ?? []).filter((other) => other !== id);
	if (rest.length === 0) map.delete(key);
	else map.set(key, rest);
}

function fieldMatches(actual: unknown, wanted: string): boolean {
	if (Array.isArray(actual)) {
		const tags = wanted
			.split(',')
			.map((tag) => tag.trim())
			.filter((tag) => tag !== '');
		return tags.length > 0 && tags.every((tag) => actual.some((item) => String(item) === tag));
	}
	return actual !== undefined && actual !== null && String(actual) === wanted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value a query key refers to: the top-level identifiers, else a custom field. */
function profileValue(profile: SandboxProfile, key: string): unknown {
	switch (key) {
		case '_id':
		case 'profile_id':
			return profile.profile_id;
		case 'email':
			return profile.email === undefined ? undefined : normaliseEmail(profile.email);
		case 'phone':
			return profile.phone;
		default:
			return profile.fields?.[key];
	}
}

/**
 * Loose equality: Mongo compares types strictly, but clients often send "123420" for a
 * numeric field, and the sandbox should not punish that. Arrays (tag fields) match
 * when any element matches, as in Mongo.
 */
function equalsLoose(actual: unknown, wanted: unknown, key: string): boolean {
	if (Array.isArray(actual)) return actual.some((item) => equalsLoose(item, wanted, key));
	if (actual === undefined || actual === null) return wanted === null;
	const want = key === 'email' && typeof wanted === 'string' ? normaliseEmail(wanted) : wanted;
	return String(actual) === String(want);
}

function matchesQuery(profile: SandboxProfile, query: Record<string, unknown>): boolean {
	return Object.entries(query).every(([key, condition]) => matchesClause(profile, key, condition));
}

function subQueries(operator: string, value: unknown): Record<string, unknown>[] {
	if (!Array.isArray(value) || !value.every(isPlainObject)) {
		throw new QueryError(`custom_request: ${operator} needs an array of query objects`);
	}
	return value;
}

function matchesClause(profile: SandboxProfile, key: string, condition: unknown): boolean {
	if (key === '$and') return subQueries(key, condition).every((sub) => matchesQuery(profile, sub));
	if (key === '$or') return subQueries(key, condition).some((sub) => matchesQuery(profile, sub));
	if (key.startsWith('$')) {
		throw new QueryError(
			`custom_request: operator ${key} is not supported by the sandbox (supported: ${SUPPORTED_OPERATORS})`,
		);
	}
	const actual = profileValue(profile, key);
	if (!isPlainObject(condition)) return equalsLoose(actual, condition, key);
	return Object.entries(condition).every(([operator, operand]) => matchesOperator(actual, key, operator, operand));
}

function operandList(operator: string, operand: unknown): unknown[] {
	if (!Array.isArray(operand)) throw new QueryError(`custom_request: ${operator} needs an array`);
	return operand;
}

function matchesOperator(actual: unknown, key: string, operator: string, operand: unknown): boolean {
	switch (operator) {
		case '$eq':
			return equalsLoose(actual, operand, key);
		case '$ne':
			return !equalsLoose(actual, operand, key);
		case '$in':
			return operandList(operator, operand).some((item) => equalsLoose(actual, item, key));
		case '$nin':
			return !operandList(operator, operand).some((item) => equalsLoose(actual, item, key));
		case '$exists':
			return (actual !== undefined) === Boolean(operand);
		default:
			throw new QueryError(
				`custom_request: ${operator.startsWith('$') ? `operator ${operator}` : `sub-document match on "${key}"`} is not supported by the sandbox (supported: ${SUPPORTED_OPERATORS})`,
			);
	}
}
