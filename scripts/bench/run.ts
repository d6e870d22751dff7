/**
 * `npm run bench`: launches per second and peak memory of this node against n8n's HTTP Request
 * node and a plain keep-alive client, inside a real n8n (installed into the e2e cache when
 * missing), against the sandbox in its own process. A script, not a test: it measures and prints.
 *
 * Honest by construction:
 * - n8n's real credential path: the credential is imported into n8n's database and every run is
 *   `n8n execute`, so n8n reads and decrypts it as in production;
 * - only the execution is timed: n8n's own start time and execution time of the measured node
 *   (measure.ts), not process start-up or module loading;
 * - the machine is shared: every scenario runs several times, interleaved (the order rotates per
 *   round), and the medians are reported with their spread (min–max).
 *
 *   npm run bench [-- --rounds 3] [-- --items 10000] [-- --only batch,raw] [-- --profile [scenario]] [-- --install-only]
 *   env: E2E_CACHE_DIR (where n8n is installed), BENCH_N8N_VERSION, BENCH_CONCURRENCY
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CACHE_DIR, InstallError, PINS, ensureN8n, makeHome, type N8nHome } from '../../devkit/n8n/install';
import { buildAndPack } from '../../devkit/n8n/pkg';
import { prepareHome } from '../../devkit/n8n/setup';
import { measureRun, type Measurement } from './measure';
import { PACKAGE, summarise } from './profile';
import { SCENARIOS, benchWorkflow, type Kind } from './workflows';

const REPO = resolve(__dirname, '../..');
const VERSION = process.env.BENCH_N8N_VERSION ?? '1.123.50';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 5);

function flag(name: string): boolean {
	return process.argv.includes(`--${name}`);
}

function option(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at === -1 ? undefined : Number(process.argv[at + 1]);
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function optionList(name: string): string[] | undefined {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? undefined : (process.argv[at + 1] ?? '').split(',').filter((entry) => entry !== '');
}

type RunKind = Kind | 'raw';
const ORDER: RunKind[] = [
	'noop',
	'noop-plain',
	'node',
	'http-request-node',
	'http-token-body',
	'batch-code',
	'batch',
	'import-batch',
	'audience',
	'raw',
];
const BULK: RunKind[] = ['batch', 'batch-code', 'import-batch'];

interface Row extends Measurement {
	kind: RunKind;
	round: number;
	requests: number;
	perSecond: number;
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

/** Whether this build of the node has Launch Mode "batch" (bulk launch, built separately). */
function nodeHasBatchMode(): boolean {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Altcraft } = require(join(REPO, 'dist', 'nodes', 'Altcraft', 'Altcraft.node.js')) as {
		Altcraft: new () => { description: { properties: Array<{ name: string; options?: Array<{ value?: unknown }> }> } };
	};
	const launchMode = new Altcraft().description.properties.find((property) => property.name === 'launchMode');
	return (launchMode?.options ?? []).some((entry) => entry.value === 'batch');
}

function runRaw(count: number, url: string, token: string): Promise<Measurement> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(__dirname, 'raw-client.ts'), String(count), String(CONCURRENCY), url, token],
		{
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const out: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
	return new Promise((resolve, reject) =>
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`raw client failed (exit ${code})`));
			const result = JSON.parse(Buffer.concat(out).toString().trim().split('\n').pop()!) as {
				seconds: number;
				outputs: number;
				peakRssMb: number;
			};
			resolve({ ...result, failed: 0, startRssMb: 0 });
		}),
	);
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values: number[], digits = 0) =>
	values.length > 1 ? ` (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})` : '';

