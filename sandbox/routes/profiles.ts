/**
 * Profile calls on the shared store. Fixtures: sandbox/fixtures/profiles.ts.
 * - POST /api/v1.1/profiles/import ("Import profile"): create or update; profiles/update: update only.
 * - POST /api/v1.1/profiles/import_batch ("Import multiple profiles") and update_batch ("Update multiple profiles").
 * - POST /api/v1.1/profiles/get/ ("Get profile data"), /api/v1.1/profiles/delete ("Delete profile").
 * Every answer but delete's is [INF]: see the fixtures.
 */
import { BATCH_MATCHING, bad, dataArray, fieldNameOf, lookup, matchingOf, asList } from '../batch';
import { checkImportRequest, checkProfile, skipsInvalid } from '../importProfile';
import type { Exchange, Reply } from '../http';
import { importProfileData, profileInDatabase, renderProfile } from '../profileStore';
import { ApiError, checkResource, type Catalogue } from '../validate';
import { databaseOf, documentedRoute } from './documented';
import type { RouteContext } from './route';

const IMPORT = '/api/v1.1/profiles/import';
const UPDATE = '/api/v1.1/profiles/update';
const IMPORT_BATCH = '/api/v1.1/profiles/import_batch';
const UPDATE_BATCH = '/api/v1.1/profiles/update_batch';
/** [DOC: Delete profile] The four modes it lists. */
const DELETE_MATCHING = ['email', 'phone', 'profile_id', 'custom'];

/** add_to_segments / remove_from_segments: static segments of the account [INF: 404 unknown, 400 not static]. */
function segmentIds(body: Record<string, unknown>, name: string, catalogue: Catalogue): number[] {
	return (asList(body[name]) ?? []).map((value, index) => {
		const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof id !== 'number' || !Number.isInteger(id) || id < 1)
			throw bad(`${name}[${index}] must be a segment ID (a positive integer), got ${JSON.stringify(value)}`);
		const segment = catalogue.segmentsById.get(id);
		if (!segment) throw new ApiError(404, `Segment not found (${name}[${index}] ${id})`);
		if (!segment.is_static)
			throw bad(`${name}[${index}]: segment ${id} is not static; only static segments take profiles`);
		return id;
	});
}

/** The request-level part of every import call: database, flags, resource, segments, matching. */
function importRequest(body: Record<string, unknown>, catalogue: Catalogue) {
	const dbId = databaseOf(body, catalogue);
	checkImportRequest(body, catalogue);
	const add = segmentIds(body, 'add_to_segments', catalogue);
	const remove = segmentIds(body, 'remove_from_segments', catalogue);
	const matching = matchingOf(body, BATCH_MATCHING);
	return { dbId, add, remove, matching, fieldName: fieldNameOf(body, matching) };
}

type ImportRequest = ReturnType<typeof importRequest>;

/** Checks one profile's data, finds or creates it, applies the segment changes; returns its ID. */
function importOne(
	element: Record<string, unknown>,
	data: unknown,
	where: string,
	request: ImportRequest,
	body: Record<string, unknown>,
	mayCreate: boolean,
	catalogue: Catalogue,
): string {
	const profile = checkProfile(data, where, catalogue, skipsInvalid(body));
	const { dbId, matching, fieldName } = request;
	const found = lookup(element, where, matching, fieldName, catalogue, profile);
	const profileId = importProfileData(catalogue.profiles, {
		dbId,
		matching,
		found,
		fieldName,
		data: profile,
		mayCreate,
	});
	const stored = catalogue.profiles.get(profileId)!;
	const segments = new Set([...(stored.segments ?? []), ...request.add]);
	for (const id of request.remove) segments.delete(id);
	stored.segments = [...segments];
	return profileId;
}

function importRoute(path: string, mayCreate: boolean) {
	return documentedRoute({
		paths: [path],
		changesData: true,
		handle(body, exchange, context) {
			const request = importRequest(body, context.catalogue);
			if (body.data === undefined) throw bad("data is required: the profile's fields");
			const profileId = importOne(body, body.data, 'data', request, body, mayCreate, context.catalogue);
			context.recordOperation(exchange, { endpoint: path, profiles: [profileId], item: body.data });
			return context.answers.successWith(exchange, { profile_id: profileId });
		},
	});
}

/** [INF] One result entry per element, in order; an element that fails gets its own error, the call still answers 0. */
function batchResult(
	exchange: Exchange,
	context: RouteContext,
	body: Record<string, unknown>,
	path: string,
	mayCreate: boolean,
): Reply {
	const request = importRequest(body, context.catalogue);
	const result = dataArray(body).map((element, index) => {
		try {
			const profileId = importOne(element, element, `data[${index}]`, request, body, mayCreate, context.catalogue);
			context.recordOperation(exchange, { endpoint: path, profiles: [profileId], item: element });
			return { error: 0, error_text: 'Successful operation', profile_id: profileId };
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return { error: error.code, error_text: error.message };
		}
	});
	return context.answers.successWith(exchange, { result });
}

function batchRoute(path: string, mayCreate: boolean) {
	return documentedRoute({
		paths: [path],
		changesData: true,
		handle: (body, exchange, context) => batchResult(exchange, context, body, path, mayCreate),
	});
}

export const profilesImport = importRoute(IMPORT, true);
export const profilesUpdate = importRoute(UPDATE, false);
export const profilesImportBatch = batchRoute(IMPORT_BATCH, true);
export const profilesUpdateBatch = batchRoute(UPDATE_BATCH, false);

/** The profile a get or delete request names in its database (404 [INF] when none). */
function requestedProfile(body: Record<string, unknown>, catalogue: Catalogue, modes: string[]) {
	const dbId = databaseOf(body, catalogue);
	checkResource(body, catalogue);
	const matching = matchingOf(body, modes);
	const found = lookup(body, 'request', matching, fieldNameOf(body, matching), catalogue);
	return profileInDatabase(catalogue.profiles, found.profiles, dbId, `${matching} ${found.target}`);
}

export const profilesGet = documentedRoute({
	paths: ['/api/v1.1/profiles/get/'],
	changesData: false,
	handle(body, exchange, context) {
		const profile = requestedProfile(body, context.catalogue, BATCH_MATCHING);
		return context.answers.success(exchange, renderProfile(profile));
	},
});

export const profilesDelete = documentedRoute({
	paths: ['/api/v1.1/profiles/delete'],
	changesData: true,
	handle(body, exchange, context) {
		const { profile_id } = requestedProfile(body, context.catalogue, DELETE_MATCHING);
		context.catalogue.profiles.remove(profile_id);
		context.recordOperation(exchange, { endpoint: '/api/v1.1/profiles/delete', profiles: [profile_id] });
		return context.answers.success(exchange, { profile_id });
	},
});
