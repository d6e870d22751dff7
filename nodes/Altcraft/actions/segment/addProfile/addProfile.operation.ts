import { membershipOperation } from '../membership';

/** Altcraft "Add or remove profile": add. */
const ADD_PATH = '/api/v1.1/profiles/segstatic/add';

export const { option, description, execute } = membershipOperation({
	value: 'addProfile',
	path: ADD_PATH,
	outcome: 'added',
	option: {
		name: 'Add Profile',
		action: 'Add a profile to a static segment',
		description: 'Add a profile to a static segment, e.g. when a customer becomes VIP',
	},
});
