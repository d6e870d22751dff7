import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../client/launch';
import { parameterReader } from '../../engine/parameters';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../fields/display';
import { IMPORT_FAMILY_MATCHING } from '../../fields/identifyProfile';
import { CHANGE_LOOKUP_DESCRIPTION, changeProfiles, skipTriggersField } from '../../fields/profileChange';
import { targetReader, lookupProperties } from '../../fields/profileLookup';
import { REQUEST_OPTIONS, dryRunNotice } from '../../fields/requestOptions';
import { SEGMENT_FIELD, segmentIdReader } from '../../fields/segment';

/**
 * Segment → Add Profile and Remove Profile: one static segment, one profile per item, by any
 * matching mode. Altcraft "Add or remove profile" takes only a profile ID, so the profile is looked
 * up first when the item does not give it.
 */
interface Membership {
	value: 'addProfile' | 'removeProfile';
	path: string;
	option: Omit<INodePropertyOptions, 'value'>;
	/** The outcome key of the output: `added` or `removed`. */
	outcome: 'added' | 'removed';
}

function properties(): INodeProperties[] {
	return [
		dryRunNotice('send them'),
		SEGMENT_FIELD,
		...lookupProperties(IMPORT_FAMILY_MATCHING, CHANGE_LOOKUP_DESCRIPTION),
		additionalFieldsCollection([skipTriggersField('the segment change')]),
		optionsCollection(REQUEST_OPTIONS),
	];
}

/** What an operation folder exports, for one direction of the membership. */
export function membershipOperation(membership: Membership) {
	const option: INodePropertyOptions = { ...membership.option, value: membership.value };
	const description = withDisplay(properties(), { resource: ['segment'], operation: [membership.value] });
	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		const client = await createLaunchClient(this);
		const read = targetReader(this, client.settings.format === 'xml');
		const segmentId = segmentIdReader(this);
		const skipTriggers = parameterReader(this, 'additionalFields.skipTriggers', false);
		return changeProfiles(client, {
			url: membership.path,
			scope: `segment-${membership.outcome}`,
			check: (itemIndex) => {
				const segment = segmentId(itemIndex);
				const skip = skipTriggers(itemIndex) === true ? { skip_triggers: true } : {};
				return { target: read(itemIndex), fields: { segment_id: segment, ...skip }, summary: { segmentId: segment } };
			},
			outcome: () => ({ [membership.outcome]: true }),
		});
	}
	return { option, description, execute };
}
