/**
 * Contract: workflows/list ("Get scenarios list"), workflows/start ("Engage profile in scenario"),
 * workflows/import_and_start (+ _batch, _batch_task). Fixtures: sandbox/fixtures/scenarios.ts.
 * Only the list has a documented answer; the others are [INF].
 */
import { GENERATED_LIST_COUNT } from '../../sandbox/demo-data';
import { engageProfileInScenarioGuide, getScenariosList, getScenariosListParsable } from '../../sandbox/fixtures';
import { SUCCESS, useApi } from './api';

const api = useApi();
const LIST = '/api/v1.1/workflows/list';
const START = '/api/v1.1/workflows/start';
const IMPORT = '/api/v1.1/workflows/import_and_start';

describe('workflows/list', () => {
	test("the docs' request (from_id 10, limit 1, ui_tags B2C) gets the docs' item, next_from_id 11 and total 3", async () => {
		const answer = await api.post(LIST, api.documented(getScenariosList));
		const { data, next_from_id, total } = JSON.parse(getScenariosListParsable.response!.json!);
		// [INF] The example's "error text": "Operation completed successfully" is read as a slip: error_text as everywhere.
		expect(answer.json).toEqual({ ...SUCCESS, data, next_from_id, total });
	});

	test('two pages at the default limit (1000); inactive scenarios are listed with is_active false', async () => {
		const first = await api.post(LIST, {});
		const all = 5 + GENERATED_LIST_COUNT;
		expect(first.json.data).toHaveLength(1000);
		expect(first.json.total).toBe(all);
		const second = await api.post(LIST, { from_id: first.json.next_from_id });
		expect(first.json.data.length + second.json.data.length).toBe(all);
		expect(first.json.data.find((item: { id: number }) => item.id === 12)).toMatchObject({
			name: 'Winback (stopped)',
			is_active: false,
		});
		expect(first.json.data[0]).toMatchObject({
			id: 3,
			list_id: 1,
			nodes: [{ type: 'start' }, { type: 'start' }, { name: 'Onboarding', type: 'campaign' }],
		});
	});

	test("XML: the docs' XML request (<ui_tags array='true'>) is filtered like the JSON one", async () => {
		const answer = await api.postXml(LIST, getScenariosList.request!.xml!);
		expect(answer.text).toMatch(
			/^<xml><error>0<\/error><error_text>Successful operation<\/error_text><data><id>10<\/id><name>Government tip<\/name>/,
		);
		expect(answer.text).toMatch(/<next_from_id>11<\/next_from_id><total>3<\/total><\/xml>$/);
	});
});

describe('workflows/start', () => {
	test("the user guide's request starts profile 66acb… in scenario 3: {data: null, error: 0, …} [INF]; both path spellings", async () => {
		const answer = await api.post(START, api.documented(engageProfileInScenarioGuide));
		expect(answer.json).toEqual({ data: null, ...SUCCESS });
		const slash = await api.post(`${START}/`, { id: 3, email: 'john@example.com' });
		expect(slash.json).toEqual({ data: null, ...SUCCESS });
		expect(api.sandbox.operations).toEqual([
			expect.objectContaining({ endpoint: START, scenarioId: 3, profiles: ['66acb337240d5213037986d8'] }),
			expect.objectContaining({ endpoint: START, scenarioId: 3, profiles: ['6606e08f10bcdd88297057a7'] }),
		]);
		expect(api.sandbox.launches).toHaveLength(0);
	});

	test("custom_request reaches the profiles of the scenario's database; an unknown profile is started for nobody", async () => {
		await api.post(START, { id: 10, custom_request: { email: { $in: ['john@example.com', 'buyer@example.net'] } } });
		await api.post(START, { id: 14, custom_request: { email: { $in: ['john@example.com', 'buyer@example.net'] } } });
		await api.post(START, { id: 10, matching: 'phone', phone: '+79990000000' });
		expect(api.sandbox.operations.map((operation) => operation.profiles)).toEqual([
			['6606e08f10bcdd88297057a7'],
			['6606e08f10bcdd88297057b1'],
			[],
		]);
	});

	test('checks: id (not workflow_id), active scenario [INF 400], known scenario [INF 404], four matching modes, objects', async () => {
		const cases: Array<[Record<string, unknown>, number, RegExp]> = [
			[
				{ workflow_id: 10, email: 'john@example.com' },
				400,
				/id is required: this call names the scenario "id", not "workflow_id"/,
			],
			[{ id: 12, email: 'john@example.com' }, 400, /scenario is not active \(id 12\)/],
			[{ id: 99, email: 'john@example.com' }, 404, /Scenario not found \(id 99\)/],
			[
				{ id: 10, matching: 'email_profile', email: 'john@example.com' },
				400,
				/matching must be one of email, phone, profile_id, custom/,
			],
			[{ id: 10, email: 'john@example.com', content: 'text' }, 400, /content must be a JSON object/],
		];
		for (const [body, status, message] of cases) {
			const answer = await api.post(START, body);
			expect([answer.status, answer.json.error_text]).toEqual([status, expect.stringMatching(message)]);
		}
		expect(api.sandbox.operations).toHaveLength(0);
	});
});

describe('workflows/import_and_start (+ _batch, _batch_task)', () => {
	test("imports into the scenario's database, starts the profile, answers profile_id [INF]; the profile can then be got", async () => {
		const answer = await api.post(IMPORT, {
			workflow_id: 10,
			matching: 'email',
			email: 'flow@example.com',
			data: { _fname: 'Flo' },
			content: { one: 'My email' },
		});
		expect(answer.json).toEqual({ ...SUCCESS, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		const got = await api.post('/api/v1.1/profiles/get/', { db_id: 1, email: 'flow@example.com' });
		expect(got.json.data).toMatchObject({ id: answer.json.profile_id, _fname: 'Flo' });
		expect(api.sandbox.operations).toEqual([
			expect.objectContaining({ endpoint: IMPORT, scenarioId: 10, profiles: [answer.json.profile_id] }),
		]);
	});

	test('checks: workflow_id (not id), matching required, an inactive scenario refused', async () => {
		const missingMatching = await api.post(IMPORT, { workflow_id: 10, email: 'a@example.com', data: {} });
		expect(missingMatching.json.error_text).toMatch(/matching is required for this call/);
		expect(
			(await api.post(IMPORT, { id: 10, matching: 'email', email: 'a@example.com', data: {} })).json.error_text,
		).toMatch(/not "id"/);
		expect(
			(await api.post(IMPORT, { workflow_id: 12, matching: 'email', email: 'a@example.com', data: {} })).status,
		).toBe(400);
		expect(api.sandbox.operations).toHaveLength(0);
	});

	test('_batch answers result in data order; _batch_task answers data.id and runs at once [INF]', async () => {
		const data = [{ data: { email: 'john@example.com' } }, { data: { email: 'batch.flow@example.com' } }];
		const batch = await api.post(`${IMPORT}_batch`, { workflow_id: 11, matching: 'email', data });
		expect(batch.json).toEqual({
			...SUCCESS,
			result: ['6606e08f10bcdd88297057a7', expect.stringMatching(/^[0-9a-f]{24}$/)],
		});
		const task = await api.post(`${IMPORT}_batch_task`, { workflow_id: 11, matching: 'email', data });
		expect(task.json).toEqual({ ...SUCCESS, data: { id: 1001 } });
		expect(api.sandbox.operations.map((operation) => operation.endpoint)).toEqual([
			`${IMPORT}_batch`,
			`${IMPORT}_batch`,
			`${IMPORT}_batch_task`,
			`${IMPORT}_batch_task`,
		]);
	});
});
