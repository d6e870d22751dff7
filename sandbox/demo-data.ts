/**
 * Demo data for the Altcraft sandbox. The values echo the examples of the Altcraft
 * "Trigger launch (API call)" documentation page, so that the page's requests work as-is
 * against the sandbox (trigger 84 and 96, profile 6606e08f10bcdd88297057a7, the Custom_ID list); the
 * databases, scenarios, segments and pixels likewise echo the examples of their pages.
 */
import { createHash } from 'node:crypto';
import { getScenariosListParsable } from './fixtures';

export interface SandboxProfile {
	profile_id: string;
	/** The profile's database ("db_id"); default 1. */
	db_id?: number;
	email?: string;
	phone?: string;
	/** Further phone numbers ("phones" of the profile data object); `phone` is matched too. */
	phones?: string[];
	/** System fields (_fname, _bdate, …) and custom fields by their database name. */
	fields?: Record<string, unknown>;
	subscriptions?: SandboxSubscription[];
	/** IDs of the static segments the profile is in. */
	segments?: number[];
	/** Goals registered for the profile (goals/register), in order. */
	goals?: SandboxGoal[];
}

/** A subscription as the sandbox stores it (the flat shape of "Subscription object"); status as a word. */
export interface SandboxSubscription {
	resource_id: number;
	channel: string;
	email?: string;
	phone?: string;
	provider?: string;
	subscription_id?: string;
	cc_data?: Record<string, unknown>;
	status: string;
	priority: number;
	custom_fields?: Record<string, unknown>;
	cats?: string[];
}

export interface SandboxGoal {
	pixel_id: number;
	goal: string;
	value?: number;
	date?: string;
}

/** A profile database ("Get database list" items) with its fields ([INF] "Get database fields" item shape). */
export interface SandboxDatabase {
	id: number;
	name: string;
	ui_tags: string[];
	group: { Id: number; Name: string };
	fields: SandboxField[];
}

/** [INF] After the item of "Get resource subscription fields": no "Get database fields" page is stored. */
export interface SandboxField {
	category: 'system' | 'custom';
	title: string;
	name: string;
	required: boolean;
	type: string;
}

/** An automation scenario, with the fields of "Get scenarios list" items. */
export interface SandboxScenario {
	id: number;
	name: string;
	/** The scenario's database. */
	list_id: number;
	is_active: boolean;
	ui_tags: string[];
	mode: string;
	group: { ID: number; title: string };
	/** The nodes "Get scenarios list" shows; default: the two start nodes and one campaign node. */
	nodes?: Array<Record<string, unknown>>;
}

/** A segment, with the fields of "Get segments list" items; only static ones take segstatic/add and remove. */
export interface SandboxSegment {
	id: number;
	name: string;
	ui_tags: string[];
	group: { Id: number; Name: string };
	is_static: boolean;
}

