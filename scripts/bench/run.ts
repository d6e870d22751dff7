/**
 * `npm run bench`: launches per second and peak memory of this node against n8n's HTTP Request
 * node and a plain keep-alive client, all against the sandbox on loopback. A script, not a test:
 * it measures and prints; it asserts nothing about speed.
 */
import { execFileSync, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8N_VERSION, REPO, n8nInstalled, placePackage } from './n8n-install';
import { summarise } from './profile';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 5);
const tsx = join(REPO, 'node_modules', '.bin', 'tsx');

interface Result {
	kind: string;
	count: number;
	concurrency: number;
	outputs: number;
	seconds: number;
	perSecond: number;
	peakRssMb: number;
	peakHeapMb: number;
	retainedHeapMb: number;
	baselineRssMb: number;
	requests?: number;
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
	return new Promise((resolve) => {
		const listener = (message: { type: string } & T) => {
			if (message.type !== type) return;
			child.off('message', listener);
			resolve(message);
		};
		child.on('message', listener);
		child.send({ type });
	});
}

const total = (summary: Array<[string, number]>) => summary.reduce((sum, [, ms]) => sum + ms, 0);

async function main() {
	if (!n8nInstalled()) {
		console.error(`n8n ${N8N_VERSION} is not in .n8n-cache/. Install it first: npm run test:e2e -- --install-only (or see e2e/README.md).`);
		process.exit(2);
	}
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
	placePackage();

	const sandbox = fork(join(__dirname, 'sandbox-process.ts'), [], { execPath: tsx, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const { url, token } = await new Promise<{ url: string; token: string }>((resolve) =>
		sandbox.once('message', (message: { url: string; token: string }) => resolve(message)),
	);

	const profiling = process.argv.includes('--profile');
	const profileDir = mkdtempSync(join(tmpdir(), 'altcraft-profile-'));
	const scenarios: Array<[string, number]> = profiling ? [['node', 10000]] : [
		['noop', 10000],
		['node', 2000],
		['node', 10000],
		['http-request-node', 2000],
		['http-request-node', 10000],
		['raw', 2000],
		['raw', 10000],
		['audience', 10000],
	];
	const results: Result[] = [];
	const userFolder = mkdtempSync(join(tmpdir(), 'altcraft-bench-'));
	for (const [kind, count] of scenarios) {
		await ask(sandbox, 'reset');
		const flags = ['--expose-gc', ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx'];
		const child = spawnSync(process.execPath, [...flags, join(__dirname, 'scenario.ts'), kind, String(count), String(CONCURRENCY), url, token], {
			cwd: REPO,
			// n8n-core writes its settings into the user folder: keep them out of $HOME.
			env: { ...process.env, N8N_USER_FOLDER: userFolder, N8N_ENCRYPTION_KEY: 'altcraft-bench', N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false' },
			encoding: 'utf8',
			maxBuffer: 16 * 2 ** 20,
		});
		if (child.status !== 0) {
			console.error(`${kind} ${count}: failed\n${child.stderr}`);
			continue;
		}
		const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as Result;
		result.requests = (await ask<{ stats: { requests: number } }>(sandbox, 'stats')).stats.requests;
		results.push(result);
		console.log(`${kind.padEnd(18)} ${String(count).padStart(6)} items  ${result.perSecond.toFixed(0).padStart(6)}/s  ${result.seconds.toFixed(2)} s  peak ${result.peakRssMb.toFixed(0)} MB  requests ${result.requests}`);
	}
	sandbox.send({ type: 'close' });
	if (profiling) {
		const files = readdirSync(profileDir).map((name) => join(profileDir, name));
		const summaries = files.map((file) => summarise(file)).sort((a, b) => total(b) - total(a));
		const summary = summaries[0];
		const all = total(summary);
		console.log(`\nCPU profile of the node scenario (10,000 items), self time by owner:`);
		console.log(`| where | ms | share |\n|---|---:|---:|`);
		for (const [bucket, ms] of summary) console.log(`| ${bucket} | ${ms.toFixed(0)} | ${((ms / all) * 100).toFixed(1)} % |`);
		return;
	}

	const find = (kind: string, count: number) => results.find((r) => r.kind === kind && r.count === count);
	const noop = find('noop', 10000);
	console.log(`\n| scenario | items | concurrency | launches/s | seconds | requests | peak RSS | peak heap | heap kept after GC | RSS over no-op workflow |`);
	console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
	for (const r of results) {
		const concurrency = r.kind === 'http-request-node' ? 'all at once' : r.kind === 'noop' ? '–' : String(r.concurrency);
		const over = noop && r.kind !== 'noop' && r.kind !== 'raw' && r.count === noop.count ? `${(r.peakRssMb - noop.peakRssMb).toFixed(0)} MB` : '–';
		const rate = r.kind === 'noop' ? '–' : r.perSecond.toFixed(0);
		console.log(`| ${r.kind} | ${r.count} | ${concurrency} | ${rate} | ${r.seconds.toFixed(2)} | ${r.requests} | ${r.peakRssMb.toFixed(0)} MB | ${r.peakHeapMb.toFixed(0)} MB | ${r.kind === 'raw' ? '–' : `${r.retainedHeapMb.toFixed(0)} MB`} | ${over} |`);
	}
	const node = find('node', 10000);
	const http = find('http-request-node', 10000);
	const raw = find('raw', 10000);
	const audience = find('audience', 10000);
	if (audience) console.log(`\naudience: 10000 profiles in ${audience.requests} requests, ${audience.seconds.toFixed(2)} s`);
	if (node && http && raw) {
		console.log(
			`bench: node=${node.perSecond.toFixed(0)}/s http-request-node=${http.perSecond.toFixed(0)}/s raw=${raw.perSecond.toFixed(0)}/s ratio=${(node.perSecond / http.perSecond).toFixed(2)}`,
		);
	}
}

void main();
