/**
 * The request examples of Altcraft's "Bulk trigger launch" page
 * (https://guides.altcraft.com/en/developer-guide/campaigns/trigger-campaigns/37847471, fixture
 * sandbox/fixtures/triggersStartBatch.ts, v72 and v74 copies), verbatim: the sandbox accepts them as they are, and the node, given the same
 * profiles, sends the same body (the page's "format": "json" is the documented default, which the
 * node leaves out).
 */
import type { SandboxProfile, SandboxTrigger } from '../../sandbox';
import { bulkTriggerLaunch as page } from '../../sandbox/fixtures';
import { json, useSandbox } from '../helpers/fixture';
import { SEED_TOKEN, xmlTree } from '../helpers/seed';

const DOC_JSON_V72 = page.request!.json!;
const DOC_XML_V72 = page.request!.xml!;
/** The v74 copy of the JSON example (sandbox/fixtures/triggersStartBatch.ts, notes). */
const DOC_JSON_V74 = DOC_JSON_V72.replace('example1@example.com', 'profile1@example.com').replace(
	'example2@example.com',
	'profile2@example.com',
);

const key = (n: number) => n.toString(16).padStart(48, 'a');
const triggers: SandboxTrigger[] = [
	{ id: 8, name: 'Docs example (JSON)', type: 'api_call', is_active: true, key: key(8) },
	{ id: 85, name: 'Docs example (XML)', type: 'api_call', is_active: true, key: key(85) },
];
const profiles: SandboxProfile[] = [
	{ profile_id: '64f0c0ffee0000000000e001', email: 'example1@example.com' },
	{ profile_id: '64f0c0ffee0000000000e002', email: 'example2@example.com' },
	{ profile_id: '64f0c0ffee0000000000p001', email: 'profile1@example.com' },
];

const ctx = useSandbox({ token: SEED_TOKEN, triggers, profiles });

async function post(path: string, body: string, contentType: string) {
	const response = await fetch(`${ctx.sandbox.url}${path}`, {
		method: 'POST',
		body,
		headers: { 'Content-Type': contentType },
	});
	return { status: response.status, text: await response.text() };
}

describe('the "Bulk trigger launch" page\'s examples', () => {
	test('the JSON example (v72) is accepted and answered with the profile IDs launched for', async () => {
		const answer = await post('/api/v1.1/campaigns/triggers/start_batch', DOC_JSON_V72, 'application/json');
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.text)).toEqual({
			error: 0,
			error_text: 'Successful operation',
			result: ['64f0c0ffee0000000000e001', '64f0c0ffee0000000000e002'],
		});
		expect(ctx.sandbox.launches.map((launch) => [launch.triggerId, launch.target])).toEqual([
			[8, 'example1@example.com'],
			[8, 'example2@example.com'],
		]);
	});

	test('the v74 JSON example: a profile that does not exist is left out of result', async () => {
		const answer = await post('/api/v1.1/campaigns/triggers/start_batch', DOC_JSON_V74, 'application/json');
		expect(JSON.parse(answer.text).result).toEqual(['64f0c0ffee0000000000p001']);
	});

	test('the XML example is accepted and answered in XML, one <result> per profile', async () => {
		const answer = await post('/api/v1.1/campaigns/triggers/start_batch', DOC_XML_V72, 'application/xml');
		expect(answer.status).toBe(200);
		expect(answer.text).toBe(
			'<xml><error>0</error><error_text>Successful operation</error_text><result>64f0c0ffee0000000000e001</result><result>64f0c0ffee0000000000e002</result></xml>',
		);
		expect(ctx.sandbox.launches.map((launch) => launch.triggerId)).toEqual([85, 85]);
	});

	test("the node sends the JSON example's body for the same two profiles", async () => {
		const result = await ctx.run(
			{
				resource: 'triggerMailing',
				operation: 'launch',
				launchMode: 'batch',
				triggerMailing: { __rl: true, mode: 'id', value: '8' },
				matching: 'email',
				email: '={{ $json.email }}',
			},
			json({ email: 'example1@example.com' }, { email: 'example2@example.com' }),
		);
		expect(result.error).toBeUndefined();
		const request = ctx.sandbox.requests[0];
		expect(request.path).toBe('/api/v1.1/campaigns/triggers/start_batch');
		const { format: _default, ...documented } = JSON.parse(DOC_JSON_V72);
		expect(JSON.parse(request.rawBody)).toEqual(documented);
		expect(result.items.map((item) => item.json.email)).toEqual(['example1@example.com', 'example2@example.com']);
		expect(result.items[0].json).toMatchObject({
			request: { profiles: 2, profilesLaunched: 2 },
			response: { error: 0 },
		});
	});

	test("the node sends the XML example's body with Request Format XML", async () => {
		const result = await ctx.run(
			{
				resource: 'triggerMailing',
				operation: 'launch',
				launchMode: 'batch',
				triggerMailing: { __rl: true, mode: 'id', value: '85' },
				matching: 'email',
				email: '={{ $json.email }}',
				options: { requestFormat: 'xml' },
			},
			json({ email: 'example1@example.com' }, { email: 'example2@example.com' }),
		);
		expect(result.error).toBeUndefined();
		const { format: _default, ...documented } = xmlTree(DOC_XML_V72.replace(/>\s+</g, '><')) as { format: string };
		expect(xmlTree(ctx.sandbox.requests[0].rawBody)).toEqual(documented);
		// The XML answer's repeated <result> elements are counted as in JSON.
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({
			request: { profiles: 2, profilesLaunched: 2 },
			response: { error: 0 },
		});
	});
});
