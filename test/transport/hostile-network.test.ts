/**
 * The node against servers that misbehave on purpose: redirects that would carry the
 * token away, answers too big or too slow, servers that echo the token, answers whose `error`
 * only looks like 0, prototype keys in answers. Each runs Trigger → Altcraft through n8n-core's
 * engine against a small server on loopback.
 */
import { gzipSync } from 'node:zlib';
import { deepCopy } from 'n8n-workflow';
import { runWorkflow, shutdownEngine, type CredentialData, type RunResult } from '../../devkit/engine';
import { json, launchParams, linkLaunchParams, nodeOptions } from '../helpers/fixture';
import { closedPort } from '../helpers/net';
import { answer, startHostile, type Hostile } from './hostile';

const TOKEN = 'secret-token-7d1f9a3c5e';
const KEY = '465ea6fedf0a75fa9ee0b5fb8f9d5fe89af34054909af8bb';
const ITEMS = json({ email: 'john@example.com' });
const NO_RETRY = { options: nodeOptions({ maxAttempts: 1, retryInitialWait: 0 }) };

let api: Hostile;
let other: Hostile;
beforeAll(async () => {
	api = await startHostile();
	other = await startHostile();
});
afterAll(async () => {
	await api.close();
	await other.close();
	shutdownEngine();
});

const credentials = (extra: Partial<CredentialData> = {}): CredentialData => ({
	apiUrl: api.url,
	apiToken: TOKEN,
	...extra,
});
const launch = (extra: object = NO_RETRY, cred: Partial<CredentialData> = {}) =>
	runWorkflow({ parameters: launchParams(extra as never), items: ITEMS, credentials: credentials(cred) });

/** The run failed, and nothing n8n stored (error, run data) holds the token. */
function failed(result: RunResult) {
	expect(result.error).toBeDefined();
	expect(JSON.stringify(result.error)).not.toContain(TOKEN);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	return result.error!;
}

describe('redirects are reported, never followed', () => {
	for (const placement of ['header', 'body'] as const) {
		for (const status of [301, 302, 303, 307, 308]) {
			test(`${status} with the token in the ${placement}: the other host receives nothing`, async () => {
				other.handle(answer(200, { error: 0, data: {} }));
				api.handle((_req, res) => {
					res.writeHead(status, { Location: `${other.url}/api/v1.1/campaigns/triggers/start` });
					res.end();
				});
				const error = failed(
					await launch({ options: nodeOptions({ maxAttempts: 3, retryInitialWait: 0 }) }, { authPlacement: placement }),
				);
				expect(error.message).toBe(
					`The API URL redirects to ${other.url}/api/v1.1/campaigns/triggers/start (HTTP ${status}): enter the final URL in the credential`,
				);
				expect(other.received).toHaveLength(0);
				// Not retried: a redirect is an answer, not a failure that passes.
				expect(api.received).toHaveLength(1);
			});
		}
	}
});

