/** Every endpoint the sandbox serves: one entry per route file. */
import { trimTrailingSlashes } from '../http';
import { resourcesList } from './resourcesList';
import type { Route } from './route';
import { triggerLink } from './triggerLink';
import { triggersGet } from './triggersGet';
import {
	triggersImportAndStart,
	triggersImportAndStartBatch,
	triggersImportAndStartBatchTask,
} from './triggersImportAndStart';
import { triggersList } from './triggersList';
import { triggersStart } from './triggersStart';
import { triggersStartBatch, triggersStartBatchTask } from './triggersStartBatch';
import { goalsRegister } from './goalsRegister';
import { databasesFields, databasesList, segmentsList, workflowsList } from './lists';
import { segstaticAdd, segstaticRemove, subscriptionsSet } from './profileLinks';
import {
	profilesDelete,
	profilesGet,
	profilesImport,
	profilesImportBatch,
	profilesUpdate,
	profilesUpdateBatch,
} from './profiles';
import {
	workflowsImportAndStart,
	workflowsImportAndStartBatch,
	workflowsImportAndStartBatchTask,
	workflowsStart,
} from './workflows';

export const ROUTES: readonly Route[] = [
	triggersStart,
	triggersStartBatch,
	triggersStartBatchTask,
	triggersImportAndStart,
	triggersImportAndStartBatch,
	triggersImportAndStartBatchTask,
	triggersList,
	triggersGet,
	resourcesList,
	triggerLink,
	// Profiles, subscriptions, databases (issue #20)
	profilesImport,
	profilesUpdate,
	profilesImportBatch,
	profilesUpdateBatch,
	profilesGet,
	profilesDelete,
	subscriptionsSet,
	databasesList,
	databasesFields,
	// Goals, scenarios, segments (issue #21)
	goalsRegister,
	workflowsList,
	workflowsStart,
	workflowsImportAndStart,
	workflowsImportAndStartBatch,
	workflowsImportAndStartBatchTask,
	segmentsList,
	segstaticAdd,
	segstaticRemove,
];

/** Finds the route for a path (trailing slashes ignored): exact paths by map lookup, then prefixes. */
export class RouteTable {
	private readonly exact = new Map<string, Route>();
	private readonly prefixed: Route[] = [];

	constructor(routes: readonly Route[] = ROUTES) {
		for (const route of routes) {
			const path = trimTrailingSlashes(route.path);
			if (route.prefix) this.prefixed.push(route);
			else if (this.exact.has(path)) throw new Error(`Sandbox route ${path} is registered twice`);
			else this.exact.set(path, route);
		}
	}

	find(path: string): Route | undefined {
		return this.exact.get(path) ?? this.prefixed.find((route) => path.startsWith(route.path));
	}
}
