import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { booleanOf, fetchPages, fromIdOf, idOf, isObject, matches, textOf, type Context } from './listPages';

/**
 * Altcraft "Get scenarios list": items `id, name, list_id, is_active, …`, paged by `from_id` with
 * `next_from_id` and `total` in the answer (not `total_count`). Its example spells the envelope's
 * text "error text": success is decided by `error` alone (transport).
 */
const SCENARIO_LIST_PATH = '/api/v1.1/workflows/list';

interface ScenarioEntry {
	id: string;
	name: string;
	/** undefined: the answer did not say. */
	active?: boolean;
	database?: string;
}

function readScenario(raw: unknown): ScenarioEntry | undefined {
	if (!isObject(raw)) return undefined;
	const id = idOf(raw.id);
	if (id === undefined) return undefined;
	return { id, name: textOf(raw.name) ?? 'Scenario', active: booleanOf(raw.is_active), database: idOf(raw.list_id) };
}

/**
 * Scenarios by name or ID, active ones first: starting an inactive one is refused until it is
 * activated [INF: the docs say a scenario must be activated; the error is not documented].
 */
export async function searchScenarios(
	this: Context,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextFromId } = await fetchPages(this, SCENARIO_LIST_PATH, 'scenarios', fromIdOf(paginationToken));
	const scenarios: ScenarioEntry[] = [];
	for (const item of items) {
		const scenario = readScenario(item);
		if (scenario && matches(filter, scenario.name, scenario.id)) scenarios.push(scenario);
	}
	// A search for an ID puts that scenario first; then active before inactive (a stable sort keeps the account's order).
	const rank = (scenario: ScenarioEntry) =>
		(scenario.id === filter?.trim() ? 0 : 1) * 2 + Number(scenario.active === false);
	scenarios.sort((a, b) => rank(a) - rank(b));
	const results: INodeListSearchItems[] = scenarios.map((scenario) => ({
		name: `${scenario.name} (ID ${scenario.id}${scenario.database ? `, database ${scenario.database}` : ''})${scenario.active === false ? ' — inactive' : ''}`,
		value: scenario.id,
	}));
	return { results, paginationToken: nextFromId === undefined ? undefined : String(nextFromId) };
}
