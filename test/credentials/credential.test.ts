/**
 * The Altcraft credential as a user meets it: the "Test" button in the credential dialog, run
 * through n8n-core's RoutingNode against the sandbox and judged with the credential's rules.
 */
import { NodeConnectionTypes, Workflow, type INode } from 'n8n-workflow';
import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';
import { normalizeApiUrl } from '../../nodes/Altcraft/transport/apiUrl';
import { shutdownEngine, testCredential, TestNodeTypes, type CredentialData } from '../../devkit/engine';
import { startSandbox, type RecordedRequest, type Sandbox } from '../../sandbox';
import { closedPort } from '../helpers/net';

const TEST_PATH = '/api/v1.1/campaigns/triggers/list';
const WRONG_TOKEN = 'wrong-token-9f8e7d6c5b4a';

const MESSAGE = {
	tokenRequired: 'Altcraft error 401: token required. Enter the API token of your Altcraft account.',
	invalidToken:
		'Altcraft error 403: invalid token or no access. Check the API token, and that its role may read and launch trigger mailings.',
	notFound:
		'The API URL answered 404: it does not lead to the Altcraft API. Enter the API host of your account, e.g. https://example.altcraft.com.',
};

let sandbox: Sandbox;
/** Answers application errors as HTTP 200 with `error` set, as Altcraft also does. */
let sandbox200: Sandbox;

beforeAll(async () => {
	[sandbox, sandbox200] = await Promise.all([startSandbox(), startSandbox({ errorsWithHttp200: true })]);
});
beforeEach(() => {
	sandbox.reset();
	sandbox200.reset();
});
afterAll(async () => {
	await Promise.all([sandbox.close(), sandbox200.close()]);
	shutdownEngine();
});

const creds = (extra: Partial<CredentialData> = {}): CredentialData => ({
	apiUrl: sandbox.url,
	apiToken: sandbox.token,
	...extra,
});

/** The one request the credential test sent to `server`. */
function onlyRequest(server: Sandbox): RecordedRequest {
	expect(server.requests).toHaveLength(1);
	return server.requests[0];
}

describe('the right token passes the credential test', () => {
	test('token in the request body (the default): sent as body token, not as a header', async () => {
		const result = await testCredential(creds());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });

		const request = onlyRequest(sandbox);
		expect(request.method).toBe('POST');
		expect(request.path).toBe(TEST_PATH);
		expect(request.format).toBe('json');
		expect(request.body).toEqual({ token: sandbox.token });
		expect(request.headers.authorization).toBeUndefined();
		expect(request.response?.status).toBe(200);
		expect(request.response?.body).toMatchObject({ error: 0 });
	});

	test('token as Authorization: Bearer: sent in the header, not in the body', async () => {
		const result = await testCredential(creds({ authPlacement: 'header' }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });

		const request = onlyRequest(sandbox);
		expect(request.path).toBe(TEST_PATH);
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.token}`);
		expect(request.body?.token).toBeUndefined();
		expect(request.rawBody).not.toContain(sandbox.token);
		expect(request.response?.status).toBe(200);
	});
});

// With HTTP 4xx the message comes from the credential's `responseCode` rules. n8n reads them from
// `error.cause.response`, and n8n-workflow 1.120.14's NodeApiError drops `cause` (a class field
// re-initialised after super()): the HTTP-status cases below fail until the credential stops
// relying on those rules (see the foundation report for the proposed change).
describe('a wrong token fails with the 403 message', () => {
	test.each([
		['the sandbox answers HTTP 403', () => sandbox, 403],
		['the sandbox answers HTTP 200 with error 403', () => sandbox200, 200],
	])('%s', async (_name, server, httpStatus) => {
		const result = await testCredential({ apiUrl: server().url, apiToken: WRONG_TOKEN });
		expect(result).toEqual({ status: 'Error', message: MESSAGE.invalidToken });

		const request = onlyRequest(server());
		expect(request.body).toEqual({ token: WRONG_TOKEN });
		expect(request.response?.status).toBe(httpStatus);
		expect(request.response?.body).toMatchObject({ error: 403 });
	});

	test('as Bearer header too', async () => {
		const result = await testCredential({ apiUrl: sandbox200.url, apiToken: WRONG_TOKEN, authPlacement: 'header' });
		expect(result).toEqual({ status: 'Error', message: MESSAGE.invalidToken });
		expect(onlyRequest(sandbox200).headers.authorization).toBe(`Bearer ${WRONG_TOKEN}`);
	});
});

describe('an empty token fails with the 401 message', () => {
	test.each([
		['HTTP 401, token in the body', () => sandbox, 'body' as const],
		['HTTP 401, token as Bearer header', () => sandbox, 'header' as const],
		['HTTP 200 with error 401, token in the body', () => sandbox200, 'body' as const],
	])('%s', async (_name, server, authPlacement) => {
		const result = await testCredential({ apiUrl: server().url, apiToken: '', authPlacement });
		expect(result).toEqual({ status: 'Error', message: MESSAGE.tokenRequired });
		expect(onlyRequest(server()).response?.body).toMatchObject({ error: 401 });
	});
});

describe('a wrong API URL', () => {
	test('a path prefix the API does not serve → the 404 message that asks for the API host', async () => {
		const result = await testCredential(creds({ apiUrl: `${sandbox.url}/altcraft` }));
		expect(result).toEqual({ status: 'Error', message: MESSAGE.notFound });
		expect(onlyRequest(sandbox).path).toBe(`/altcraft${TEST_PATH}`);
	});

	test('an unreachable URL (closed port) → an error naming the network failure', async () => {
		const port = await closedPort();
		const result = await testCredential(creds({ apiUrl: `http://127.0.0.1:${port}` }));
		expect(result.status).toBe('Error');
		// n8n's tester shows the error code when the error keeps its cause; n8n-workflow 1.120
		// drops the cause and n8n shows its own text for ECONNREFUSED. The credential has no say.
		expect(result.message).toMatch(/ECONNREFUSED|refused the connection/);
		expect(result.message).not.toContain(sandbox.token);
	});

	test('a host that answers HTTP 200 with a web page, not the Altcraft API, is not a successful connection', async () => {
		sandbox.inject({
			path: TEST_PATH,
			status: 200,
			contentType: 'text/html',
			body: '<!doctype html><html><body>Altcraft Platform</body></html>',
		});
		const result = await testCredential(creds());
		expect(result.status).toBe('Error');
		expect(onlyRequest(sandbox).response?.status).toBe(200);
	});
});

