/**
 * Contract: segments/list/ ("Get segments list") and profiles/segstatic/add, …/remove ("Add or
 * remove profile"). Fixtures: sandbox/fixtures/segments.ts.
 */
import { GENERATED_LIST_COUNT } from '../../sandbox/demo-data';
import { addOrRemoveProfile, getSegmentsList } from '../../sandbox/fixtures';
import { SUCCESS, compactXml, useApi } from './api';

const api = useApi();
const LIST = '/api/v1.1/segments/list/';
const ADD = '/api/v1.1/profiles/segstatic/add';
const REMOVE = '/api/v1.1/profiles/segstatic/remove';
const JANE = 'abcdefghijklmnqrstuvwxyz';

test("list: the docs' request (limit 2) gets the docs' two items; next_from_id and total_count from the demo account [INF]", async () => {
	const answer = await api.post(LIST, api.documented(getSegmentsList));
	const documented = JSON.parse(getSegmentsList.response!.json!);
	expect(answer.json).toEqual({
		...SUCCESS,
		data: documented.data,
		next_from_id: 5,
		total_count: 3 + GENERATED_LIST_COUNT,
	});
});

test('list: two pages at the default limit; the path without its documented slash is 404 [INF]', async () => {
	const first = await api.post(LIST, {});
	const second = await api.post(LIST, { from_id: first.json.next_from_id });
	expect([first.json.data.length, second.json.data.length]).toEqual([1000, 3 + GENERATED_LIST_COUNT - 1000]);
	expect((await api.post('/api/v1.1/segments/list', {})).status).toBe(404);
});

test("segstatic: the docs' request (db_id 8) is 404, the sandbox keeps the profile in database 1; with db_id 1 the docs' answer", async () => {
	const asDocumented = await api.post(ADD, api.documented(addOrRemoveProfile));
	expect([asDocumented.status, asDocumented.json.error_text]).toEqual([404, 'Database not found (db_id 8)']);
	const answer = await api.post(ADD, { ...api.documented(addOrRemoveProfile), db_id: 1 });
	expect(answer.json).toEqual(JSON.parse(addOrRemoveProfile.response!.json!));
	expect(api.sandbox.profile(JANE)?.segments).toEqual([2]);
	const xml = await api.postXml(
		REMOVE,
		addOrRemoveProfile.request!.xml!.replace('<db_id>8</db_id>', '<db_id>1</db_id>'),
	);
	expect(xml.text).toBe(compactXml(addOrRemoveProfile.response!.xml!));
	expect(api.sandbox.profile(JANE)?.segments).toEqual([]);
	expect(api.sandbox.operations.map((operation) => operation.endpoint)).toEqual([ADD, REMOVE]);
});

test('segstatic: a dynamic segment is 400, an unknown one or an unknown profile 404 [INF]; adding twice keeps one membership', async () => {
	const base = { db_id: 1, profile_id: JANE };
	expect((await api.post(ADD, { ...base, segment_id: 1 })).json.error_text).toMatch(/segment 1 is not static/);
	expect((await api.post(ADD, { ...base, segment_id: 4 })).status).toBe(404);
	expect((await api.post(ADD, { ...base, segment_id: 5, profile_id: '000000000000000000000000' })).status).toBe(404);
	expect((await api.post(ADD, { db_id: 1, segment_id: 5 })).json.error_text).toBe(
		'profile_id is required: the profile ID',
	);
	await api.post(ADD, { ...base, segment_id: 5 });
	await api.post(ADD, { ...base, segment_id: 5 });
	expect(api.sandbox.profile(JANE)?.segments).toEqual([5]);
});
