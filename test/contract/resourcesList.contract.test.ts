/**
 * Contract: "Get resources list", POST /api/v1.1/resources/list
 * (https://guides.altcraft.com/en/developer-guide/resources/2195587, fixture
 * sandbox/fixtures/resourcesList.ts). Used by the Resource picker.
 */
import { getResourcesList as page } from '../../sandbox/fixtures';
import { listSearch } from '../../devkit/engine';
import { useSandbox } from '../helpers/fixture';
import { documentedRequest, serveDocumented } from './docExamples';

const ctx = useSandbox();
const PATH = '/api/v1.1/resources/list';

test("request: a next page is the docs' JSON example {from_id, limit, token}, with the answer's next_from_id and limit 1000", async () => {
	const full = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, name: `R${i + 1}` }));
	ctx.sandbox.inject({
		path: PATH,
		status: 200,
		contentType: 'application/json',
		body: JSON.stringify({
			data: full,
			error: 0,
			error_text: 'Successful operation',
			next_from_id: 1,
			total_count: 1001,
		}),
	});
	serveDocumented(ctx.sandbox, PATH, page);
	await listSearch('searchResources', ctx.credentials);
	// The first page leaves from_id to its documented default (1).
	expect(ctx.sandbox.requests[0].body).toEqual({ token: ctx.sandbox.token, limit: 1000 });
	// The example's from_id is 1: a next_from_id of 1 would not move forward, so the test serves 1 and the
	// node must not loop — it stops; the request shape is then checked on a proper next page below.
	expect(ctx.sandbox.requests).toHaveLength(1);

	ctx.sandbox.reset();
	ctx.sandbox.inject({
		path: PATH,
		status: 200,
		contentType: 'application/json',
		body: JSON.stringify({
			data: full,
			error: 0,
			error_text: 'Successful operation',
			next_from_id: 1001,
			total_count: 1001,
		}),
	});
	serveDocumented(ctx.sandbox, PATH, page);
	await listSearch('searchResources', ctx.credentials);
	expect(ctx.sandbox.requests[1].body).toEqual({
		...documentedRequest(page, ctx.sandbox.token),
		from_id: 1001,
		limit: 1000,
	});
});

test.each([['json' as const], ['xml' as const]])("response: the docs' %s example gives resource 1", async (format) => {
	serveDocumented(ctx.sandbox, PATH, page, format);
	const { results, paginationToken } = await listSearch('searchResources', ctx.credentials);
	expect(results).toEqual([{ name: 'Resource (ID 1)', value: '1' }]);
	expect(paginationToken).toBeUndefined();
});
