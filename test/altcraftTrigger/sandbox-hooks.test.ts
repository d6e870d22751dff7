/**
 * The sandbox's action hooks: launches become `send` and `deliv` events in Altcraft's documented
 * shape, batched by size and wait, sent again until answered 200 (and the success pattern), open
 * and click on a command; and the whole loop into the Altcraft Trigger node.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox';
import { startTrigger } from './harness';

interface Received {
	body: Array<Record<string, unknown>>;
	contentType?: string;
}

/** A hook receiver whose answers the test scripts (default 200 "OK"). */
async function receiver(answers: Array<{ status: number; text: string }> = []) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
				contentType: req.headers['content-type'],
			});
			const answer = answers.shift() ?? { status: 200, text: 'OK' };
			res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		events: () => received.flatMap((request) => request.body),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let sandbox: Sandbox;
const closers: Array<() => Promise<void>> = [];
beforeEach(async () => {
	sandbox = await startSandbox();
});
afterEach(async () => {
	await sandbox.close();
	for (const close of closers.splice(0)) await close();
});

async function launch(body: Record<string, unknown>): Promise<number> {
	const response = await fetch(`${sandbox.url}/api/v1.1/campaigns/triggers/start/`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token: sandbox.token, id: 84, ...body }),
	});
	return response.status;
}

