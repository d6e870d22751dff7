/**
 * The engine harness as a factory over n8n's modules: tests pass the repo's own n8n-core and
 * n8n-workflow (see index.ts); the benchmark passes those of a real n8n install, so the package
 * node and n8n's HTTP Request node run in the same n8n.
 */
import type * as N8nCore from 'n8n-core';
import type * as N8nWorkflow from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IConnections,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IPinData,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

export const NODE_TYPE = 'n8n-nodes-altcraft.altcraft';
export const TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

export interface EngineModules {
	core: typeof N8nCore;
	workflow: typeof N8nWorkflow;
	/** n8n-core's SSHClientsManager starts an interval on load; shutdown() stops it. */
	stopBackgroundWork: () => void;
}

export interface EngineTypes {
	node: INodeType;
	credential: ICredentialType;
}

export interface CredentialData {
	apiUrl: string;
	apiToken: string;
	authPlacement?: 'body' | 'header';
	/** Hosts of v1.0 trigger links that may receive the token (comma separated). */
	trackingDomains?: string;
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
	/** Another node class for the Altcraft type, e.g. the built one from dist. */
	nodeType?: INodeType | IVersionedNodeType;
	/** Run another node instead of Altcraft (benchmarks: n8n's HTTP Request, NoOp). */
	node?: { type: string; typeVersion: number; nodeType: INodeType | IVersionedNodeType };
	/** The stored workflow's ID, the same across runs as in n8n (default: a new one per run). */
	workflowId?: string;
	/**
	 * The workflow's static data as n8n loads it from its database for an execution that is not
	 * manual; RunResult.staticData is what n8n would then save.
	 */
	staticData?: IDataObject;
}

/** A workflow as n8n stores it: its nodes and their connections. */
export interface StoredWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunResult {
	/** The tested node's output items (its main output). */
	items: INodeExecutionData[];
	/**
	 * Every output of the tested node: with settings `{ onError: 'continueErrorOutput' }` n8n adds
	 * the error output, outputs[1], and routes the failed items there.
	 */
	outputs: INodeExecutionData[][];
	/** The execution hints the node added (n8n shows them above its output). */
	hints: Array<{ message: string; type?: string; location?: string }>;
	/** The execution error, as n8n stores it (a plain object: check name, message, description, context). */
	error?: IDataObject & { message: string; description?: string; context?: IDataObject };
	run: IRun;
	/** How often n8n read (in production: fetched and decrypted) the credential during the run. */
	credentialReads: number;
	/** The workflow's static data after the run, as n8n saves it (a JSON copy). */
	staticData: IDataObject;
}

function withDefaults(type: ICredentialType, data: IDataObject): ICredentialDataDecryptedObject {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) result[property.name] = (data[property.name] ?? property.default) as string;
	return result;
}

