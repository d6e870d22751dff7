/** The first data item of a documented response example: the shape the sandbox's items copy. */
import type { DocPage } from '../fixtures';

export function itemTemplate(page: DocPage): Record<string, unknown> {
	const example = JSON.parse(page.response?.json ?? 'null') as { data?: unknown } | null;
	const data = example?.data;
	const first = Array.isArray(data) ? data[0] : data;
	if (typeof first !== 'object' || first === null) throw new Error(`The "${page.title}" example has no data item`);
	return first as Record<string, unknown>;
}
