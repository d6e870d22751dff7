/**
 * End-to-end test of the packed package in real n8n, headless:
 *   npm run test:e2e                        every pinned n8n: 1.123.81 and 2.41.1 (Node 24), 1.123.50 (Node 20)
 *   npm run test:e2e -- --n8n 1             one of them (1 = newest 1.x, 2, oldest, all, or a version; env E2E_N8N)
 *   npm run test:e2e -- --only xml          only examples whose file name contains "xml"
 *   npm run test:e2e -- --queue-only        only the queue-mode run (--only skips it unless --queue is given)
 *   npm run test:e2e -- --no-queue          without the queue-mode run (Redis + main + 2 workers; env E2E_QUEUE=0)
 *   npm run test:e2e -- --skip-build        pack the dist/ that is there
 *   npm run test:e2e -- --keep              keep the temp folder (n8n user folders, logs)
 *
 * Per version: install n8n into .n8n-cache/ (reused while it matches the pin), install the packed
 * tarball as a community package, start the Altcraft sandbox in this process, import a credential
 * pointing at it, import every example (triggers that `n8n execute` cannot start from replaced by a
 * Manual Trigger, see devkit/examples/workflows.ts), run each with `n8n execute --id`, check the node's output
 * and what the sandbox received. Also checks that the screenshots in docs/screenshots/ were taken
 * from the node description just packed (CI runs this suite, `npm test` does not check that).
 * Prints a PASS/FAIL table and "N passed, M failed".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox';
import { Failures, SPECS, commonChecks, crashedAfterFinishedRun, specFor } from '../devkit/examples/checks';
import { makeLogDir, printLog, step } from '../devkit/n8n/log';
import {
	CACHE_DIR,
	InstallError,
	PINS,
	ensureN8n,
	makeHome,
	n8n,
	parseRunOutput,
	parseVersions,
} from '../devkit/n8n/install';
import { buildAndPack, NODE_TYPE, type Packed } from '../devkit/n8n/pkg';
import { onInterrupt } from '../devkit/n8n/proc';
import { runQueueMode } from './lib/queue';
import { printFailures, printTable, type Row } from './lib/report';
import { screenshotsRow } from './lib/screenshots';
import { prepareHome } from '../devkit/n8n/setup';
import { TRIGGER_EXAMPLE, runTriggerChecks, runTriggerQueueMode } from './lib/trigger';
import { forManualRun, listExamples, loadExample, pointLinksAt, unknownNodeTypes } from '../devkit/examples/workflows';

interface Args {
	versions: string[];
	only?: string;
	queue: boolean;
	queueOnly: boolean;
	skipBuild: boolean;
	keep: boolean;
}

function parseArgs(argv: string[]): Args {
	const value = (name: string): string | undefined => {
		const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
		if (inline) return inline.slice(name.length + 3);
		const at = argv.indexOf(`--${name}`);
		return at === -1 ? undefined : argv[at + 1];
	};
	const known = ['--n8n', '--only', '--queue', '--queue-only', '--no-queue', '--skip-build', '--keep'];
	const unknown = argv.filter((arg) => arg.startsWith('--') && !known.includes(arg.split('=')[0]));
	if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(', ')}: use ${known.join(', ')}`);
	const flag = (name: string, env?: string) =>
		argv.includes(`--${name}`) || (env !== undefined && /^(1|true|yes)$/i.test(process.env[env] ?? ''));
	return {
		versions: parseVersions(value('n8n') ?? process.env.E2E_N8N),
		only: value('only') ?? process.env.E2E_ONLY,
		queue:
			argv.includes('--queue') ||
			argv.includes('--queue-only') ||
			(!argv.includes('--no-queue') &&
				!/^(0|false|no)$/i.test(process.env.E2E_QUEUE ?? '') &&
				!(value('only') ?? process.env.E2E_ONLY)),
		queueOnly: argv.includes('--queue-only'),
		skipBuild: flag('skip-build', 'E2E_SKIP_BUILD'),
		keep: flag('keep', 'E2E_KEEP'),
	};
}

async function runVersion(
	version: string,
	args: Args,
	packed: Packed,
	sandbox: Sandbox,
	tmp: string,
	files: string[],
): Promise<Row[]> {
	const logDir = path.join(tmp, `n8n-${version}`);
	fs.mkdirSync(logDir, { recursive: true });
	const rows: Row[] = [];
	const setupFailure = (message: string, logs: string[]): Row[] =>
		files.map((file) => ({
			version,
			example: file,
			ok: false,
			seconds: 0,
			launches: '-',
			failures: [`setup: ${message}`],
			logs,
		}));

	let install;
	try {
		install = await ensureN8n(version, logDir);
	} catch (error) {
		const logs = error instanceof InstallError ? [error.logFile] : [];
		step(`n8n ${version}: ${(error as Error).message}`);
		return setupFailure((error as Error).message, logs);
	}
	const home = await makeHome(install, path.join(logDir, 'home'), logDir);
	const examples = files.map((file) => ({ file, original: loadExample(file) }));
	try {
		step(`n8n ${version}: installing the package, importing the credential and ${examples.length} workflows`);
		await prepareHome(
			home,
			packed,
			sandbox,
			examples.map(({ original }) => ({
				id: original.id,
				json: pointLinksAt(forManualRun(original).workflow, sandbox.url),
			})),
		);
	} catch (error) {
		const logs = error instanceof InstallError ? [error.logFile] : [];
		step(`n8n ${version}: ${(error as Error).message}`);
		return setupFailure((error as Error).message, logs);
	}

	for (const { file, original } of examples) {
		const spec = specFor(file);
		const failures = new Failures();
		const { workflow, rewritten } = forManualRun(original);
		if (rewritten.length > 0) step(`n8n ${version}: ${file}: ${rewritten.join(', ')} → Manual Trigger + sample data`);
		for (const missing of unknownNodeTypes(original, install.dir, NODE_TYPE))
			failures.add(`n8n ${version} does not know ${missing}`);
		sandbox.reset();
		const result = await n8n(home, ['execute', `--id=${original.id}`, '--rawOutput'], `execute-${file}`);
		const evidence = {
			workflow,
			run: parseRunOutput(result.stdout),
			exitCode: result.code,
			signal: result.signal,
			toleratedExitSignal: PINS[version]?.crashesOnExit,
			stdout: result.stdout,
			stderr: result.stderr,
			sandbox,
		};
		if (crashedAfterFinishedRun(evidence))
			step(
				`n8n ${version}: ${file}: n8n exited with ${result.signal} after the run finished (known for this version: PINS in devkit/n8n/install.ts)`,
			);
		if (!spec) failures.add('no expectations for this example in devkit/examples/checks.ts');
		else {
			commonChecks(spec, evidence, failures);
			if (evidence.run) {
				try {
					spec.check(evidence, failures);
				} catch (error) {
					failures.add(`check threw: ${(error as Error).message}`);
				}
			}
		}
		if (result.timedOut) failures.add('n8n execute timed out');
		const row: Row = {
			version,
			example: file,
			ok: failures.list.length === 0,
			seconds: result.ms / 1000,
			launches: sandbox.launches.length,
			failures: failures.list,
			logs: [result.logFile],
		};
		step(
			`n8n ${version}: ${file}: ${row.ok ? 'PASS' : 'FAIL'} (${row.seconds.toFixed(1)} s, ${row.launches} launches)`,
		);
		rows.push(row);
	}
	if (!args.only || TRIGGER_EXAMPLE.includes(args.only)) {
		step(`n8n ${version}: Altcraft Trigger in a running n8n (n8n start, action hooks from the sandbox)`);
		const triggerHome = await makeHome(install, path.join(logDir, 'home-trigger'), logDir);
		rows.push(await runTriggerChecks({ home: triggerHome, packed, sandbox }));
	}
	return rows;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const tmp = makeLogDir('altcraft-e2e');
	step(`logs and n8n user folders: ${tmp}; n8n cache: ${CACHE_DIR}`);
	step(`n8n versions: ${args.versions.join(', ')}${args.queue ? ' + queue mode' : ''}`);
	// The trigger example runs in a running n8n with real action hooks (lib/trigger.ts), not with `n8n execute`
	// (npm test runs its branches from its pinned events: its entry in devkit/examples/checks.ts).
	const files = args.queueOnly
		? []
		: listExamples().filter((file) => file !== TRIGGER_EXAMPLE && (!args.only || file.includes(args.only)));
	const unknown = files.filter((file) => !specFor(file));
	if (unknown.length > 0) step(`warning: examples without expectations: ${unknown.join(', ')}`);
	const missing = args.queueOnly
		? []
		: SPECS.filter(
				(spec) =>
					spec.file !== TRIGGER_EXAMPLE && !files.includes(spec.file) && (!args.only || spec.file.includes(args.only)),
			);
	const sandbox = await startSandbox();
	onInterrupt(() => sandbox.close());
	step(`sandbox on ${sandbox.url}`);
	const rows: Row[] = missing.map((spec) => ({
		version: '-',
		example: spec.file,
		ok: false,
		seconds: 0,
		launches: '-',
		failures: ['the example file is missing from examples/'],
		logs: [],
	}));
	try {
		let packed: Packed;
		try {
			packed = await buildAndPack(path.join(tmp, 'pack'), tmp, { skipBuild: args.skipBuild });
		} catch (error) {
			console.log(`\n${(error as Error).message}`);
			if (error instanceof InstallError) printLog(error.logFile, 120);
			console.log('\n0 passed, 1 failed');
			process.exitCode = 1;
			return;
		}
		rows.push(screenshotsRow('-'));
		for (const version of args.queueOnly ? [] : args.versions) {
			const versionStart = Date.now();
			rows.push(...(await runVersion(version, args, packed, sandbox, tmp, files)));
			step(`n8n ${version}: done in ${((Date.now() - versionStart) / 1000).toFixed(0)} s`);
		}
		if (args.queue) {
			// One version is enough for queue mode: the first one asked for.
			const queueRow = await runQueueMode({ packed, sandbox, tmp, version: args.versions[0] });
			if (queueRow) rows.push(queueRow);
			const triggerQueueRow = await runTriggerQueueMode({ packed, sandbox, tmp, version: args.versions[0] });
			if (triggerQueueRow) rows.push(triggerQueueRow);
		}
	} finally {
		await sandbox.close();
	}
	printTable(rows);
	printFailures(rows);
	const passed = rows.filter((row) => row.ok).length;
	const failed = rows.length - passed;
	step(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
	if (!args.keep && failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
	else step(`kept ${tmp}`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed === 0 ? 0 : 1;
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
}
