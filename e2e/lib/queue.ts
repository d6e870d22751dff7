/**
 * Queue mode: Redis (Debian's redis-server on a free loopback port), PostgreSQL (Debian's, a
 * throw-away cluster on a free loopback port), one n8n main process and two `n8n worker` processes
 * sharing one user folder. (With SQLite, which n8n calls unsupported for queue mode, a worker
 * intermittently fails an execution with SQLITE_BUSY: database is locked; see e2e/README.md.) The form example runs as a production webhook
 * (its trigger replaced by a Webhook node, see forWebhookRun): the main process enqueues each call
 * in Redis, a worker executes it. Checks: every call answered with Altcraft's success, the sandbox
 * received each launch exactly once (no lost or repeated jobs), and the workers did the executions.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from '../../sandbox';
import { step } from '../../devkit/n8n/log';
import { InstallError, ensureN8n, makeHome, type N8nHome } from '../../devkit/n8n/install';
import type { Packed } from '../../devkit/n8n/pkg';
import { freePort, killGroup, run, startBackground, waitForExit } from '../../devkit/n8n/proc';
import type { Row } from './report';
import { startN8n, type RunningN8n } from './server';
import { prepareHome } from '../../devkit/n8n/setup';
import { forWebhookRun, loadExample } from '../../devkit/examples/workflows';

const EXAMPLE = 'form-submission-launch.json';
const CALLS = 6;
const WORKERS = 2;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function findRedis(): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
		const candidate = path.join(dir, 'redis-server');
		if (fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** Debian's redis-server, installed with apt-get when missing and we are root (CI). */
export async function ensureRedis(logDir: string): Promise<string | undefined> {
	const found = findRedis();
	if (found) return found;
	if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return undefined;
	step('installing redis-server with apt-get');
	const logFile = path.join(logDir, 'install-redis.log');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
		env,
		logFile,
		timeoutMs: 10 * 60_000,
	});
	if (install.code !== 0) {
		await run('apt-get', ['update'], { env, logFile, timeoutMs: 10 * 60_000 });
		install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
			env,
			logFile,
			timeoutMs: 10 * 60_000,
		});
	}
	if (install.code !== 0) throw new InstallError('apt-get install redis-server failed', logFile);
	return findRedis();
}

function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((entry) => fs.existsSync(path.join(root, entry, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/** Debian's PostgreSQL server binaries, installed with apt-get when missing and we are root. */
export async function ensurePostgres(logDir: string): Promise<string | undefined> {
	const found = findPostgresBin();
	if (found) return found;
	if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return undefined;
	step('installing postgresql with apt-get');
	const logFile = path.join(logDir, 'install-postgresql.log');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
		env,
		logFile,
		timeoutMs: 10 * 60_000,
	});
	if (install.code !== 0) {
		await run('apt-get', ['update'], { env, logFile, timeoutMs: 10 * 60_000 });
		install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
			env,
			logFile,
			timeoutMs: 10 * 60_000,
		});
	}
	if (install.code !== 0) throw new InstallError('apt-get install postgresql failed', logFile);
	return findPostgresBin();
}

/** PostgreSQL refuses to run as root: as root, run its programs as the postgres user. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

interface Postgres {
	child: ChildProcess;
	port: number;
	dataDir: string;
	logFile: string;
}

/** A throw-away cluster: trust auth, loopback only, no fsync; removed by the caller. */
async function startPostgres(binDir: string, logDir: string): Promise<Postgres> {
	const dataDir = fs.mkdtempSync('/tmp/altcraft-e2e-pg-');
	const logFile = path.join(logDir, 'postgres.log');
	if (process.getuid?.() === 0) {
		const chown = await run('chown', ['postgres:postgres', dataDir], { logFile, timeoutMs: 10_000 });
		if (chown.code !== 0) throw new InstallError('chown of the PostgreSQL data folder failed', logFile);
	}
	const [initCommand, initArgs] = asPostgres(path.join(binDir, 'initdb'), [
		'-D',
		dataDir,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
	]);
	const init = await run(initCommand, initArgs, { logFile, timeoutMs: 120_000 });
	if (init.code !== 0) throw new InstallError('initdb failed', logFile);
	const port = await freePort();
	const [command, args] = asPostgres(path.join(binDir, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'full_page_writes=off',
	]);
	const child = startBackground(command, args, { logFile });
	await waitForLog(logFile, /ready to accept connections/, child, 60_000);
	return { child, port, dataDir, logFile };
}