/** A pixel that goals are registered with ("pixel_id"); Altcraft has no API to list them. */
export interface SandboxPixel {
	id: number;
	name: string;
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

const MAIN_GROUP = { Id: 0, Name: 'main' };
const SUBACCOUNT_GROUP = { Id: 1, Name: 'subaccount' };

/** Fields every database has; types after "Get resource subscription fields" (int, unicode, bool) [INF]. */
const SYSTEM_FIELDS: SandboxField[] = [
	{ category: 'system', title: 'Email', name: 'email', required: false, type: 'unicode' },
	{ category: 'system', title: 'Phones', name: 'phones', required: false, type: 'unicode' },
	{ category: 'system', title: 'First name', name: '_fname', required: false, type: 'unicode' },
	{ category: 'system', title: 'Last name', name: '_lname', required: false, type: 'unicode' },
	{ category: 'system', title: 'Birth date', name: '_bdate', required: false, type: 'date' },
];

const custom = (name: string, type: string, required = false): SandboxField => ({
	category: 'custom',
	title: name.replace(/_/g, ' '),
	name,
	required,
	type,
});

/** More scenarios and segments than one page of their lists (limit 1000), as for trigger mailings. */
export const GENERATED_LIST_COUNT = 1050;

/** Scenarios 2000, 2002, …: every fourth inactive, all in database 1. */
function generatedScenarios(): SandboxScenario[] {
	return Array.from({ length: GENERATED_LIST_COUNT }, (_, index) => {
		const id = 2000 + index * 2;
		return {
			id,
			name: `${TOPICS[index % TOPICS.length]} flow #${id}`,
			list_id: 1,
			is_active: index % 4 !== 1,
			ui_tags: [],
			mode: 'skip',
			group: { ID: 0, title: 'main' },
		};
	});
}

/** Segments 3000, 3002, …: every third static. */
function generatedSegments(): SandboxSegment[] {
	return Array.from({ length: GENERATED_LIST_COUNT }, (_, index) => {
		const id = 3000 + index * 2;
		return { id, name: `Audience #${id}`, ui_tags: [], group: MAIN_GROUP, is_static: index % 3 === 0 };
	});
}

export const demoData: {
	profiles: SandboxProfile[];
	triggers: SandboxTrigger[];
	resources: SandboxResource[];
	databases: SandboxDatabase[];
	scenarios: SandboxScenario[];
	segments: SandboxSegment[];
	pixels: SandboxPixel[];
} = {
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
		{
			// "Delete profile": db_id 1, email example@example.com → profile_id 5f33d33ece94481aa9382110;
			// "Get profile data" asks for the same address. Fields echo that page's older example.
			profile_id: '5f33d33ece94481aa9382110',
			db_id: 1,
			email: 'example@example.com',
			phones: ['+508370045348179'],
			fields: { _fname: 'Marisa', _regdate: '2018-01-19T13:54:05.468Z', custom_number: -888 },
			subscriptions: [
				{ resource_id: 24, channel: 'email', email: 'example@example.com', status: 'subscribed', priority: 0 },
			],
			segments: [2],
		},
		{
			// "Engage profile in scenario" (user guide) starts this profile.
			profile_id: '66acb337240d5213037986d8',
			email: 'onboarding@example.com',
			fields: { _fname: 'Ivan' },
		},
		{
			// Database 2: not found by the routes that name database 1.
			profile_id: '6606e08f10bcdd88297057b1',
			db_id: 2,
			email: 'buyer@example.net',
			fields: { _fname: 'John', Company: 'Example Ltd' },
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
	// "Get database list" example: databases 1 and 2 as shown there.
	databases: [
		{
			id: 1,
			name: 'Database #1',
			ui_tags: [],
			group: MAIN_GROUP,
			fields: [
				...SYSTEM_FIELDS,
				custom('CRM_ID', 'int'),
				custom('Custom_ID', 'unicode'),
				custom('FirstName', 'unicode'),
				custom('Tags', 'tags'),
			],
		},
		{
			id: 2,
			name: 'Database #2',
			ui_tags: ['tag1', 'tag2'],
			group: SUBACCOUNT_GROUP,
			fields: [...SYSTEM_FIELDS, custom('Company', 'unicode', true)],
		},
		{ id: 3, name: 'B2B leads', ui_tags: [], group: MAIN_GROUP, fields: [...SYSTEM_FIELDS] },
		// "Import or update a profile" (user guide) imports into database 5.
		{ id: 5, name: 'Newsletter sign-ups', ui_tags: [], group: MAIN_GROUP, fields: [...SYSTEM_FIELDS] },
	],
	// "Get scenarios list": its request (from_id 10, limit 1, ui_tags ["B2C"]) finds 10 of three B2C scenarios.
	scenarios: [
		// "Engage profile in scenario" (user guide) starts profile 66acb337240d5213037986d8 in scenario 3.
		{
			id: 3,
			name: 'Onboarding',
			list_id: 1,
			is_active: true,
			ui_tags: [],
			mode: 'skip',
			group: { ID: 0, title: 'main' },
		},
		{
			id: 10,
			name: 'Government tip',
			list_id: 1,
			is_active: true,
			ui_tags: ['B2C'],
			mode: 'skip',
			group: { ID: 2, title: 'Sales and promotion' },
			nodes: JSON.parse(getScenariosListParsable.response!.json!).data[0].nodes,
		},
		{
			id: 11,
			name: 'Welcome chain',
			list_id: 1,
			is_active: true,
			ui_tags: ['B2C'],
			mode: 'skip',
			group: { ID: 2, title: 'Sales and promotion' },
		},
		{
			id: 12,
			name: 'Winback (stopped)',
			list_id: 1,
			is_active: false,
			ui_tags: ['B2C'],
			mode: 'skip',
			group: { ID: 2, title: 'Sales and promotion' },
		},
		{
			id: 14,
			name: 'B2B onboarding',
			list_id: 2,
			is_active: true,
			ui_tags: [],
			mode: 'skip',
			group: { ID: 0, title: 'main' },
		},
		...generatedScenarios(),
	],
	// "Get segments list" example: segments 1 and 2; "Add or remove profile" uses segment 2 (static).
	segments: [
		{ id: 1, name: 'Segment A', ui_tags: ['tag1', 'tag2'], group: SUBACCOUNT_GROUP, is_static: false },
		{ id: 2, name: 'Segment B', ui_tags: [], group: MAIN_GROUP, is_static: true },
		{ id: 5, name: 'VIP customers', ui_tags: ['vip'], group: MAIN_GROUP, is_static: true },
		...generatedSegments(),
	],
	// "Goals and goal values registration" shows pixel_id 1.
	pixels: [
		{ id: 1, name: 'Website' },
		{ id: 2, name: 'Mobile app' },
	],
};