describe('API URL normalisation', () => {
	const cases: Array<[string, string]> = [
		['https://x.example.com/', 'https://x.example.com'],
		['x.example.com', 'https://x.example.com'],
		['https://x.example.com/api/v1.1/', 'https://x.example.com'],
		['http://127.0.0.1:8080//', 'http://127.0.0.1:8080'],
		['  https://x.example.com/api  ', 'https://x.example.com'],
		['HTTPS://x.example.com/API/V1', 'HTTPS://x.example.com'],
		['x.example.com:8443/api/v1.1', 'https://x.example.com:8443'],
		['', ''],
	];

	test.each(cases)('normalizeApiUrl(%j) → %j', (raw, expected) => {
		expect(normalizeApiUrl(raw)).toBe(expected);
	});

	test('the credential test request resolves its base URL exactly as normalizeApiUrl does', () => {
		const baseURL = new AltcraftApi().test!.request.baseURL!;
		expect(baseURL.startsWith('={{')).toBe(true);
		const node: INode = {
			id: 'n',
			name: 'Probe',
			type: 'probe',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({
				probe: {
					description: {
						displayName: 'Probe',
						name: 'probe',
						group: [],
						version: 1,
						description: '',
						defaults: {},
						inputs: [NodeConnectionTypes.Main],
						outputs: [NodeConnectionTypes.Main],
						properties: [],
					},
				},
			}),
		});
		for (const [raw] of cases) {
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				baseURL,
				'internal',
				{ $credentials: { apiUrl: raw } } as never,
				undefined,
				'',
			);
			expect({ raw, resolved }).toEqual({ raw, resolved: normalizeApiUrl(raw) });
		}
	});

	test.each([
		['a trailing slash', '/'],
		['the documented /api/v1.1/ path', '/api/v1.1/'],
		['/api/v1.1 without the slash', '/api/v1.1'],
	])('the credential test passes with the sandbox URL plus %s', async (_name, suffix) => {
		const result = await testCredential(creds({ apiUrl: `${sandbox.url}${suffix}` }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(onlyRequest(sandbox).path).toBe(TEST_PATH);
	});
});
