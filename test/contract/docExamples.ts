/** Helpers for holding the node to Altcraft's documented examples (sandbox/fixtures). */
import type { DocPage } from '../../sandbox/fixtures';
import type { Sandbox } from '../../sandbox';

/** The documented JSON request example with the docs' placeholder token replaced by ours. */
export function documentedRequest(page: DocPage, token: string): Record<string, unknown> {
	const example = JSON.parse(page.request!.json!) as Record<string, unknown>;
	return { ...example, token };
}

/** The sandbox answers the next request to `path` with the documented response, verbatim. */
export function serveDocumented(
	sandbox: Sandbox,
	path: string,
	page: DocPage,
	format: 'json' | 'xml' = 'json',
	times = 1,
): void {
	const body = page.response?.[format];
	if (!body) throw new Error(`"${page.title}" has no documented ${format} response`);
	sandbox.inject({
		path,
		status: 200,
		times,
		contentType: format === 'json' ? 'application/json' : 'application/xml',
		body,
	});
}
