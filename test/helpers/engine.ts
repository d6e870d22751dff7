/**
 * Runs workflows through n8n-core's real execution engine: Manual Trigger → Altcraft, with the
 * package's own node and credential types, so tests see what a user of n8n sees.
 */
import { Container } from '@n8n/di';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';

export const NODE_TYPE = 'n8n-nodes-altcraft.altcraft';
const TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** n8n-nodes-base does not install here; this stands in for its Manual Trigger (the items come as pin data). */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n\'s Manual Trigger',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string) {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

export interface CredentialData {
	apiUrl: string;
	apiToken: string;
	authPlacement?: 'body' | 'header';
}

function withDefaults(type: ICredentialType, data: IDataObject): ICredentialDataDecryptedObject {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) result[property.name] = (data[property.name] ?? property.default) as string;
	return result;
}

/** What n8n's CredentialsHelper does for these tests: decrypted data in memory, authenticate as n8n does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly type: ICredentialType,
		private readonly data: IDataObject,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type;
		if (typeof authenticate === 'function') return authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outer, values] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(values as Record<string, string>)) {
					const resolve = (v: string) =>
						workflow.expression.getSimpleParameterValue(node, v, 'internal', { $credentials: credentials }, undefined, '');
					options[outer] ??= {};
					options[outer][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return withDefaults(this.type, this.data);
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}
}

function additionalDataFor(credentials: IDataObject, executionId: string, workflow: Workflow): IWorkflowExecuteAdditionalData {
	const helper = new TestCredentialsHelper(new AltcraftApi(), credentials);
	return {
		executionId,
		credentialsHelper: helper,
		hooks: new ExecutionLifecycleHooks('manual', executionId, {
			id: workflow.id,
			name: workflow.name ?? 'test',
			active: false,
			isArchived: false,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never),
		executeWorkflow: async () => {
			throw new Error('not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used by these tests');
		},
		externalSecretsProxy: new ExternalSecretsProxy(),
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items, as the trigger's output (pin data). */
	items?: INodeExecutionData[];
	credentials: CredentialData;
	continueOnFail?: boolean;
	/** Node settings such as retryOnFail / maxTries. */
	settings?: Partial<INode>;
	timezone?: string;
	/** Another node class for the same type, e.g. the built one from dist. */
	nodeType?: INodeType | IVersionedNodeType;
}

export interface RunResult {
	/** The Altcraft node's output items. */
	items: INodeExecutionData[];
	/** The execution error, as n8n stores it (a plain object: check name, message, description, context). */
	error?: IDataObject & { message: string; description?: string; context?: IDataObject };
	run: IRun;
}

let executionCounter = 0;

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const trigger: INode = {
		id: 'trigger',
		name: 'Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const altcraft: INode = {
		id: 'altcraft',
		name: 'Altcraft',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		// n8n writes defaults into the parameters it is given: hand it a copy.
		parameters: structuredClone(options.parameters),
		credentials: { altcraftApi: { id: '1', name: 'Altcraft sandbox' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...options.settings,
	};
	const nodeTypes = new TestNodeTypes({
		[TRIGGER_TYPE]: new ManualTrigger(),
		[NODE_TYPE]: options.nodeType ?? new Altcraft(),
	});
	const workflow = new Workflow({
		id: `wf-${++executionCounter}`,
		name: 'Altcraft test',
		nodes: [trigger, altcraft],
		connections: { Trigger: { main: [[{ node: 'Altcraft', type: NodeConnectionTypes.Main, index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const additionalData = additionalDataFor(options.credentials as unknown as IDataObject, `exec-${executionCounter}`, workflow);
	const pinData = { Trigger: options.items ?? [{ json: {} }] };
	const run = await new WorkflowExecute(additionalData, 'manual').run(workflow, undefined, undefined, pinData);
	const output = run.data.resultData.runData.Altcraft?.[0]?.data?.main?.[0] ?? [];
	return { items: output, error: run.data.resultData.error as RunResult['error'], run };
}

function contextFor(credentials: CredentialData, parameters: INodeParameters = {}) {
	const node: INode = {
		id: 'altcraft',
		name: 'Altcraft',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { altcraftApi: { id: '1', name: 'Altcraft sandbox' } },
	};
	const workflow = new Workflow({
		id: 'wf-load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [NODE_TYPE]: new Altcraft() }),
	});
	return { node, workflow, additionalData: additionalDataFor(credentials as unknown as IDataObject, 'load-options', workflow) };
}

/** Calls a list search method the way the editor does when a user opens a "From List" picker. */
export async function listSearch(method: 'searchTriggerMailings' | 'searchResources', credentials: CredentialData, filter?: string) {
	const { node, workflow, additionalData } = contextFor(credentials);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.triggerMailing');
	return new Altcraft().methods.listSearch[method].call(context, filter);
}

/**
 * The credential's "Test" button: its declarative request run through n8n-core's RoutingNode, and
 * the result judged with the rules the way n8n's CredentialsTester judges them.
 */
export async function testCredential(credentials: CredentialData): Promise<INodeCredentialTestResult> {
	const type = new AltcraftApi();
	const test = type.test!;
	const probeType: INodeType = {
		description: {
			...new Altcraft().description,
			credentials: [{ name: type.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
		},
	};
	const { node, workflow, additionalData } = contextFor(credentials);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = { id: '1', name: 'Altcraft sandbox', type: type.name, data: withDefaults(type, credentials as unknown as IDataObject) };
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, probeType, decrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const rule = test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === cause.response!.status);
			if (rule) return { status: 'Error', message: String(rule.properties.message) };
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json as IDataObject;
		const properties = rule.properties as { key: string; value: unknown; message: string };
		if (body?.[properties.key] === properties.value) return { status: 'Error', message: properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** SSHClientsManager starts a 60 s interval when n8n-core loads; jest would wait for it. */
export function shutdownEngine() {
	Container.get(SSHClientsManager).onShutdown();
}
