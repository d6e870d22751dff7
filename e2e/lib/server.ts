/**
 * A running n8n (`n8n start`, `n8n worker`) on 127.0.0.1, and its owner account.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { step } from '../../devkit/n8n/log';
import type { N8nHome } from '../../devkit/n8n/install';
import { killGroup, startBackground, waitForExit } from '../../devkit/n8n/proc';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** Only for the local sandbox instance; n8n's password rules: 8+ characters, a digit, a capital. */
export const SANDBOX_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

export interface RunningN8n {
	url: string;
	child: ChildProcess;
	logFile: string;
	stop(): Promise<void>;
}

async function fetchOk(url: string, init?: RequestInit): Promise<Response | undefined> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
		return response;
	} catch {
		return undefined;
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts `n8n <command>` in the background; for `start`, resolves once the editor answers. */
export async function startN8n(
	home: N8nHome,
	label: string,
	command: string[] = ['start'],
	timeoutMs = 180_000,
): Promise<RunningN8n> {
	const logFile = path.join(home.logDir, `n8n-${home.install.version}-${label}.log`);
	const child = startBackground(home.install.node, [home.install.bin, ...command], {
		env: home.env,
		logFile,
		cwd: home.userFolder,
	});
	const url = `http://127.0.0.1:${home.env.N8N_PORT}`;
	const running: RunningN8n = {
		url,
		child,
		logFile,
		async stop() {
			killGroup(child, 'SIGTERM');
			await waitForExit(child, 20_000);
		},
	};
	if (command[0] !== 'start') return running;
	const start = Date.now();
	step(`n8n ${home.install.version}: starting ${label} on ${url} (log: ${logFile})`);
	let healthy = false;
	while (Date.now() - start < timeoutMs) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(
				`n8n ${label} exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`,
			);
		if (!healthy) healthy = (await fetchOk(`${url}/healthz`))?.ok === true;
		if (healthy) {
			const editor = await fetchOk(`${url}/rest/settings`);
			if (editor?.ok) {
				step(`n8n ${home.install.version}: ${label} ready after ${((Date.now() - start) / 1000).toFixed(1)} s`);
				return running;
			}
		}
		await sleep(500);
	}
	await running.stop();
	throw new Error(`n8n ${label} was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** The `n8n-auth` cookie of a response, as a Cookie header value. */
function authCookie(response: Response): string | undefined {
	const cookies = response.headers.getSetCookie?.() ?? [];
	const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
	return auth?.split(';')[0];
}

/**
 * n8n 1.x asks for an owner account on first start: set it up through the REST API
 * (`POST /rest/owner/setup`); if it exists already, log in. Returns the auth cookie.
 */
export async function ensureOwner(url: string, owner: Owner = SANDBOX_OWNER): Promise<string> {
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	const setupCookie = setup.ok ? authCookie(setup) : undefined;
	if (setupCookie) return setupCookie;
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
	});
	const loginCookie = login.ok ? authCookie(login) : undefined;
	if (!loginCookie) {
		throw new Error(
			`owner setup answered ${setup.status} (${(await setup.text()).slice(0, 200)}), login answered ${login.status}`,
		);
	}
	return loginCookie;
}
