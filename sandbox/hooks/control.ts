/**
 * The sandbox's control endpoint for action hooks (not an Altcraft API; Altcraft sets hooks up in
 * its UI):
 *   POST   /sandbox/hooks          {"url", "batchSize", "waitSeconds", "successPattern", "concurrency"}: register
 *   GET    /sandbox/hooks          the registration and the deliveries so far
 *   DELETE /sandbox/hooks          unregister
 *   POST   /sandbox/hooks/open     {"profileId" | "email" | "triggerId"}: the recipients open (all when empty)
 *   POST   /sandbox/hooks/click    {…the same, "linkUrl"}: the recipients click
 *   POST   /sandbox/hooks/flush    send what is waiting now
 */
import type { Exchange, Reply } from '../http';
import type { SandboxHooks } from './index';

export const CONTROL_PATH = '/sandbox/hooks';

function json(status: number, payload: unknown): Reply {
	return {
		status,
		headers: { 'Content-Type': 'application/json' },
		text: JSON.stringify(payload),
		body: payload,
		duplicate: false,
	};
}

function filterOf(body: Record<string, unknown>) {
	return {
		profileId: typeof body.profileId === 'string' ? body.profileId : undefined,
		email: typeof body.email === 'string' ? body.email : undefined,
		triggerId: body.triggerId === undefined ? undefined : Number(body.triggerId),
	};
}

export function hooksControl(exchange: Exchange, hooks: SandboxHooks, path: string): Reply {
	const method = exchange.record.method;
	if (exchange.parseError) return json(400, { error: exchange.parseError });
	const raw = exchange.parsed?.body;
	const body = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
	const action = path.slice(CONTROL_PATH.length);
	if (action === '' && method === 'GET')
		return json(200, { registered: hooks.sender.registered ?? null, deliveries: hooks.sender.deliveries });
	if (action === '' && method === 'DELETE') {
		hooks.sender.unregister();
		return json(200, { registered: null });
	}
	if (action === '' && method === 'POST') {
		try {
			hooks.register({
				url: String(body.url ?? ''),
				batchSize: body.batchSize === undefined ? undefined : Number(body.batchSize),
				waitMs: body.waitSeconds === undefined ? undefined : Number(body.waitSeconds) * 1000,
				successPattern: typeof body.successPattern === 'string' ? body.successPattern : undefined,
				concurrency: body.concurrency === undefined ? undefined : Number(body.concurrency),
			});
		} catch (error) {
			return json(400, { error: (error as Error).message });
		}
		return json(200, { registered: hooks.sender.registered });
	}
	if (method !== 'POST') return json(404, { error: `${method} ${path} is not supported` });
	if (action === '/open') return json(200, { queued: hooks.open(filterOf(body)) });
	if (action === '/click')
		return json(200, {
			queued: hooks.click(filterOf(body), typeof body.linkUrl === 'string' ? body.linkUrl : undefined),
		});
	if (action === '/flush') {
		hooks.sender.flush();
		return json(200, { flushed: true });
	}
	return json(404, { error: `Unknown hooks command ${path}` });
}