async function waitForLog(file: string, pattern: RegExp, child: ChildProcess, timeoutMs: number): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		if (fs.existsSync(file) && pattern.test(fs.readFileSync(file, 'utf8'))) return;
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`process exited (${child.exitCode ?? child.signalCode}); see ${file}`);
		await sleep(300);
	}
	throw new Error(`"${pattern.source}" did not appear in ${file} within ${timeoutMs / 1000} s`);
}

function count(file: string, pattern: RegExp): number {
	if (!fs.existsSync(file)) return 0;
	return (fs.readFileSync(file, 'utf8').match(new RegExp(pattern.source, 'g')) ?? []).length;
}

/** Activates an imported workflow: n8n 1.x has update:workflow, 2.x publish:workflow. */
export async function activateWorkflow(home: N8nHome, id: string, logFile: string): Promise<void> {
	const { install } = home;
	const args = install.version.startsWith('1.')
		? ['update:workflow', `--id=${id}`, '--active=true']
		: ['publish:workflow', `--id=${id}`];
	const result = await run(install.node, [install.bin, ...args], { env: home.env, logFile, timeoutMs: 120_000 });
	if (result.code !== 0) throw new Error(`activating workflow ${id} failed (exit ${result.code}); see ${logFile}`);
}

export interface QueueCluster {
	main: RunningN8n;
	workerLogs: string[];
	stop(): Promise<void>;
}

/**
 * Redis, PostgreSQL, one main process and WORKERS workers, with the package installed, the
 * sandbox credential and the given workflows imported and activated. Undefined (with a SKIP
 * message) when redis-server or PostgreSQL is missing. Log files are added to `logs`.
 */