async function control(path: string, body?: unknown, method = 'POST') {
	const response = await fetch(`${sandbox.url}/sandbox/hooks${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, any> };
}

test('no hook registered: launches send nothing', async () => {
	const hook = await receiver();
	closers.push(hook.close);
	expect(await launch({ email: 'john@example.com' })).toBe(200);
	await sandbox.hooks.sender.idle();
	expect(hook.received).toHaveLength(0);
});

test('a launch sends `send` then `deliv` in the documented shape, as one JSON array', async () => {
	const hook = await receiver();
	closers.push(hook.close);
	expect((await control('', { url: hook.url, batchSize: 10, waitSeconds: 0.05 })).status).toBe(200);
	expect(await launch({ email: 'john@example.com', custom_data: { order: 'A-1' } })).toBe(200);
	await sandbox.hooks.sender.idle();
	expect(hook.received).toHaveLength(1);
	expect(hook.received[0].contentType).toBe('application/json');
	const [send, deliv] = hook.events();
	expect(send.event_type).toBe('send');
	expect(deliv.event_type).toBe('deliv');
	for (const event of [send, deliv]) {
		expect(Object.keys(event).sort()).toEqual(
			[
				'event_type',
				'event_date',
				'profile_id',
				'_xxh',
				'_md5',
				'list_id',
				'account_id',
				'is_test',
				'is_static',
				'custom_data',
				'event_data',
			].sort(),
		);
		expect(event).toMatchObject({
			profile_id: '6606e08f10bcdd88297057a7',
			_md5: 'd4c74594d841139328695756648b6bd6', // md5("john@example.com")
			list_id: 1,
			account_id: 1,
			is_test: false,
			custom_data: { order: 'A-1' },
			event_data: { message_id: 84, campaign_id: 84, segment_id: 0, resource_id: 24 },
		});
		expect(event.event_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
		expect((event.event_data as Record<string, string>).launch_id).toMatch(/^[0-9a-f]{24}$/);
	}
	expect(String(send.event_date) < String(deliv.event_date)).toBe(true);
});

test('batches: full batches go at once, the rest after the wait', async () => {
	const hook = await receiver();
	closers.push(hook.close);
	sandbox.hooks.register({ url: hook.url, batchSize: 4, waitMs: 100 });
	for (const email of ['john@example.com', 'jane@example.com', 'ivan+news@example.org']) await launch({ email });
	// 3 launches × (send + deliv) = 6 events: one full batch of 4 at once, 2 after the wait.
	await new Promise((resolve) => setTimeout(resolve, 30));
	expect(hook.received.map((request) => request.body.length)).toEqual([4]);
	await new Promise((resolve) => setTimeout(resolve, 150));
	expect(hook.received.map((request) => request.body.length)).toEqual([4, 2]);
});

test('an answer other than 200 makes it send the same batch again', async () => {
	const hook = await receiver([
		{ status: 500, text: 'boom' },
		{ status: 202, text: 'OK' },
	]);
	closers.push(hook.close);
	sandbox.hooks.register({ url: hook.url, batchSize: 2, waitMs: 10, retryDelayMs: 5 });
	await launch({ email: 'john@example.com' });
	await sandbox.hooks.sender.idle();
	expect(hook.received).toHaveLength(3);
	expect(hook.received[1].body).toEqual(hook.received[0].body);
	expect(hook.received[2].body).toEqual(hook.received[0].body);
	const [delivery] = sandbox.hooks.sender.deliveries;
	expect(delivery.ok).toBe(true);
	expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 202, 200]);
});

test('with a success pattern, a 200 whose answer does not match is sent again; unreachable URLs too', async () => {
	const hook = await receiver([{ status: 200, text: 'accepted' }]);
	closers.push(hook.close);
	sandbox.hooks.register({ url: hook.url, batchSize: 2, waitMs: 10, retryDelayMs: 5, successPattern: '.*OK.*' });
	await launch({ email: 'john@example.com' });
	await sandbox.hooks.sender.idle();
	expect(hook.received).toHaveLength(2);
	expect(sandbox.hooks.sender.deliveries[0].ok).toBe(true);

	sandbox.hooks.register({
		url: 'http://127.0.0.1:9/closed',
		batchSize: 2,
		waitMs: 10,
		retryDelayMs: 1,
		maxAttempts: 3,
	});
	sandbox.hooks.sender.reset();
	await launch({ email: 'jane@example.com' });
	await sandbox.hooks.sender.idle();
	expect(sandbox.hooks.sender.deliveries[0]).toMatchObject({ ok: false, events: 2 });
	expect(sandbox.hooks.sender.deliveries[0].attempts.map((attempt) => attempt.status)).toEqual([
		'error',
		'error',
		'error',
	]);
});

test('open and click on a command: uopen/open, uclick/click with the link, first-time events only once', async () => {
	const hook = await receiver();
	closers.push(hook.close);
	sandbox.hooks.register({ url: hook.url, batchSize: 100, waitMs: 10 });
	await launch({ email: 'john@example.com' });
	await launch({ email: 'jane@example.com' });
	await sandbox.hooks.sender.idle();
	hook.received.length = 0;
	expect((await control('/click', { email: 'JOHN@example.com', linkUrl: 'https://shop.example.com/a' })).json).toEqual({
		queued: 4,
	});
	expect((await control('/open', { profileId: '6606e08f10bcdd88297057a7' })).json).toEqual({ queued: 1 });
	expect((await control('/click', {})).json).toEqual({ queued: 5 }); // john: click; jane: uopen, open, uclick, click
	await sandbox.hooks.sender.idle();
	const types = hook
		.events()
		.map((event) => `${event.profile_id === '6606e08f10bcdd88297057a7' ? 'john' : 'jane'}:${event.event_type}`);
	expect(types).toEqual([
		'john:uopen',
		'john:open',
		'john:uclick',
		'john:click',
		'john:open',
		'john:click',
		'jane:uopen',
		'jane:open',
		'jane:uclick',
		'jane:click',
	]);
	const click = hook.events()[3];
	expect(click.event_data).toMatchObject({ link_url: 'https://shop.example.com/a', ip: '10.9.0.14', country: '.us' });
	expect((await control('', undefined, 'GET')).json.deliveries.length).toBeGreaterThan(0);
});

test('the loop: sandbox launches → action hook → Altcraft Trigger → one item per event', async () => {
	const trigger = await startTrigger({ events: ['deliv', 'click'], options: { secret: 'hook-secret' } } as never);
	closers.push(() => trigger.close());
	sandbox.hooks.register({
		url: `${trigger.webhookUrl}?key=hook-secret`,
		batchSize: 3,
		waitMs: 20,
		successPattern: '.*OK.*',
	});
	for (const email of ['john@example.com', 'jane@example.com']) await launch({ email });
	await control('/click', { email: 'jane@example.com' });
	await sandbox.hooks.sender.idle();
	expect(sandbox.hooks.sender.deliveries.every((delivery) => delivery.ok)).toBe(true);
	expect(trigger.items().map((item) => item.event_type)).toEqual(['deliv', 'deliv', 'click']);
	expect(trigger.items()[2]).toMatchObject({
		profile_id: 'abcdefghijklmnqrstuvwxyz',
		event_data: { link_url: 'https://www.example.com/' },
	});
});
