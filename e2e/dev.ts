/**
 * `npm run dev`: the Altcraft sandbox plus a real n8n editor with this package loaded, a sandbox
 * credential and the example workflows ready. Runs until Ctrl-C.
 *   npm run dev                          n8n 1.123.81 on http://127.0.0.1:5678, sandbox on :8787
 *   npm run dev -- --port 5680 --sandbox-port 8790
 *   npm run dev -- --fresh               start from an empty n8n user folder (new owner, examples re-imported)
 *   npm run dev -- --skip-build          use the dist/ that is there
 *   npm run dev -- --n8n 2               n8n 2.41.1 instead (also: oldest = 1.123.50 on Node 20)
 * The n8n user folder lives in .n8n-cache/dev-<version>/ and survives restarts: workflows you build
 * stay. The package is rebuilt and reinstalled, and the credential re-pointed at the sandbox, on
 * every start; the examples are imported when the folder is new (or with --fresh).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox';
import { makeLogDir, printLog, step } from '../devkit/n8n/log';
import { CACHE_DIR, InstallError, ensureN8n, makeHome, n8n, parseVersions } from '../devkit/n8n/install';
import { buildAndPack, installIntoUserFolder } from '../devkit/n8n/pkg';
import { onInterrupt } from '../devkit/n8n/proc';
import { activateWorkflow } from './lib/queue';
import { SANDBOX_OWNER, ensureOwner, startN8n } from './lib/server';
import { CREDENTIAL, credentialFile } from '../devkit/n8n/setup';
import { TRIGGER_EXAMPLE } from './lib/trigger';
import { listExamples, loadExample, pointLinksAt } from '../devkit/examples/workflows';
import { argValue } from './lib/args';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const [version] = parseVersions(argValue(args, 'n8n') ?? process.env.E2E_N8N ?? '1');
	const port = Number(argValue(args, 'port') ?? process.env.N8N_DEV_PORT ?? 5678);
	const sandboxPort = Number(argValue(args, 'sandbox-port') ?? 8787);
	const fresh = args.includes('--fresh');
	const logDir = makeLogDir('altcraft-dev');

	const sandbox = await startSandbox({ port: sandboxPort });
	let stopN8n: (() => Promise<void>) | undefined;
	let stopping = false;
	onInterrupt(async () => {
		stopping = true;
		await stopN8n?.();
		await sandbox.close();
		console.log(
			`Sandbox: ${sandbox.stats.requests} requests, ${sandbox.stats.launches} launches, ${sandbox.stats.duplicates} duplicates.`,
		);
	});
	step(`sandbox on ${sandbox.url} (token ${sandbox.token})`);

	try {
		const packed = await buildAndPack(path.join(logDir, 'pack'), logDir, { skipBuild: args.includes('--skip-build') });
		const install = await ensureN8n(version, logDir);
		const userFolder = path.join(CACHE_DIR, `dev-${version}`);
		if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
		const isNew = !fs.existsSync(path.join(userFolder, '.n8n'));
		const home = await makeHome(install, userFolder, logDir, {
			N8N_PORT: String(port),
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		});
		await installIntoUserFolder(packed, userFolder, logDir);
		const importDir = path.join(logDir, 'import');
		fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
		const creds = await n8n(
			home,
			['import:credentials', `--input=${credentialFile(importDir, sandbox)}`],
			'import-credentials',
		);
		if (creds.code !== 0) throw new InstallError('n8n import:credentials failed', creds.logFile);
		if (isNew) {
			for (const file of listExamples()) {
				const workflow = pointLinksAt(loadExample(file), sandbox.url);
				fs.writeFileSync(path.join(importDir, 'workflows', file), JSON.stringify(workflow, null, 2));
			}
			const imported = await n8n(
				home,
				['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`],
				'import-workflows',
			);
			if (imported.code !== 0) throw new InstallError('n8n import:workflow failed', imported.logFile);
		}
		// The trigger example receives the sandbox's action hooks: it must be active (production URL).
		const triggerExample = loadExample(TRIGGER_EXAMPLE);
		await activateWorkflow(home, triggerExample.id, path.join(logDir, 'activate-trigger.log'));
		const server = await startN8n(home, 'dev', ['start'], 300_000);
		const triggerWebhookId = triggerExample.nodes.find((node) => node.webhookId)?.webhookId;
		const hookUrl = `${server.url}/webhook/${String(triggerWebhookId)}/altcraft`;
		sandbox.hooks.register({ url: hookUrl, batchSize: 10, waitMs: 1000, successPattern: '.*OK.*' });
		stopN8n = () => server.stop();
		await ensureOwner(server.url);
		server.child.on('exit', (code) => {
			if (stopping) return;
			console.log(`n8n exited (${code}); its log: ${server.logFile}`);
			void sandbox.close().then(() => process.exit(1));
		});

		console.log('');
		console.log(`n8n ${version} editor:  ${server.url}`);
		console.log(`  login:           ${SANDBOX_OWNER.email} / ${SANDBOX_OWNER.password}`);
		console.log(`  credential:      "${CREDENTIAL.name}" (Altcraft API → ${sandbox.url})`);
		console.log(
			`  examples:        ${listExamples()
				.map((file) => `${server.url}/workflow/${loadExample(file).id}`)
				.join('\n                   ')}`,
		);
		console.log(`Altcraft sandbox: ${sandbox.url}  token ${sandbox.token}`);
		for (const trigger of [84, 96]) console.log(`  v1.0 link of trigger ${trigger}: ${sandbox.triggerLink(trigger)}`);
		console.log(`Action hook:      every launch sends send/deliv events to ${hookUrl}`);
		console.log(`  (the active example "${triggerExample.name}" runs for clicks and hard bounces;`);
		console.log(
			`   report a click: curl -X POST ${sandbox.url}/sandbox/hooks/click -H 'Content-Type: application/json' -d '{"email":"john@example.com"}')`,
		);
		console.log(`n8n user folder:  ${userFolder}   logs: ${logDir}`);
		console.log('Launches the sandbox receives are printed below. Ctrl-C to stop.\n');

		let shown = 0;
		setInterval(() => {
			for (; shown < sandbox.launches.length; shown++) {
				const launch = sandbox.launches[shown];
				const who =
					launch.target ??
					(launch.body?.custom_request ? `custom_request ${JSON.stringify(launch.body.custom_request)}` : '?');
				console.log(
					`[sandbox] v${launch.version} launch of trigger ${launch.triggerId} for ${who} → ${launch.profiles.length} profile(s)`,
				);
			}
			if (shown > sandbox.launches.length) shown = sandbox.launches.length; // reset() elsewhere
		}, 500);
	} catch (error) {
		console.error(`\n${(error as Error).message}`);
		if (error instanceof InstallError) printLog(error.logFile, 120);
		await stopN8n?.();
		await sandbox.close();
		process.exit(1);
	}
}

void main();
