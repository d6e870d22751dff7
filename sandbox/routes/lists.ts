/**
 * POST /api/v1.1/databases/list/ ("Get database list"), /api/v1.1/segments/list/ ("Get segments
 * list") and /api/v1.1/workflows/list ("Get scenarios list"): items shaped like each page's first
 * example item, paged by from_id / limit (./paging.ts), filtered by ui_tags [INF: any tag matches].
 * Fixtures: sandbox/fixtures/databases.ts, segments.ts, scenarios.ts.
 */
import { bad } from '../batch';
import type { SandboxScenario } from '../demo-data';
import { getDatabaseList, getScenariosListParsable, getSegmentsList } from '../fixtures';
import type { Exchange } from '../http';
import type { Catalogue } from '../validate';
import { databaseOf, documentedRoute } from './documented';
import { byId, pageOf } from './paging';
import { itemTemplate } from './template';

const DATABASE = itemTemplate(getDatabaseList);
const SEGMENT = itemTemplate(getSegmentsList);
const SCENARIO = itemTemplate(getScenariosListParsable);
interface Grouped {
	id: number;
	name: string;
	ui_tags: string[];
	group: { Id: number; Name: string };
}

const START_NODES = (SCENARIO.nodes as Array<Record<string, unknown>>).filter((node) => node.type === 'start');

/** [INF] ui_tags keeps the items with any of the given tags; an XML <ui_tags> parses as one string. */
function tagFilter(body: Record<string, unknown>): (tags: string[]) => boolean {
	const asked = body.ui_tags;
	if (asked === undefined || asked === null || asked === '') return () => true;
	const wanted = [asked].flat();
	if (!wanted.every((tag) => typeof tag === 'string')) throw bad('ui_tags must be an array of tag names');
	return wanted.length === 0 ? () => true : (tags) => tags.some((tag) => wanted.includes(tag));
}

/** One page of the items the ui_tags filter lets through, with how many it lets through. */
function listOf<T extends { id: number; ui_tags: string[] }>(
	body: Record<string, unknown>,
	exchange: Exchange,
	items: Iterable<T>,
) {
	const keep = tagFilter(body);
	const kept = byId([...items]).filter((item) => keep(item.ui_tags));
	return { page: pageOf(exchange, kept), total: kept.length };
}

function scenarioItem(scenario: SandboxScenario): Record<string, unknown> {
	const { id, name, list_id, is_active, ui_tags, mode, group } = scenario;
	const nodes = scenario.nodes ?? [...START_NODES, { name, type: 'campaign' }];
	return { ...SCENARIO, id, name, list_id, is_active, ui_tags, mode, groups: [group], nodes };
}

/** A list whose items are the template with id, name, ui_tags and Groups: [{Id, Name}], paged with total_count. */
function groupedList(
	path: string,
	template: Record<string, unknown>,
	items: (catalogue: Catalogue) => Iterable<Grouped>,
) {
	return documentedRoute({
		paths: [path],
		changesData: false,
		handle(body, exchange, context) {
			const { page, total } = listOf(body, exchange, items(context.catalogue));
			const data = page.items.map(({ id, name, ui_tags, group }) => ({
				...template,
				id,
				name,
				ui_tags,
				Groups: [group],
			}));
			return context.answers.success(exchange, data, { next_from_id: page.nextFromId, total_count: total });
		},
	});
}

export const databasesList = groupedList('/api/v1.1/databases/list/', DATABASE, (catalogue) =>
	catalogue.databasesById.values(),
);
export const segmentsList = groupedList('/api/v1.1/segments/list/', SEGMENT, (catalogue) =>
	catalogue.segmentsById.values(),
);

export const workflowsList = documentedRoute({
	paths: ['/api/v1.1/workflows/list'],
	changesData: false,
	handle(body, exchange, context) {
		const { page, total } = listOf(body, exchange, context.catalogue.scenariosById.values());
		// [DOC: Get scenarios list] This list pages with next_from_id and total (not total_count).
		return context.answers.success(exchange, page.items.map(scenarioItem), { next_from_id: page.nextFromId, total });
	},
});

/** [INF] "Get database fields" is not stored: the database as db_id (or id), items like "Get resource subscription fields". */
export const databasesFields = documentedRoute({
	paths: ['/api/v1.1/databases/fields_get/'],
	changesData: false,
	handle(body, exchange, context) {
		const named = body.db_id === undefined && body.id !== undefined ? { db_id: body.id } : body;
		const database = context.catalogue.databasesById.get(databaseOf(named, context.catalogue))!;
		return context.answers.success(exchange, database.fields);
	},
});
