/**
 * Contract: "Get trigger mailing information", POST /api/v1.1/campaigns/triggers/get
 * (https://guides.altcraft.com/en/developer-guide/campaigns/trigger-campaigns/2195917,
 * fixture sandbox/fixtures/triggersGet.ts). The Trigger Link picker takes each link (call_url)
 * from it, since the list has none.
 */
import { getTriggerMailingInformation as page, getTriggerMailingsList } from '../../sandbox/fixtures';
import { parseXml } from '../../nodes/Altcraft/helpers/xml';
import { listSearch } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';
import { documentedRequest, serveDocumented } from './docExamples';

const ctx = useSandbox();
const LIST = '/api/v1.1/campaigns/triggers/list';
const GET = '/api/v1.1/campaigns/triggers/get';

test("request: exactly the docs' JSON example {token, id: 12}, once per trigger mailing of the page", async () => {
	serveDocumented(ctx.sandbox, LIST, getTriggerMailingsList);
	serveDocumented(ctx.sandbox, GET, page, 'json', 2);
	await listSearch('searchTriggerLinks', ctx.credentials);
	const gets = ctx.sandbox.requests.filter((r) => r.path === GET);
	expect(gets.map((r) => r.body)).toEqual(
		expect.arrayContaining([documentedRequest(page, ctx.sandbox.token), { token: ctx.sandbox.token, id: 14 }]),
	);
	expect(gets).toHaveLength(2);
});

test("response: the docs' JSON example gives the link as Altcraft shows it (no scheme)", async () => {
	serveDocumented(ctx.sandbox, LIST, getTriggerMailingsList);
	serveDocumented(ctx.sandbox, GET, page, 'json', 2);
	const { results } = await listSearch('searchTriggerLinks', ctx.credentials);
	const link = 'trk.test.test.altcraft.com/trg/465ea6fedf0a75fafe1a413943aae3696d95939038311994/<email|md5|xxh>';
	expect(results).toEqual([
		{ name: 'New trigger campaign 3 (ID 12)', value: link },
		{ name: 'New planetary campaign (ID 14)', value: link },
	]);
});

test("response: the docs' XML example (scheme, port, the placeholder on its own line) gives one clean link", async () => {
	serveDocumented(ctx.sandbox, LIST, getTriggerMailingsList);
	serveDocumented(ctx.sandbox, GET, page, 'xml', 2);
	const { results } = await listSearch('searchTriggerLinks', ctx.credentials);
	expect(results[0]).toEqual({
		name: 'New trigger campaign 3 (ID 12)',
		value:
			'http://trk.test.test.altcraft.com:8095/trg/65512f8ec196edd63e50585b4bfd377365512f8ec196edd62f3de6b87e2969e3/<email|md5|xxh>',
	});
});

test("the docs' XML example parses to the JSON example's shape: nested content, <x/> as null, error as a number", () => {
	const parsed = parseXml(page.response!.xml!);
	expect(parsed.error).toBe(0);
	expect(parsed.data).toMatchObject({
		id: '12',
		is_active: 'true',
		blind_carbon_copy: null,
		content: { message_id: '8', subject: null },
		send_channel: 'email',
	});
});
