/**
 * Runs the Altcraft sandbox with demo data until Ctrl-C:
 *   npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--hook-url <URL> [--hook-batch 100] [--hook-wait 1]]
 * With --hook-url, every launch sends action-hook events (send, deliv) to that URL; POST
 * /sandbox/hooks/open or /click (see sandbox/hooks/control.ts) sends opens and clicks.
 */
import { parseArgs } from 'node:util';
import { demoData, startSandbox } from './index';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			'hook-url': { type: 'string' },
			'hook-batch': { type: 'string' },
			'hook-wait': { type: 'string' },
		},
	});
	const port = Number(values.port ?? 8787);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer from 0 to 65535');
	const hookUrl = values['hook-url'];
	const hooks = hookUrl
		? { url: hookUrl, batchSize: Number(values['hook-batch'] ?? 100), waitMs: Number(values['hook-wait'] ?? 1) * 1000 }
		: undefined;
	const sandbox = await startSandbox({ port, host: values.host, hooks });

	console.log(`Altcraft sandbox listening on ${sandbox.url}`);
	console.log(`API token: ${sandbox.token}`);
	console.log(`v1.1 launch: POST ${sandbox.url}/api/v1.1/campaigns/triggers/start/`);
	console.log('v1.0 trigger links (replace the last segment with an email, MD5 or XXHash):');
	// The first few: the demo account has over a thousand, to exercise the editor's pickers.
	for (const trigger of demoData.triggers.slice(0, 6)) {
		const note = !trigger.is_active
			? ' [inactive]'
			: trigger.type !== 'api_call'
				? ` [${trigger.type}, not launchable]`
				: '';
		console.log(`  ${trigger.id} ${trigger.name}${note}: ${sandbox.triggerLink(trigger.id)}`);
	}
	console.log(`  … ${demoData.triggers.length} trigger mailings in all.`);
	if (hooks)
		console.log(
			`Action hook: events of every launch go to ${hooks.url} (POST ${sandbox.url}/sandbox/hooks/click to click)`,
		);
	console.log('Ctrl-C to stop.');

	const stop = (): void => {
		console.log(
			`\nStopping: ${sandbox.stats.requests} requests, ${sandbox.stats.launches} launches, ${sandbox.stats.duplicates} duplicates.`,
		);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
