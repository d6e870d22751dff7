/**
 * What a user sees when a launch fails for reasons outside the node's input: the network, a proxy,
 * a wrong host, Altcraft refusing the token, a slow answer. Each runs Trigger → Altcraft through
 * n8n-core's engine with two items; the failure hits item 0. Retry waits are set to 0 so that
 * retried failures stay fast; what is retried is tested in retries.test.ts.
 */
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { runWorkflow, type RunResult } from '../../devkit/engine';
import { json, launchParams, useSandbox, nodeOptions } from '../helpers/fixture';
import { closedPort } from '../helpers/net';

const ctx = useSandbox();
const WRONG_TOKEN = 'wrong-token-0f1e2d3c4b5a';
const START = '/api/v1.1/campaigns/triggers/start';
const ITEMS = json({ email: 'john@example.com' }, { email: 'jane@example.com' });
const params = (options: object = {}) =>
	launchParams({ options: nodeOptions({ retryInitialWait: 0, maxParallel: 1, ...options }) });

/** The run failed on item 0, and neither the error nor anything n8n stored shows a token. */
function failed(result: RunResult, ...tokens: string[]) {
	const error = result.error!;
	expect(error).toBeDefined();
	expect(error.context?.itemIndex).toBe(0);
	for (const token of [ctx.sandbox.token, ...tokens]) {
		expect(JSON.stringify(error)).not.toContain(token);
		expect(JSON.stringify(result.run)).not.toContain(token);
	}
	return error;
}

test('an unreachable API URL: the message names host and port', async () => {
	const port = await closedPort();
	const result = await runWorkflow({
		parameters: params(),
		items: ITEMS,
		credentials: { ...ctx.credentials, apiUrl: `http://127.0.0.1:${port}` },
	});
	const error = failed(result);
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(new RegExp(`^Could not reach Altcraft at 127\\.0\\.0\\.1:${port}\\b`));
	expect(error.message).toMatch(/connection refused/);
	expect(error.description).toMatch(/API URL/);
	expect(error.description).toMatch(/ECONNREFUSED/);
});

test('an HTML 502 page from a proxy: the message says HTML page and HTTP 502', async () => {
	ctx.sandbox.inject({ path: START, status: 502, times: 3 });
	const error = failed(await ctx.run(params(), ITEMS));
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(
		/^Altcraft error 502: HTTP 502 from 127\.0\.0\.1:\d+ with an HTML page: .*502 Bad Gateway/,
	);
	expect(error.httpCode).toBe('502');
	expect(error.description).toMatch(/server or proxy/i);
	expect(ctx.sandbox.launches).toHaveLength(0);
});

test('the description of a 5xx failure only points at options the node has', async () => {
	ctx.sandbox.inject({ path: START, status: 502, times: 3 });
	const error = failed(await ctx.run(params(), ITEMS));
	const pointers = [...String(error.description).matchAll(/Options → ((?:[A-Z][\w()]*)(?: [A-Z][\w()]*)*)/g)].map(
		(m) => m[1],
	);
	expect(pointers.length).toBeGreaterThan(0);
	const options = new Altcraft().description.properties.find((p) => p.name === 'options')!;
	const names = (options.options ?? []).map((o) => ('displayName' in o ? o.displayName : o.name));
	for (const pointer of pointers) {
		expect({ pointer, exists: names.some((name) => name.startsWith(pointer)) }).toEqual({ pointer, exists: true });
	}
});

test('a body that is neither JSON nor XML', async () => {
	ctx.sandbox.inject({ path: START, status: 200, contentType: 'text/plain', body: 'OK, queued' });
	const error = failed(await ctx.run(params(), ITEMS));
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(
		/^Altcraft error 200: HTTP 200 from 127\.0\.0\.1:\d+ with a body that is not Altcraft JSON or XML: OK, queued$/,
	);
	expect(error.description).toMatch(/API URL/);
	expect(ctx.sandbox.requests).toHaveLength(1);
});

test('HTTP 200 with error 403 (a wrong token): "Altcraft error 403" with a description about the token', async () => {
	ctx.sandbox.setOptions({ errorsWithHttp200: true });
	try {
		const result = await runWorkflow({
			parameters: params(),
			items: ITEMS,
			credentials: { ...ctx.credentials, apiToken: WRONG_TOKEN },
		});
		expect(ctx.sandbox.requests[0].response?.status).toBe(200);
		const error = failed(result, WRONG_TOKEN);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Altcraft error 403: Invalid token');
		expect(error.description).toMatch(/API token is invalid/);
		expect(ctx.sandbox.launches).toHaveLength(0);
		// Altcraft's verdict is not retried.
		expect(ctx.sandbox.requests).toHaveLength(1);
	} finally {
		ctx.sandbox.setOptions({ errorsWithHttp200: false });
	}
});

test('no answer within Options → Timeout (1 s): the message says so', async () => {
	// The late answer is a canned 503, so nothing is launched after the test is over.
	ctx.sandbox.inject({ path: START, delayMs: 1500, status: 503 });
	const started = Date.now();
	const error = failed(await ctx.run(params({ timeout: 1, maxAttempts: 1 }), ITEMS));
	expect(Date.now() - started).toBeLessThan(1500);
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toMatch(/^Altcraft at 127\.0\.0\.1:\d+ did not answer within 1 s$/);
	expect(error.description).toMatch(/Timeout/);
});