export async function startQueueCluster(options: {
	packed: Packed;
	sandbox: Sandbox;
	version: string;
	logDir: string;
	workflows: Array<{ id: string; json: unknown }>;
	logs: string[];
}): Promise<QueueCluster | undefined> {
	const { packed, sandbox, version, logDir, logs } = options;
	const started = Date.now();
	const redisBin = await ensureRedis(logDir);
	if (!redisBin) {
		step('SKIP queue mode: redis-server is not installed (apt-get install -y redis-server)');
		return undefined;
	}
	const postgresBin = await ensurePostgres(logDir);
	if (!postgresBin) {
		step('SKIP queue mode: PostgreSQL is not installed (apt-get install -y postgresql)');
		return undefined;
	}
	let redis: ChildProcess | undefined;
	let postgres: Postgres | undefined;
	let main: RunningN8n | undefined;
	const workers: ChildProcess[] = [];
	const stop = async (): Promise<void> => {
		for (const worker of workers) killGroup(worker);
		await Promise.all(workers.map((worker) => waitForExit(worker, 20_000)));
		await main?.stop();
		if (redis) {
			killGroup(redis);
			await waitForExit(redis, 10_000);
		}
		if (postgres) {
			killGroup(postgres.child);
			await waitForExit(postgres.child, 20_000);
			fs.rmSync(postgres.dataDir, { recursive: true, force: true });
		}
	};
	try {
		const install = await ensureN8n(version, logDir);
		const redisPort = await freePort();
		const redisLog = path.join(logDir, 'redis.log');
		logs.push(redisLog);
		redis = startBackground(
			redisBin,
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--protected-mode',
				'yes',
			],
			{ logFile: redisLog },
		);
		await waitForLog(redisLog, /Ready to accept connections/, redis, 20_000);
		step(`queue mode: redis on 127.0.0.1:${redisPort}`);

		postgres = await startPostgres(postgresBin, logDir);
		logs.push(postgres.logFile);
		step(`queue mode: PostgreSQL on 127.0.0.1:${postgres.port}`);

		const queueEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			QUEUE_BULL_PREFIX: `altcraft-e2e-${process.pid}`,
			// One key for all processes (they share the user folder, so its config file too).
			N8N_ENCRYPTION_KEY: 'altcraft-e2e-queue-mode-key',
			// Webhook calls must go to workers, and so would manual runs.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const home = await makeHome(install, path.join(logDir, 'home'), logDir, queueEnv);
		await prepareHome(home, packed, sandbox, options.workflows);
		const activateLog = path.join(logDir, 'activate.log');
		logs.push(activateLog);
		for (const workflow of options.workflows) await activateWorkflow(home, workflow.id, activateLog);

		main = await startN8n(home, 'queue-main');
		logs.push(main.logFile);
		const workerLogs: string[] = [];
		for (let index = 0; index < WORKERS; index++) {
			const env = {
				...home.env,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				N8N_PORT: String(await freePort()),
			};
			const logFile = path.join(logDir, `n8n-${version}-worker-${index + 1}.log`);
			workerLogs.push(logFile);
			logs.push(logFile);
			workers.push(
				startBackground(install.node, [install.bin, 'worker', '--concurrency=2'], {
					env,
					logFile,
					cwd: home.userFolder,
				}),
			);
		}
		await Promise.all(
			workers.map((worker, index) => waitForLog(workerLogs[index], /worker is now ready/, worker, 120_000)),
		);
		step(`queue mode: main + ${WORKERS} workers ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
		return { main, workerLogs, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Executions the workers (and, wrongly, the main process) finished, from their logs. */
export function finishedExecutions(cluster: QueueCluster): { perWorker: number[]; main: number } {
	return {
		perWorker: cluster.workerLogs.map((file) => count(file, /Worker finished execution/)),
		main: count(cluster.main.logFile, /Worker finished execution/),
	};
}

export async function runQueueMode(options: {
	packed: Packed;
	sandbox: Sandbox;
	tmp: string;
	version: string;
}): Promise<Row | undefined> {
	const { packed, sandbox, version } = options;
	const logDir = path.join(options.tmp, `queue-${version}`);
	fs.mkdirSync(logDir, { recursive: true });
	const started = Date.now();
	const failures: string[] = [];
	const logs: string[] = [];
	const row = (): Row => ({
		version: `${version} queue`,
		example: `${EXAMPLE} via webhook ×${CALLS}, ${WORKERS} workers`,
		ok: failures.length === 0,
		seconds: (Date.now() - started) / 1000,
		launches: sandbox.launches.length,
		failures,
		logs: failures.length === 0 ? [] : logs,
	});

	let cluster: QueueCluster | undefined;
	try {
		const original = loadExample(EXAMPLE);
		const webhookPath = `altcraft-e2e-${process.pid}`;
		const workflow = forWebhookRun(original, webhookPath);
		cluster = await startQueueCluster({
			packed,
			sandbox,
			version,
			logDir,
			workflows: [{ id: original.id, json: { ...workflow, active: true } }],
			logs,
		});
		if (!cluster) return undefined;
		const main = cluster.main;
		step(`queue mode: ${CALLS} webhook calls`);

		sandbox.reset();
		const names = Array.from({ length: CALLS }, (_, index) => `Run ${index + 1}`);
		const answers = await Promise.all(
			names.map(async (name) => {
				const response = await fetch(`${main.url}/webhook/${webhookPath}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ 'First Name': name }),
					signal: AbortSignal.timeout(120_000),
				});
				return { name, status: response.status, text: await response.text() };
			}),
		);
		// Late duplicates (a job run twice) would arrive after the answers: give them a moment.
		await sleep(3000);

		for (const answer of answers) {
			if (answer.status !== 200) {
				failures.push(`webhook call "${answer.name}" answered ${answer.status}: ${answer.text.slice(0, 300)}`);
				continue;
			}
			let json: any;
			try {
				json = JSON.parse(answer.text);
			} catch {
				failures.push(`webhook call "${answer.name}" answered non-JSON: ${answer.text.slice(0, 200)}`);
				continue;
			}
			if ('error' in json || json.launched !== true || json.response?.error !== 0 || !json.requestId)
				failures.push(`webhook call "${answer.name}" answered ${answer.text.slice(0, 300)}`);
			if (answer.text.includes(sandbox.token))
				failures.push(`webhook call "${answer.name}": the answer contains the API token`);
		}
		if (sandbox.launches.length !== CALLS)
			failures.push(`the sandbox recorded ${sandbox.launches.length} launches for ${CALLS} calls`);
		for (const name of names) {
			const launches = sandbox.launches.filter((launch) => launch.body?.content?.first_name === name);
			if (launches.length !== 1) failures.push(`"${name}" was launched ${launches.length} times`);
		}
		const requestIds = sandbox.launches.map((launch) => launch.requestId);
		if (new Set(requestIds).size !== requestIds.length) failures.push('launches repeated a Request-ID');
		if (sandbox.stats.duplicates > 0) failures.push(`the sandbox answered ${sandbox.stats.duplicates} duplicates`);
		const { perWorker, main: byMain } = finishedExecutions(cluster);
		const total = perWorker.reduce((sum, value) => sum + value, 0);
		step(`queue mode: executions per worker: ${perWorker.join(' + ')}`);
		if (total !== CALLS)
			failures.push(`the workers finished ${total} executions (${perWorker.join(' + ')}), expected ${CALLS}`);
		if (byMain > 0) failures.push('the main process executed a job itself');
	} catch (error) {
		failures.push((error as Error).message);
		if (error instanceof InstallError) logs.push(error.logFile);
	} finally {
		await cluster?.stop();
	}
	return row();
}
