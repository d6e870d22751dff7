import { membershipOperation } from '../membership';

/** Altcraft "Add or remove profile": remove. */
const REMOVE_PATH = '/api/v1.1/profiles/segstatic/remove';

export const { option, description, execute } = membershipOperation({
	value: 'removeProfile',
	path: REMOVE_PATH,
	outcome: 'removed',
	option: {
		name: 'Remove Profile',
		action: 'Remove a profile from a static segment',
		description: 'Remove a profile from a static segment, e.g. when a customer churns',
	},
});
