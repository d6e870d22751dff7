/**
 * Demo data for the Altcraft sandbox. The values echo the examples of the Altcraft
 * "Trigger launch (API call)" documentation page, so that the page's requests work as-is
 * against the sandbox (trigger 84 and 96, profile 6606e08f10bcdd88297057a7, the Custom_ID list).
 */
import { createHash } from 'node:crypto';

export interface SandboxProfile {
	profile_id: string;
	email?: string;
	phone?: string;
	fields?: Record<string, unknown>;
}

/** A trigger mailing, with the fields of Altcraft's "Get trigger mailings list" items. */
export interface SandboxTrigger {
	id: number;
	name: string;
	/** "type" in the list, "trigger_type" in "Get trigger mailing information"; only 'api_call' can be launched by the API. */
	type: string;
	is_active: boolean;
	/** 48 or 64 hex characters: the key of the v1.0 link /trg/<key>/<email|md5|xxh>. */
	key: string;
	/** The trigger's database ("list_id" in "Get trigger mailing information"). */
	list_id?: number;
	resource_id?: number;
	send_channel?: string;
}

export interface SandboxResource {
	id: number;
	name: string;
}

/** Default API token of the sandbox. Not a secret: it only opens the local sandbox. */
export const DEMO_TOKEN = 'sandbox-token-0123456789abcdef';

/** Topics of the generated trigger mailings. */
const TOPICS = [
	'Order confirmation',
	'Password reset',
	'Delivery update',
	'Birthday greeting',
	'Cart reminder',
	'Weekly digest',
	'Price drop alert',
	'Loyalty points',
	'Feedback request',
	'Reactivation',
];
/** First ID of the generated trigger mailings, and how many: more than one page of the list (limit 1000). */
export const GENERATED_FIRST_ID = 1000;
export const GENERATED_COUNT = 1100;

/**
 * A busy account: trigger mailings of several types (only 'api_call' can be launched; the other
 * type names are [INF], the docs show only 'api_call'), active and inactive, IDs with gaps
 * (every other number), more than one page of "Get trigger mailings list".
 */
function generatedTriggers(): SandboxTrigger[] {
	return Array.from({ length: GENERATED_COUNT }, (_, index) => {
		const id = GENERATED_FIRST_ID + index * 2;
		const type = index % 5 === 3 ? 'event' : index % 7 === 5 ? 'date' : 'api_call';
		return {
			id,
			name: `${TOPICS[index % TOPICS.length]} #${id}`,
			type,
			is_active: index % 4 !== 2,
			key: createHash('sha256').update(`trigger ${id}`).digest('hex').slice(0, 48),
			list_id: 1,
			resource_id: 24,
		};
	});
}

export const demoData: { profiles: SandboxProfile[]; triggers: SandboxTrigger[]; resources: SandboxResource[] } = {
	profiles: [
		{
			profile_id: '6606e08f10bcdd88297057a7',
			email: 'john@example.com',
			phone: '+79000000000',
			// Tags is a tag-type field: a launch with field_value "vip, newsletter" matches it.
			fields: { CRM_ID: 123420, Custom_ID: 'IpHicQquekzYkufl', FirstName: 'John', Tags: ['vip', 'newsletter'] },
		},
		{
			profile_id: 'abcdefghijklmnqrstuvwxyz',
			email: 'jane@example.com',
			phone: '+79000000001',
			fields: { CRM_ID: 123421, Custom_ID: 'xzFKLXeaJkCYHuMb', FirstName: 'Jane', Tags: ['newsletter'] },
		},
		{
			profile_id: '6606e08f10bcdd88297057a8',
			// A '+' in the local part: it must survive the v1.0 link when sent as %2B.
			email: 'ivan+news@example.org',
			phone: '+79000000002',
			fields: { CRM_ID: 123422, Custom_ID: 'SRNOwHVZiWFItJhr', FirstName: 'Ivan', Tags: ['tag-1', 'tag-2'] },
		},
		{
			profile_id: '6606e08f10bcdd88297057a9',
			email: 'asd@dsfsd.com',
			phone: '+79000000003',
			fields: { CRM_ID: 123423, Custom_ID: 'NotInTheDocsList', FirstName: 'Asya', Tags: [] },
		},
		{
			profile_id: '6606e08f10bcdd88297057aa',
			email: 'zxcv@sdfsd.com',
			fields: { CRM_ID: 123424, FirstName: 'Zoe', Tags: ['tag-1'] },
		},
	],
	triggers: [
		{
			id: 84,
			name: 'Welcome series',
			type: 'api_call',
			is_active: true,
			key: '9800d34551adffb078387a3a64c9e5a50240105b57dd8d66',
			list_id: 1,
			resource_id: 24,
		},
		{
			id: 96,
			name: 'New videos digest',
			type: 'api_call',
			is_active: true,
			key: '39f41fcd000e1dccbf66c1bfe11705927499da7d54e297b8a0ea64552dc6d958',
			list_id: 1,
			resource_id: 24,
		},
		{
			id: 101,
			name: 'Old promo (stopped)',
			type: 'api_call',
			is_active: false,
			key: '59a7c83bd88c0a7bb8d381b118e90cc66a1a0cfbe6df0805',
			list_id: 1,
		},
		{
			id: 102,
			name: 'Abandoned cart (event)',
			type: 'event',
			is_active: true,
			key: 'bafda7035d0aca3281ba188c2008e43830fe4e96838316c60d73fd735088540d',
			list_id: 1,
		},
		...generatedTriggers(),
	],
	resources: [{ id: 24, name: 'Main newsletter' }],
};
