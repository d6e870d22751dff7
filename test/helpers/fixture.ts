import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { runWorkflow, shutdownEngine, type CredentialData, type RunOptions } from '../../devkit/engine';

/**
 * One sandbox per test file, reset before each test, so each test reads:
 * these items and these parameters → the sandbox received this, the node output that.
 */
export function useSandbox(options: SandboxOptions = {}) {
	const state = {} as { sandbox: Sandbox; credentials: CredentialData };
	beforeAll(async () => {
		state.sandbox = await startSandbox(options);
		state.credentials = { apiUrl: state.sandbox.url, apiToken: state.sandbox.token };
	});
	beforeEach(() => state.sandbox.reset());
	afterAll(async () => {
		await state.sandbox.close();
		shutdownEngine();
	});
	const run = (parameters: INodeParameters, items?: INodeExecutionData[], extra: Partial<RunOptions> = {}) =>
		runWorkflow({ parameters, items, credentials: state.credentials, ...extra });
	return Object.assign(state, { run });
}

export const json = (...objects: object[]): INodeExecutionData[] => objects.map((o) => ({ json: o as never }));

/** The v1.1 launch parameters for one trigger mailing, matched by email from each item. */
export function launchParams(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'triggerMailing',
		operation: 'launch',
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'email',
		email: '={{ $json.email }}',
		...extra,
	};
}

/** Import Profile and Launch in Bulk mode for trigger mailing 84, each item's email its profile. */
export function bulkImportParams(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'triggerMailing',
		operation: 'importAndLaunch',
		launchMode: 'batch',
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'email',
		email: '={{ $json.email }}',
		...extra,
	};
}

/** The v1.0 link launch parameters for a link, the profile identified by each item's email. */
export function linkLaunchParams(link: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'triggerMailing',
		operation: 'launchViaLink',
		triggerLink: { __rl: true, mode: 'url', value: link },
		// The node's default sends the email's MD5 hash; tests of the hash say so themselves.
		sendAs: 'email',
		email: '={{ $json.email }}',
		...extra,
	};
}

/**
 * The node's Options from the flat shorthand tests use: retry settings (`maxAttempts`,
 * `retryInitialWait` in ms, `maxRetryWait` in s) go into the Retries group, the rest stays as it is.
 */
export function nodeOptions(flat: Record<string, unknown>): INodeParameters {
	const { maxAttempts, retryInitialWait, maxRetryWait, ...rest } = flat;
	const settings: Record<string, unknown> = {};
	if (maxAttempts !== undefined) settings.maxAttempts = maxAttempts;
	if (retryInitialWait !== undefined) settings.firstWait = Number(retryInitialWait) / 1000;
	if (maxRetryWait !== undefined) settings.maxWait = maxRetryWait;
	return (Object.keys(settings).length > 0 ? { ...rest, retries: { settings } } : rest) as INodeParameters;
}
