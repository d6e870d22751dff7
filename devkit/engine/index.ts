/**
 * Runs workflows through n8n-core's real execution engine: Manual Trigger → Altcraft, with the
 * package's own node and credential types, so tests see what a user of n8n sees.
 */
import { Container } from '@n8n/di';
import * as core from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import * as workflow from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { createEngine, type CredentialData } from './core';

export { NODE_TYPE, type CredentialData, type RunOptions, type RunResult, type StoredWorkflow } from './core';

const engine = createEngine(
	{ core, workflow, stopBackgroundWork: () => Container.get(SSHClientsManager).onShutdown() },
	{ node: new Altcraft(), credential: new AltcraftApi() },
);

export const { runWorkflow, runStoredWorkflow, testCredential, TestNodeTypes } = engine;

/** Calls a list search method the way the editor does when a user opens a "From List" picker. */
export const listSearch = (
	method:
		| 'searchTriggerMailings'
		| 'searchResources'
		| 'searchTriggerLinks'
		| 'searchScenarios'
		| 'searchDatabases'
		| 'searchSegments',
	credentials: CredentialData,
	filter?: string,
	paginationToken?: string,
) => engine.listSearch(method, credentials, filter, paginationToken);

/** Calls a load options method (e.g. a database's fields) with the node's current parameters. */
export const loadOptions = (method: 'getDatabaseFields', credentials: CredentialData, parameters: INodeParameters) =>
	engine.loadOptions(method, credentials, parameters);

/** SSHClientsManager starts a 60 s interval when n8n-core loads; jest would wait for it. */
export const shutdownEngine = engine.shutdown;