describe('answers are bounded in size and time', () => {
	test('a 5 MB answer is refused at the cap, not put into the output', async () => {
		api.handle(answer(200, JSON.stringify({ error: 0, data: 'x'.repeat(5 * 1024 * 1024) })));
		const error = failed(await launch());
		expect(error.message).toMatch(/larger than 1024 KB, which is not an Altcraft answer/);
		expect(JSON.stringify(error).length).toBeLessThan(5000);
	});

	test('a gzip bomb (1 MB inflating to 1 GB) stops at the cap: fast, without memory growth', async () => {
		// 16 gzip members of 64 MB each: one stream that inflates to 1 GB (built fast).
		const member = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
		const bomb = Buffer.concat(Array.from({ length: 16 }, () => member));
		expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
		api.handle((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
			res.end(bomb);
		});
		const rssBefore = process.memoryUsage().rss;
		const started = Date.now();
		const error = failed(await launch());
		expect(error.message).toMatch(/larger than 1024 KB/);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
	}, 60_000);

	test('a body sent one byte per second: the timeout covers the body, each attempt ends at its deadline', async () => {
		const timers: NodeJS.Timeout[] = [];
		api.handle((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{');
			const timer = setInterval(() => res.write(' '), 1000);
			timers.push(timer);
			res.on('close', () => clearInterval(timer));
		});
		const started = Date.now();
		const error = failed(await launch({ options: nodeOptions({ timeout: 2, maxAttempts: 2, retryInitialWait: 0 }) }));
		const elapsed = Date.now() - started;
		timers.forEach(clearInterval);
		expect(error.message).toMatch(/did not answer within 2 s \(after 2 attempts\)/);
		expect(elapsed).toBeGreaterThanOrEqual(3900);
		expect(elapsed).toBeLessThan(6500);
	}, 20_000);

	test('a 600 KB error_text becomes a message of at most a few hundred characters', async () => {
		api.handle(answer(400, { error: 400, error_text: 'y'.repeat(600 * 1024) }));
		const error = failed(await launch());
		expect(error.message.length).toBeLessThan(600);
		expect(JSON.stringify(error).length).toBeLessThan(5000);
	});
});

describe('the token never shows, even when a server echoes it', () => {
	test('echoed in error_text (body mode)', async () => {
		api.handle((_req, res, body) => answer(400, { error: 400, error_text: `bad request: ${body}` })(_req, res, body));
		const error = failed(await launch());
		expect(api.received[0].body).toContain(TOKEN);
		expect(error.message).toContain('[redacted]');
	});

	test('echoed in a success answer (header mode): the output item holds no token', async () => {
		api.handle((req, res, body) => answer(200, { error: 0, echo: { headers: req.headers, body } })(req, res, body));
		const result = await launch(NO_RETRY, { authPlacement: 'header' });
		expect(result.error).toBeUndefined();
		expect(api.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
		expect(JSON.stringify(result.items)).toContain('[redacted]');
	});

	test('echoed in an HTML page', async () => {
		api.handle((_req, res, body) => {
			res.writeHead(502, { 'Content-Type': 'text/html' });
			res.end(`<html><body>Bad gateway for ${body}</body></html>`);
		});
		const error = failed(await launch());
		expect(error.message).toMatch(/with an HTML page/);
	});
});

describe('success only when error is 0', () => {
	for (const value of [null, '', [], [0], false, ' 0 ', '0x0', {}]) {
		test(`error ${JSON.stringify(value)} is a failure`, async () => {
			api.handle(answer(200, { error: value, error_text: '' }));
			const error = failed(await launch());
			expect(error.message).toMatch(/is not a number, so the launch is not counted as sent/);
		});
	}
	for (const value of [0, '0']) {
		test(`error ${JSON.stringify(value)} is success`, async () => {
			api.handle(answer(200, { error: value, error_text: 'Successful operation', data: {} }));
			const result = await launch();
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
		});
	}
	test('in XML, <error>0</error> is success and <error>null</error> is not', async () => {
		api.handle((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/xml' });
			res.end('<?xml version="1.0"?><xml><error>0</error><error_text>Successful operation</error_text></xml>');
		});
		expect((await launch({ options: nodeOptions({ maxAttempts: 1, requestFormat: 'xml' }) })).error).toBeUndefined();
		api.handle((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/xml' });
			res.end('<?xml version="1.0"?><xml><error>null</error></xml>');
		});
		failed(await launch({ options: nodeOptions({ maxAttempts: 1, requestFormat: 'xml' }) }));
	});
});

describe('answers are read without prototype keys', () => {
	test('a JSON __proto__ key is dropped: nothing is inherited after n8n copies the item', async () => {
		api.handle(
			answer(200, '{"error":0,"data":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"id":7}}'),
		);
		const result = await launch();
		expect(result.error).toBeUndefined();
		const data = (result.items[0].json.response as { data: Record<string, unknown> }).data;
		expect(Object.keys(data)).toEqual(['id']);
		const copied = deepCopy(result.items[0].json) as { response: { data: Record<string, unknown> } };
		expect(copied.response.data.isAdmin).toBeUndefined();
		expect(Object.getPrototypeOf(copied.response.data)).toBe(Object.prototype);
	});

	test('XML the parser refuses is reported as XML that could not be read, not as an HTML page', async () => {
		api.handle((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/xml' });
			res.end('<xml><error>0</error><constructor><a>1</a></constructor></xml>');
		});
		const error = failed(await launch());
		expect(error.message).toMatch(/with XML that could not be read \(.*constructor/);
	});
});

describe('v1.0 trigger links', () => {
	const link = (host: string) => `http://${host}/trg/${KEY}/<email|md5|xxh>`;
	const post = (host: string, cred: Partial<CredentialData> = {}, extra: object = {}) =>
		runWorkflow({
			parameters: linkLaunchParams(link(host), {
				sendFields: true,
				fields: { field: [{ name: 'FirstName', value: 'John', option: 1 }] },
				...NO_RETRY,
				...extra,
			}),
			items: ITEMS,
			credentials: credentials(cred),
		});

	test('a POST to a host that is not a tracking domain is refused before sending', async () => {
		other.handle(answer(200, { error: 0 }));
		const error = failed(await post(other.hostPort));
		expect(error.message).toBe(
			`The trigger link's host ${other.hostPort} is not a tracking domain of this credential, so the API token is not sent there`,
		);
		expect(error.description).toMatch(/add it to Tracking Domains in the Altcraft credential/);
		expect(other.received).toHaveLength(0);
	});

	test('the same POST goes out once the host is listed in Tracking Domains', async () => {
		other.handle(answer(200, { error: 0 }));
		for (const trackingDomains of [other.hostPort, `trk.example.org, ${other.url}/`, '127.0.0.1', '*.0.0.1']) {
			const result = await post(other.hostPort, { trackingDomains });
			expect(result.error).toBeUndefined();
		}
		expect(other.received).toHaveLength(4);
		expect(other.received[0].body).toContain(TOKEN);
	});

	test('a port other than the listed one is refused', async () => {
		other.handle(answer(200, { error: 0 }));
		failed(await post(other.hostPort, { trackingDomains: '127.0.0.1:1' }));
		expect(other.received).toHaveLength(0);
	});

	test('a GET carries no token and may go to any host', async () => {
		other.handle(answer(200, { error: 0 }));
		const result = await runWorkflow({
			parameters: linkLaunchParams(link(other.hostPort), NO_RETRY),
			items: ITEMS,
			credentials: credentials({ authPlacement: 'header' }),
		});
		expect(result.error).toBeUndefined();
		expect(JSON.stringify(other.received)).not.toContain(TOKEN);
	});

	for (const page of ['<!-- maintenance --><p>down</p>', '<head><title>Login</title></head>', '<p>ok</p>']) {
		test(`a 200 answer starting ${page.slice(0, 6)} is not a plain success`, async () => {
			other.handle((_req, res) => {
				res.writeHead(200, { 'Content-Type': 'text/plain' });
				res.end(page);
			});
			failed(
				await runWorkflow({
					parameters: linkLaunchParams(link(other.hostPort), NO_RETRY),
					items: ITEMS,
					credentials: credentials(),
				}),
			);
		});
	}

	test('a network error names the link host and points at the Trigger Link', async () => {
		const port = await closedPort();
		const error = failed(
			await runWorkflow({
				parameters: linkLaunchParams(link(`127.0.0.1:${port}`), NO_RETRY),
				items: ITEMS,
				credentials: credentials(),
			}),
		);
		expect(error.message).toMatch(new RegExp(`^Could not reach Altcraft at 127\\.0\\.0\\.1:${port}`));
		expect(error.description).toMatch(new RegExp(`host of the Trigger Link \\(127\\.0\\.0\\.1:${port}\\)`));
	});
});

describe('XML bodies are valid XML 1.0', () => {
	for (const [name, char] of [
		['U+0001', '\u0001'],
		['U+FFFF', '\uffff'],
		['a lone surrogate', '\ud800'],
	]) {
		test(`${name} in a content value is refused before sending`, async () => {
			api.handle(answer(200, { error: 0 }));
			const error = failed(
				await launch({
					content: 'fields',
					contentValues: { values: [{ name: 'title', value: `Hi${char}there` }] },
					options: nodeOptions({ maxAttempts: 1, requestFormat: 'xml' }),
				}),
			);
			expect(error.message).toMatch(
				/"content\.title" holds the character U\+[0-9A-F]{4} at position 3, which XML 1\.0 cannot carry/,
			);
			expect(api.received).toHaveLength(0);
		});
	}
	test('tab, newline and emoji go through', async () => {
		api.handle(answer(200, { error: 0 }));
		const result = await launch({
			content: 'fields',
			contentValues: { values: [{ name: 'title', value: 'a\tb\nc 😀' }] },
			options: nodeOptions({ maxAttempts: 1, requestFormat: 'xml' }),
		});
		expect(result.error).toBeUndefined();
		expect(api.received[0].body).toContain('a\tb\nc 😀');
	});
});
