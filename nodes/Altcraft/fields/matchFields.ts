import type { INodeProperties } from 'n8n-workflow';

/**
 * The match values that Profile ID and Custom Field matching ask for, the same wherever a
 * matching mode is offered (Launch, Import Profile and Launch).
 */
export const PROFILE_ID_AND_CUSTOM_FIELD: INodeProperties[] = [
	{
		displayName: 'Profile ID',
		name: 'profileId',
		type: 'string',
		placeholder: 'e.g. 6606e08f10bcdd88297057a7',
		default: '',
		required: true,
		displayOptions: { show: { matching: ['profile_id'] } },
	},
	{
		displayName: 'Field Name',
		name: 'fieldName',
		type: 'string',
		placeholder: 'e.g. CRM_ID',
		default: '',
		required: true,
		description: 'Name of the custom profile data field to match on; its value must be unique per profile',
		displayOptions: { show: { matching: ['custom'] } },
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		type: 'string',
		placeholder: 'e.g. 123420',
		default: '',
		required: true,
		description: 'Value of the field. For tag fields, a combination of tags as one string: "tag-1, tag-2".',
		displayOptions: { show: { matching: ['custom'] } },
	},
];
