import type { INodeProperties } from 'n8n-workflow';
import { identifyValueFields } from './identifyProfile';

/**
 * The value fields of Profile ID and Custom Field, for operations whose email and phone come from
 * their own profile fields (Import Profile and Launch). New code: use fields/identifyProfile.ts.
 */
export const PROFILE_ID_AND_CUSTOM_FIELD: INodeProperties[] = identifyValueFields(['profile_id', 'custom']);
