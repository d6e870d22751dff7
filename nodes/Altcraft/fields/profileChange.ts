import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { LaunchClient } from '../client/launch';
import { pinToItem } from '../engine/failures';
import { checkAllThenSend } from '../engine/items';
import { successJson, type Verbs } from '../engine/output';
import { digest } from '../helpers/hash';
import { LOOKED_UP_ID, identifyProfile, isProfileNotFound, notFoundError, type ProfileTarget } from './profileLookup';

/**
 * The calls that change one profile named only by its ID (subscriptions/set,
 * profiles/segstatic/add and …/remove): every item is checked first, then per item the profile is
 * looked up when the item does not give its ID, and the change is sent with a Request-ID from its
 * content. The output says `lookedUp` when a lookup found the profile.
 */
/** What "Identify Profile By" says where the call takes only a profile ID. */
export const CHANGE_LOOKUP_DESCRIPTION =
	'How to find the profile; any mode but Profile ID costs one lookup request first';

/** Skip Triggers of a change: `what` names what the triggers would react to. */
export function skipTriggersField(what: string): INodeProperties {
	return {
		displayName: 'Skip Other Triggers and Scenarios',
		name: 'skipTriggers',
		type: 'boolean',
		default: false,
		description: `Whether triggers and scenarios that react to ${what} are left unstarted`,
	};
}

interface ProfileChange {
	target: ProfileTarget;
	/** The call's own fields, beside db_id and profile_id. */
	fields: IDataObject;
	/** What the output shows of the change (segment, channel, …). */
	summary: IDataObject;
}

interface ProfileChangeSpec {
	url: string;
	/** Scopes the Request-ID derived from an Idempotency Key, e.g. `segment-add`. */
	scope: string;
	check: (itemIndex: number) => ProfileChange;
	/** What happened, in the user's words (e.g. `added: true`). */
	outcome: (change: ProfileChange) => Verbs;
}

export async function changeProfiles(client: LaunchClient, spec: ProfileChangeSpec): Promise<INodeExecutionData[]> {
	const { ctx } = client;
	return checkAllThenSend(ctx, {
		count: ctx.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const change = spec.check(itemIndex);
			client.checkSendable(itemIndex, { db_id: change.target.dbId, profile_id: LOOKED_UP_ID, ...change.fields });
			return change;
		},
		send: async ({ items: [itemIndex], value: change }) => {
			const found = await identifyProfile(client, itemIndex, change.target);
			const body: IDataObject = { db_id: change.target.dbId, profile_id: found.profileId, ...change.fields };
			try {
				const call = await client.call({
					method: 'POST',
					url: spec.url,
					body,
					itemIndex,
					requestId: client.requestId(itemIndex, `${spec.scope}-${change.target.dbId}`, digest([body])),
				});
				const facts: IDataObject = {
					profileId: found.profileId,
					lookedUp: found.lookedUp,
					databaseId: change.target.dbId,
					...change.target.match.summary,
					...change.summary,
					// A dry run shows the lookup that would go first.
					...(found.lookupRequest ? { lookupRequest: found.lookupRequest } : {}),
				};
				return successJson(spec.outcome(change), facts, call);
			} catch (error) {
				// Deleted between the lookup and the change, or a wrong Profile ID.
				if (isProfileNotFound(error)) throw notFoundError(ctx, change.target, itemIndex);
				throw pinToItem(ctx, error, itemIndex);
			}
		},
	});
}
