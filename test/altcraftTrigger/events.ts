/**
 * Action-hook events in Altcraft's documented shape ("JSON batch request (HTTP POST action hook)"
 * and "Action Hook Message Structure"; see the facts sheet, section 14). The stored copy of the
 * "Email delivered" sample ends inside `custom_data`: it is closed here, nothing else is added.
 */
export const DOC_DELIVERED = {
	event_type: 'deliv',
	list_id: 50,
	account_id: 161,
	_xxh: '5ada5e6ea3c6da5f',
	_md5: 'a5656dc1e3f603063a1918d582a10f58',
	event_data: { message_id: 5, segment_id: 0, campaign_id: 130 },
	event_date: '2016-11-15T09:12:28.514388956Z',
	custom_data: { email: 'eddie@test-ukr.net' },
};

/** Assembled from the v74 field table (not a documented sample). */
export const CLICK = {
	event_type: 'click',
	event_date: '2024-05-06T10:00:05.548123456Z',
	profile_id: '6643052fee44bb50a671161d',
	_xxh: 'ad1850e0d1d9481e',
	_md5: '145bb30f7ddf1184cb560bc4b7705646',
	list_id: 111,
	account_id: 23,
	is_test: false,
	is_static: false,
	subscription_hash_id: '0a4b910312345',
	custom_data: {},
	event_data: {
		message_id: 17,
		campaign_id: 973,
		segment_id: 0,
		resource_id: 3,
		ip: '10.9.0.14',
		country: '.us',
		browser: 'Firefox',
		link_url: 'https://www.example.com',
		launch_id: '00000017000003cd5a9bf01a',
	},
	subscription: [{ resource_id: 3, channel: 'email', email: 'user@example.com', status: 'subscribed', priority: 1 }],
};

/** n events of one type, each its own (distinct nanosecond time and profile). */
export function many(count: number, base: Record<string, unknown> = CLICK, offset = 0): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, index) => ({
		...base,
		event_date: `2024-05-06T10:00:05.${String(offset + index).padStart(9, '0')}Z`,
		profile_id: `66430530ee44bb50a${String(offset + index).padStart(7, '0')}`,
	}));
}