export function createEngine(modules: EngineModules, types: EngineTypes) {
	const { core, workflow: wf } = modules;

	/** n8n-nodes-base does not install here; this stands in for its Manual Trigger (the items come as pin data). */
	class ManualTrigger implements INodeType {
		description = {
			displayName: 'Manual Trigger',
			name: 'manualTrigger',
			group: ['trigger'],
			version: 1,
			description: "Stand-in for n8n's Manual Trigger",
			defaults: { name: 'When clicking ‘Execute workflow’' },
			inputs: [],
			outputs: [wf.NodeConnectionTypes.Main],
			properties: [],
		} as INodeType['description'];

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [[{ json: {} }]];
		}
	}

	class TestNodeTypes implements INodeTypes {
		constructor(private readonly known: Record<string, INodeType | IVersionedNodeType>) {}

		getByName(type: string) {
			const found = this.known[type];
			if (!found) throw new Error(`Unknown node type ${type}`);
			return found;
		}

		getByNameAndVersion(type: string, version?: number): INodeType {
			return wf.NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		}

		getKnownTypes() {
			return {};
		}
	}

	/** What n8n's CredentialsHelper does for these tests: decrypted data in memory, authenticate as n8n does. */
	class TestCredentialsHelper extends wf.ICredentialsHelper {
		/** Calls of getDecrypted: in a real n8n each is a database read and a decryption. */
		reads = 0;

		constructor(private readonly data: IDataObject) {
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
			const { authenticate } = types.credential;
			if (typeof authenticate === 'function') return authenticate(credentials, requestOptions);
			if (authenticate?.type === 'generic') {
				const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outer, values] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(values as Record<string, string>)) {
						const resolve = (v: string) =>
							workflow.expression.getSimpleParameterValue(
								node,
								v,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							);
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
			this.reads++;
			return withDefaults(types.credential, this.data);
		}

		async updateCredentials() {}

		async updateCredentialsOauthTokenData() {}

		getCredentialsProperties(): INodeProperties[] {
			return types.credential.properties;
		}
	}

	function additionalDataFor(
		credentials: IDataObject,
		executionId: string,
		workflow: Workflow,
	): IWorkflowExecuteAdditionalData {
		return {
			executionId,
			credentialsHelper: new TestCredentialsHelper(credentials),
			hooks: new core.ExecutionLifecycleHooks('manual', executionId, {
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
			externalSecretsProxy: new core.ExternalSecretsProxy(),
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	let executionCounter = 0;

	/** Runs a workflow through WorkflowExecute as n8n's manual run does; `known` are its node types. */
	async function execute(
		stored: StoredWorkflow,
		known: Record<string, INodeType | IVersionedNodeType>,
		credentials: IDataObject,
		options: { pinData?: IPinData; timezone?: string; workflowId?: string; staticData?: IDataObject } = {},
	) {
		const counter = ++executionCounter;
		const workflow = new wf.Workflow({
			id: options.workflowId ?? `wf-${counter}`,
			staticData: options.staticData && structuredClone(options.staticData),
			name: stored.name,
			// n8n writes defaults into the nodes it is given: hand it copies.
			nodes: structuredClone(stored.nodes),
			connections: stored.connections,
			active: false,
			nodeTypes: new TestNodeTypes(known),
			settings: options.timezone ? { timezone: options.timezone } : {},
		});
		const additionalData = additionalDataFor(credentials, `exec-${counter}`, workflow);
		const run = await new core.WorkflowExecute(additionalData, 'manual').run(
			workflow,
			undefined,
			undefined,
			options.pinData,
		);
		const credentialReads = (additionalData.credentialsHelper as TestCredentialsHelper).reads;
		const staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return { run, error: run.data.resultData.error as RunResult['error'], credentialReads, staticData };
	}

	async function runWorkflow(options: RunOptions): Promise<RunResult> {
		const trigger: INode = {
			id: 'trigger',
			name: 'Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const tested = options.node ?? { type: NODE_TYPE, typeVersion: 1, nodeType: options.nodeType ?? types.node };
		const node: INode = {
			id: 'altcraft',
			name: 'Altcraft',
			type: tested.type,
			typeVersion: tested.typeVersion,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { altcraftApi: { id: '1', name: 'Altcraft sandbox' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...options.settings,
		};
		const result = await execute(
			{
				name: 'Altcraft test',
				nodes: [trigger, node],
				connections: { Trigger: { main: [[{ node: 'Altcraft', type: wf.NodeConnectionTypes.Main, index: 0 }]] } },
			},
			{ [TRIGGER_TYPE]: new ManualTrigger(), [tested.type]: tested.nodeType },
			options.credentials as unknown as IDataObject,
			{
				pinData: { Trigger: options.items ?? [{ json: {} }] },
				timezone: options.timezone,
				workflowId: options.workflowId,
				staticData: options.staticData,
			},
		);
		const task = result.run.data.resultData.runData.Altcraft?.[0];
		const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
		return { items: outputs[0] ?? [], outputs, hints: task?.hints ?? [], ...result };
	}

	/**
	 * Runs a whole stored workflow (e.g. one of examples/) from its Manual Trigger, with the
	 * package's node, the Manual Trigger stand-in and `nodeTypes` as the only node types it knows.
	 */
	async function runStoredWorkflow(
		stored: StoredWorkflow,
		credentials: CredentialData,
		nodeTypes: Record<string, INodeType | IVersionedNodeType> = {},
	): Promise<Omit<RunResult, 'items' | 'outputs' | 'hints'>> {
		return execute(
			stored,
			{ [TRIGGER_TYPE]: new ManualTrigger(), [NODE_TYPE]: types.node, ...nodeTypes },
			credentials as unknown as IDataObject,
		);
	}

	/** One node alone in a workflow, for what the editor runs outside executions (pickers, the Test button). */
	function contextFor(credentials: CredentialData, nodeType: INodeType = types.node) {
		const template: INode = {
			id: 'altcraft',
			name: 'Altcraft',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { altcraftApi: { id: '1', name: 'Altcraft sandbox' } },
		};
		const workflow = new wf.Workflow({
			id: 'wf-editor',
			nodes: [template],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({ [NODE_TYPE]: nodeType }),
		});
		// The workflow's own node object: n8n fills in the type's parameter defaults there.
		const node = workflow.getNode(template.name)!;
		return {
			node,
			workflow,
			additionalData: additionalDataFor(credentials as unknown as IDataObject, 'editor', workflow),
		};
	}

	/** Calls a list search method the way the editor does when a user opens a "From List" picker. */
	async function listSearch(
		method: string,
		credentials: CredentialData,
		filter?: string,
		paginationToken?: string,
		parameterPath = 'parameters.triggerMailing',
	) {
		const { node, workflow, additionalData } = contextFor(credentials);
		const context = new core.LoadOptionsContext(workflow, node, additionalData, parameterPath);
		const search = types.node.methods?.listSearch?.[method];
		if (!search) throw new Error(`The node has no list search method ${method}`);
		return search.call(context, filter, paginationToken);
	}

	/** A "load options" method as the editor calls it, with the node's current parameters. */
	async function loadOptions(method: string, credentials: CredentialData, parameters: INodeParameters) {
		const { node, workflow, additionalData } = contextFor(credentials);
		const context = new core.LoadOptionsContext(
			workflow,
			node,
			{ ...additionalData, currentNodeParameters: parameters },
			'parameters.customFieldsValues',
		);
		const load = types.node.methods?.loadOptions?.[method];
		if (!load) throw new Error(`The node has no load options method ${method}`);
		return load.call(context);
	}

	/**
	 * The credential's "Test" button: its declarative request run through n8n-core's RoutingNode, and
	 * the result judged with the rules the way n8n's CredentialsTester judges them.
	 */
	async function testCredential(
		credentials: CredentialData,
		test: ICredentialTestRequest = types.credential.test!,
	): Promise<INodeCredentialTestResult> {
		const type = types.credential;
		// As n8n's tester does: a one-property probe node whose routing is the test request, alone
		// in its workflow, so RoutingNode finds the probe's parameters on the node it runs.
		const probeType: INodeType = {
			description: {
				...types.node.description,
				credentials: [{ name: type.name, required: true }],
				properties: [
					{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } },
				],
			},
		};
		const { node, workflow, additionalData } = contextFor(credentials, probeType);
		const context = new core.ExecuteContext(
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
		const decrypted = {
			id: '1',
			name: 'Altcraft sandbox',
			type: type.name,
			data: withDefaults(type, credentials as unknown as IDataObject),
		};
		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await new core.RoutingNode(context, probeType, decrypted).runNode();
		} catch (error) {
			const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
			if (cause?.response) {
				const rule = test.rules?.find(
					(r) => r.type === 'responseCode' && r.properties.value === cause.response!.status,
				);
				if (rule) return { status: 'Error', message: String(rule.properties.message) };
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
				};
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

	return {
		runWorkflow,
		runStoredWorkflow,
		listSearch,
		loadOptions,
		testCredential,
		shutdown: modules.stopBackgroundWork,
		TestNodeTypes,
	};
}
