import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../../../engine/parameters';
import { databaseIdReader } from '../../../fields/database';
import { IMPORT_FIELDS, readImportFields } from '../../../fields/importOptions';
import { profileReader } from '../../../fields/profile';
import { importMatchReader, type ImportMatch } from '../../../fields/profileMatching';
import { readSegmentIds } from '../../../fields/segment';

/** Altcraft "Import profile" (create or update) and its update-only twin [DOC: Import or update profile]. */
export const IMPORT_PATH = '/api/v1.1/profiles/import';
export const UPDATE_PATH = '/api/v1.1/profiles/update';

/** What an import sends besides the profile: every flag of the import but the launch delay, and static segments. */
const SEGMENT_INPUTS: INodeProperties[] = [
	{
		displayName: 'Add to Segments',
		name: 'addToSegments',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2, 5',
		description: 'IDs of static segments to add the profile to, separated by commas (add_to_segments)',
	},
	{
		displayName: 'Remove From Segments',
		name: 'removeFromSegments',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3',
		description: 'IDs of static segments to remove the profile from, separated by commas (remove_from_segments)',
	},
];

export const CREATE_OR_UPDATE_FIELDS: INodeProperties[] = [
	...IMPORT_FIELDS.filter((field) => field.name !== 'launchDelay'),
	...SEGMENT_INPUTS,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const UPDATE_ONLY_OPTION: INodeProperties = {
	displayName: 'Update Only',
	name: 'updateOnly',
	type: 'boolean',
	default: false,
	description:
		'Whether only existing profiles are changed: a profile that does not match fails its item instead of being created',
};

/** `imported` for create-or-update, `updated` for Update Only: what the user asked Altcraft to do. */
export function outcomeKey(updateOnly: boolean): string {
	return updateOnly ? 'updated' : 'imported';
}

/** One item's import: its database, how the profile is matched, the profile, and the request-level fields. */
export interface ProfileImport {
	dbId: number;
	match: ImportMatch;
	profile: IDataObject;
	/** resource_id, skip_triggers, skip_invalid_subscriptions, detect_geo: only what is set. */
	flags: IDataObject;
	segments: IDataObject;
}

/** Reads and checks one item's import; build once per execution. */
export function importReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ProfileImport {
	const dbId = databaseIdReader(ctx);
	const match = importMatchReader(ctx, xml);
	const readProfile = profileReader(ctx, xml);
	const additionalFields = parameterReader<IDataObject>(ctx, 'additionalFields', {});
	return (itemIndex) => {
		const fields = additionalFields(itemIndex);
		const profile = readProfile(itemIndex);
		const segments: IDataObject = {};
		const add = readSegmentIds(ctx, itemIndex, 'Add to Segments', fields.addToSegments);
		const remove = readSegmentIds(ctx, itemIndex, 'Remove From Segments', fields.removeFromSegments);
		if (add) segments.add_to_segments = add;
		if (remove) segments.remove_from_segments = remove;
		return {
			dbId: dbId(itemIndex),
			match: match(itemIndex, profile),
			profile,
			flags: readImportFields(ctx, itemIndex, fields),
			segments,
		};
	};
}
