/**
 * Child processes for the e2e scripts: every one logs to a file, gets a timeout, and runs in its own
 * process group so that a timeout (or Ctrl-C) ends it with everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { elapsed, step } from './log';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** stdout and stderr of the command go here (stdout also into the result). */
	logFile: string;
	timeoutMs?: number;
	/** Prints "still running" every this many ms (installs take minutes). */
	heartbeatMs?: number;
	label?: string;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

const children = new Set<ChildProcess>();

/** Kills one child's whole process group (it was spawned detached, as its own group leader). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** Ends every child this process started (only those: by their own process group ids). */
export function killAllChildren(): void {
	for (const child of children) killGroup(child, 'SIGTERM');
}

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const start = Date.now();
	const log = fs.createWriteStream(options.logFile, { flags: 'a' });
	log.write(`$ ${command} ${args.join(' ')}\n  (cwd ${options.cwd ?? process.cwd()})\n`);
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout!.on('data', (chunk: Buffer) => {
		out.push(chunk);
		log.write(chunk);
	});
	child.stderr!.on('data', (chunk: Buffer) => {
		err.push(chunk);
		log.write(chunk);
	});
	let timedOut = false;
	const timer = options.timeoutMs
		? setTimeout(() => {
				timedOut = true;
				log.write(`\n[e2e] timed out after ${options.timeoutMs} ms: killing the process group\n`);
				killGroup(child, 'SIGTERM');
				setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
			}, options.timeoutMs)
		: undefined;
	const heartbeat = options.heartbeatMs
		? setInterval(() => step(`  … ${options.label ?? command} still running (${elapsed(start)})`), options.heartbeatMs)
		: undefined;
	return new Promise((resolve) => {
		const finish = (code: number | null, signal: NodeJS.Signals | null) => {
			if (timer) clearTimeout(timer);
			if (heartbeat) clearInterval(heartbeat);
			children.delete(child);
			const ms = Date.now() - start;
			log.end(`\n[e2e] exit ${code ?? signal} after ${ms} ms\n`);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms,
				timedOut,
			});
		};
		child.on('error', (error) => {
			log.write(`[e2e] could not start: ${error.message}\n`);
			finish(127, null);
		});
		child.on('close', finish);
	});
}

/** Starts a long-running process (n8n start, worker) with its output in a log file. */
export function startBackground(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string },
): ChildProcess {
	const log = fs.openSync(options.logFile, 'a');
	fs.writeSync(log, `$ ${command} ${args.join(' ')}\n`);
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['ignore', log, log],
	});
	children.add(child);
	child.on('exit', () => {
		children.delete(child);
		fs.closeSync(log);
	});
	return child;
}

/** Waits for a child's exit (after killGroup), at most `ms`. */
export function waitForExit(child: ChildProcess, ms = 15000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			resolve();
		}, ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Ctrl-C / SIGTERM: stop our children, then exit. `cleanup` runs first (e.g. closing the sandbox). */
export function onInterrupt(cleanup?: () => Promise<void> | void): void {
	const handler = (signal: NodeJS.Signals) => {
		console.log(`\n[e2e] ${signal}: stopping`);
		killAllChildren();
		Promise.resolve(cleanup?.())
			.catch(() => undefined)
			.finally(() => process.exit(130));
	};
	process.once('SIGINT', handler);
	process.once('SIGTERM', handler);
}

export async function freePort(): Promise<number> {
	const net = await import('node:net');
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
