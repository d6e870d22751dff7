import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { Client } from '../client';
import { pinToItem } from '../engine/failures';
import { DATABASE_FIELD, databaseIdReader } from './database';
import { identifyProfileFields, type IdentifyMode } from './identifyProfile';
import { readResourceId } from './resource';
import { contactReader, profileMatchReader, type ImportMatch } from './profileMatching';
import { omit } from '../helpers/omit';

/**
 * Finding one profile: the Database and "Identify Profile By" inputs of the operations that act on
 * one existing profile (Get, Delete, Set Subscription, Segment → Add/Remove Profile), and the
 * lookup through profiles/get/ for the calls that take only a profile ID (subscriptions/set,
 * profiles/segstatic/*) [INF: facts sheet §1, no call takes the other modes].
 */
export const PROFILE_GET_PATH = '/api/v1.1/profiles/get/';

/** Shown in a dry run where the lookup's answer would put the profile ID. */
export const LOOKED_UP_ID = '[profile ID found by the lookup]';

export function lookupProperties(modes: IdentifyMode[], description: string): INodeProperties[] {
	return [DATABASE_FIELD, ...identifyProfileFields(modes, { description })];
}

/** The database and the profile's matching of one item. */
export interface ProfileTarget {
	dbId: number;
	match: ImportMatch;
}

export function targetReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ProfileTarget {
	const dbId = databaseIdReader(ctx);
	const contact = contactReader(ctx);
	const match = profileMatchReader(ctx, xml);
	return (itemIndex) => ({ dbId: dbId(itemIndex), match: match(itemIndex, contact(itemIndex)) });
}

/**
 * Reads and checks each item's selector for Get and Delete: its target, and the body that names
 * it, with the Subscription Resource option (read once) for email and phone modes.
 */
export function selectorReader(client: Client): (itemIndex: number) => { target: ProfileTarget; body: IDataObject } {
	const resourceId = readResourceId(client.ctx, 0, client.options.resourceId);
	const read = targetReader(client.ctx, client.settings.format === 'xml');
	return (itemIndex) => {
		const target = read(itemIndex);
		const body = selectorBody(target, resourceId === undefined ? {} : { resource_id: resourceId });
		client.checkSendable(itemIndex, body);
		return { target, body };
	};
}

/** The body of profiles/get/ (and of delete, which takes the same selectors) for a target. */
function selectorBody(target: ProfileTarget, extra: IDataObject = {}): IDataObject {
	return { db_id: target.dbId, ...target.match.request, ...target.match.key, ...extra };
}

/**
 * Whether Altcraft answered that no profile matched. [INF] The code is undocumented; Altcraft's
 * "not found" codes elsewhere are 404, so a 404 whose text names a profile counts (a 404 for an
 * unknown database does not).
 */
export function isProfileNotFound(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const response = ((error as { errorResponse?: IDataObject }).errorResponse ?? {}) as IDataObject;
	const fromMessage = /^Altcraft error (\d+): (.*)$/s.exec(error.message);
	const code = Number(response.error ?? fromMessage?.[1]);
	const text = String(response.error_text ?? fromMessage?.[2] ?? '');
	return code === 404 && /profile/i.test(text) && /not found/i.test(text);
}

/** What an output says about the profile a target names, e.g. `email: …` or `fieldName` + `fieldValue`. */
function describeTarget(target: ProfileTarget): string {
	return Object.entries(omit(target.match.summary, 'matching'))
		.map(([name, value]) => `${name} ${String(value)}`)
		.join(', ');
}

export function notFoundError(ctx: IExecuteFunctions, target: ProfileTarget, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`No profile with ${describeTarget(target)} in database ${target.dbId} (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'Altcraft found no profile for this item. Check the value and the database, or create the profile first with Profile → Create or Update.',
		},
	);
}

interface Identified {
	profileId: string;
	/** Whether it took a profiles/get/ call to find it (the item did not give the profile ID). */
	lookedUp: boolean;
	/** Dry run: the lookup request that would go first. */
	lookupRequest?: IDataObject;
}

/**
 * The profile ID of an item's target: as given, or looked up with profiles/get/ (a read, so no
 * Request-ID). A profile that is not there fails the item with a message that says so.
 */
export async function identifyProfile(client: Client, itemIndex: number, target: ProfileTarget): Promise<Identified> {
	const given = target.match.key.profile_id;
	if (typeof given === 'string') return { profileId: given, lookedUp: false };
	let response;
	try {
		response = await client.request({ method: 'POST', url: PROFILE_GET_PATH, body: selectorBody(target), itemIndex });
	} catch (error) {
		if (isProfileNotFound(error)) throw notFoundError(client.ctx, target, itemIndex);
		throw pinToItem(client.ctx, error, itemIndex);
	}
	if (client.settings.dryRun)
		return { profileId: LOOKED_UP_ID, lookedUp: true, lookupRequest: response.body.request as IDataObject };
	const id = profileIdOf(response.body);
	if (id === undefined) {
		throw new NodeOperationError(
			client.ctx.getNode(),
			`Altcraft's answer to the profile lookup has no profile ID (item ${itemIndex})`,
			{
				itemIndex,
				description: 'The answer of profiles/get/ had no data.id. Identify the profile by Profile ID instead.',
			},
		);
	}
	return { profileId: id, lookedUp: true };
}

/** The profile of a profiles/get/ answer: `data` [DOC: Get profile data]; undefined when it has none. */
export function profileOf(body: IDataObject): IDataObject | undefined {
	const data = body.data;
	return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;
}

/** A profile ID wherever an answer puts it: `data.id` (get), `data.profile_id` (delete), `profile_id` (import [INF]). */
export function profileIdOf(body: IDataObject): string | undefined {
	const data = profileOf(body);
	const id = data?.id ?? data?.profile_id ?? body.profile_id;
	return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : undefined;
}