async function main() {
	if (!PINS[VERSION])
		throw new Error(`n8n ${VERSION} is not pinned in devkit/n8n/install.ts (pinned: ${Object.keys(PINS).join(', ')})`);
	const tmp = mkdtempSync(join(tmpdir(), 'altcraft-bench-'));
	console.log(
		`bench: n8n ${VERSION} from ${CACHE_DIR} (installed there first if missing: takes minutes; logs in ${tmp})`,
	);
	const install = await ensureN8n(VERSION, tmp);
	if (flag('install-only')) {
		console.log(`bench: n8n ${VERSION} is ready in ${install.dir}; \`npm run bench\` uses it.`);
		return;
	}
	const profiling = flag('profile');
	const rounds = profiling ? 1 : option('rounds', 3);
	const count = option('items', 10000);

	const packed = await buildAndPack(join(tmp, 'pack'), tmp);
	const sandbox = fork(join(__dirname, 'sandbox-process.ts'), [], {
		execPath: join(REPO, 'node_modules', '.bin', 'tsx'),
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const { url, token } = await new Promise<{ url: string; token: string }>((resolve) =>
		sandbox.once('message', (message: { url: string; token: string }) => resolve(message)),
	);
	try {
		const home: N8nHome = await makeHome(install, join(tmp, 'home'), tmp, {
			// Nothing is stored after a run: the bench reads the result from `--rawOutput`.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
		});
		const batch = nodeHasBatchMode();
		const kinds = (Object.keys(SCENARIOS) as Kind[]).filter((kind) => batch || !BULK.includes(kind));
		console.log(
			`bench: importing the package, the sandbox credential and ${kinds.length} workflows (${count} rows each) into ${home.userFolder}`,
		);
		await prepareHome(
			home,
			packed,
			{ url, token },
			kinds.map((kind) => ({
				id: SCENARIOS[kind].id,
				json: benchWorkflow(SCENARIOS[kind], count, { url, token }, CONCURRENCY),
			})),
		);
		if (!batch)
			console.log(
				"bench: batch scenario skipped: this build of the node has no Launch Mode 'batch' (bulk launch is not built yet)",
			);

		if (profiling) {
			// `--profile` profiles per item; `--profile batch` (or another scenario) that one.
			const at = process.argv.indexOf('--profile');
			const named = process.argv[at + 1] as Kind | undefined;
			const kind: Kind = named && named in SCENARIOS ? named : 'node';
			const perItem: number[] = [];
			let last: Array<[string, number]> = [];
			for (let round = 1; round <= option('rounds', 1); round++) {
				const dir = join(tmp, `profile-${round}`);
				await ask(sandbox, 'reset');
				const run = await measureRun(home, SCENARIOS[kind].id, `profile-${kind}-${round}`, [
					'--cpu-prof',
					`--cpu-prof-dir=${dir}`,
				]);
				// n8n may run helper processes: the busiest profile is the one that ran the workflow.
				last = readdirSync(dir)
					.map((name) => summarise(join(dir, name)))
					.sort((a, b) => b.reduce((s, [, ms]) => s + ms, 0) - a.reduce((s, [, ms]) => s + ms, 0))[0];
				const own = last.find(([bucket]) => bucket === PACKAGE)?.[1] ?? 0;
				perItem.push((own * 1000) / count);
				console.log(
					`${kind}: ${count} items in ${run.seconds.toFixed(2)} s (${(count / run.seconds).toFixed(0)}/s); this package's own CPU ${own.toFixed(0)} ms = ${((own * 1000) / count).toFixed(1)} µs per item`,
				);
			}
			const all = last.reduce((sum, [, ms]) => sum + ms, 0);
			console.log(
				`\nCPU profile of the whole \`n8n execute\` process (start-up included: see its rows), by owner, built-ins charged to their caller:`,
			);
			console.log(`| where | ms | share |\n|---|---:|---:|`);
			for (const [bucket, ms] of last)
				console.log(`| ${bucket} | ${ms.toFixed(0)} | ${((ms / all) * 100).toFixed(1)} % |`);
			console.log(
				`\nbench: profile ${kind} own-cpu-per-item=${median(perItem).toFixed(1)}µs${spread(perItem, 1)} (${perItem.length} runs, n8n ${VERSION}, ${count} items)`,
			);
			return;
		}

		const rows: Row[] = [];
		const brokenRuns: string[] = [];
		// `--only batch,raw`: these scenarios alone (the no-op baselines always run: RSS is measured over them).
		const only = optionList('only');
		const order = ORDER.filter(
			(kind) =>
				(kind === 'raw' || kinds.includes(kind)) &&
				(!only || only.includes(kind) || kind === 'noop' || kind === 'noop-plain'),
		);
		for (let round = 1; round <= rounds; round++) {
			// Interleaved: each round starts one scenario later, so no scenario always runs first or last.
			const shift = (round - 1) % order.length;
			for (const kind of [...order.slice(shift), ...order.slice(0, shift)]) {
				await ask(sandbox, 'reset');
				let measurement: Measurement;
				try {
					measurement =
						kind === 'raw'
							? await runRaw(count, url, token)
							: await measureRun(home, SCENARIOS[kind].id, `round${round}-${kind}`);
				} catch (error) {
					// One broken run must not cost the others: it is reported and left out of the medians.
					brokenRuns.push(`round ${round} ${kind}: ${(error as Error).message}`);
					console.log(`round ${round}  ${kind.padEnd(18)} run failed: ${(error as Error).message}`);
					continue;
				}
				const requests = (await ask<{ stats: { requests: number } }>(sandbox, 'stats')).stats.requests;
				const row: Row = { ...measurement, kind, round, requests, perSecond: count / measurement.seconds };
				rows.push(row);
				const failures = row.failed > 0 ? `  ${row.failed} FAILED, e.g. ${row.firstError}` : '';
				console.log(
					`round ${round}  ${kind.padEnd(18)} ${row.perSecond.toFixed(0).padStart(7)}/s  ${row.seconds.toFixed(2).padStart(6)} s  requests ${String(requests).padStart(5)}  peak RSS ${row.peakRssMb.toFixed(0)} MB${failures}`,
				);
			}
		}

		const of = (kind: RunKind) => rows.filter((row) => row.kind === kind);
		// Each scenario's peak over the no-op workflow fed by the same kind of rows, in the same round.
		const noopPeak = (kind: RunKind, round: number) => {
			const baseline = kind !== 'raw' && SCENARIOS[kind].rows === 'plain' ? 'noop-plain' : 'noop';
			return of(baseline).find((row) => row.round === round)?.peakRssMb;
		};
		console.log(
			`\n${rounds} rounds, interleaved; median (min–max). ${count} items, concurrency ${CONCURRENCY}, n8n ${VERSION}.\n`,
		);
		console.log('| scenario | launches/s | seconds | requests | peak RSS | peak RSS over no-op workflow |');
		console.log('|---|---:|---:|---:|---:|---:|');
		for (const kind of order) {
			const runs = of(kind);
			if (runs.length === 0) continue;
			const rates = runs.map((row) => row.perSecond);
			const overs = runs
				.filter((row) => noopPeak(kind, row.round) !== undefined)
				.map((row) => row.peakRssMb - noopPeak(kind, row.round)!);
			const label = kind === 'raw' ? 'raw keep-alive client, one request per profile (no n8n)' : SCENARIOS[kind].label;
			const baseline = kind === 'noop' || kind === 'noop-plain';
			const rate = baseline ? '–' : `${median(rates).toFixed(0)}${spread(rates)}`;
			const over =
				baseline || kind === 'raw' || overs.length === 0 ? '–' : `${median(overs).toFixed(0)} MB${spread(overs)}`;
			const seconds = runs.map((row) => row.seconds);
			const peaks = runs.map((row) => row.peakRssMb);
			console.log(
				`| ${label} | ${rate} | ${median(seconds).toFixed(2)}${spread(seconds, 2)} | ${median(runs.map((row) => row.requests))} | ${median(peaks).toFixed(0)} MB${spread(peaks)} | ${over} |`,
			);
		}
		const rate = (kind: RunKind) => (of(kind).length > 0 ? median(of(kind).map((row) => row.perSecond)) : undefined);
		const shown = (value: number | undefined, unit = '/s') =>
			value === undefined ? 'skipped' : `${value.toFixed(0)}${unit}`;
		const ratio = (a: number | undefined, b: number | undefined) =>
			a === undefined || b === undefined ? 'skipped' : (a / b).toFixed(2);
		const node = rate('node');
		const httpRates = [rate('http-request-node'), rate('http-token-body')].filter((value) => value !== undefined);
		// Against what a user would pick instead: the faster of the two HTTP Request node setups.
		const http = httpRates.length > 0 ? Math.max(...httpRates) : undefined;
		const raw = rate('raw');
		const bulk = rate('batch');
		const failed = rows.filter((row) => row.failed > 0 || row.outputs === 0);
		if (failed.length > 0)
			console.log(`\nbench: ${failed.length} runs had failed items (see above): their rates do not count as launches`);
		if (brokenRuns.length > 0)
			console.log(
				`\nbench: ${brokenRuns.length} runs failed and are left out of the medians:\n  ${brokenRuns.join('\n  ')}`,
			);
		console.log(
			`bench: node=${shown(node)} batch=${shown(bulk)} import-batch=${shown(rate('import-batch'))} http-fastest=${shown(http)} raw=${shown(raw)} ratio=${ratio(node, http)} batch-ratio=${ratio(bulk, http)} batch-vs-raw=${ratio(bulk, raw)}`,
		);
	} finally {
		sandbox.send({ type: 'close' });
	}
}

main().catch((error: Error) => {
	console.error(`bench: ${error.message}`);
	if (error instanceof InstallError) console.error(`bench: install log: ${error.logFile}`);
	process.exit(1);
});
