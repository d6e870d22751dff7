/**
 * Contract: "Get trigger mailings list", POST /api/v1.1/campaigns/triggers/list/
 * (https://guides.altcraft.com/en/developer-guide/campaigns/trigger-campaigns/2195915,
 * fixture sandbox/fixtures/triggersList.ts). Used by the Trigger Mailing and Trigger Link pickers
 * and the credential test.
 */
import { getTriggerMailingsList as page } from '../../sandbox/fixtures';
import { listSearch, testCredential } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';
import { documentedRequest, serveDocumented } from './docExamples';

const ctx = useSandbox();
const PATH = '/api/v1.1/campaigns/triggers/list';

test("request: the docs' JSON example {token, limit}, with limit 1000 (the documented default) instead of 2", async () => {
	await listSearch('searchTriggerMailings', ctx.credentials);
	expect(ctx.sandbox.requests[0]).toMatchObject({ method: 'POST', path: PATH, format: 'json' });
	expect(ctx.sandbox.requests[0].body).toEqual({ ...documentedRequest(page, ctx.sandbox.token), limit: 1000 });
	// The docs' XML request example: the pickers always ask in JSON, so the node never sends it.
});

test("response: the docs' JSON example gives one picker entry per trigger mailing", async () => {
	serveDocumented(ctx.sandbox, PATH, page);
	const { results, paginationToken } = await listSearch('searchTriggerMailings', ctx.credentials);
	expect(results).toEqual([
		{ name: 'New trigger campaign 3 (ID 12)', value: '12' },
		{ name: 'New planetary campaign (ID 14)', value: '14' },
	]);
	// 2 items of a limit of 1000: the last page, whatever total_count (41) says of the account.
	expect(paginationToken).toBeUndefined();
	expect(ctx.sandbox.requests).toHaveLength(1);
});

test("response: the docs' JSON example passes the credential test", async () => {
	serveDocumented(ctx.sandbox, PATH, page);
	expect(await testCredential(ctx.credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(ctx.sandbox.requests[0]).toMatchObject({ method: 'POST', path: PATH, body: { token: ctx.sandbox.token } });
});
