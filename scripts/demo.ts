/**
 * `npm start`: no n8n install and no Altcraft account needed. Starts the Altcraft sandbox, runs a
 * workflow (Manual Trigger with three customers → Altcraft "Launch", one launch per item) through
 * n8n's execution engine with the built package from dist/, and prints what was launched.
 */
import '../devkit/engine/env';
import { Container } from '@n8n/di';
import { createEngine } from '../devkit/engine/core';
import { startSandbox } from '../sandbox';
import { join, resolve } from 'node:path';

async function main() {
	// Loaded after the environment is set (n8n-core reads it when it loads), and as CommonJS, the
	// build n8n itself loads.
	const core = require('n8n-core') as typeof import('n8n-core');
	const workflow = require('n8n-workflow') as typeof import('n8n-workflow');
	const { SSHClientsManager } =
		require('n8n-core/dist/execution-engine/ssh-clients-manager') as typeof import('n8n-core/dist/execution-engine/ssh-clients-manager');
	const dist = resolve(__dirname, '..', 'dist');
	const { Altcraft } = require(join(dist, 'nodes/Altcraft/Altcraft.node.js'));
	const { AltcraftApi } = require(join(dist, 'credentials/AltcraftApi.credentials.js'));

	const sandbox = await startSandbox();
	const engine = createEngine(
		{ core, workflow, stopBackgroundWork: () => Container.get(SSHClientsManager).onShutdown() },
		{ node: new Altcraft(), credential: new AltcraftApi() },
	);
	console.log(`Altcraft sandbox at ${sandbox.url} (token ${sandbox.token})\n`);

	const customers = [
		{ email: 'john@example.com', name: 'John', lastOrder: 'A-1001' },
		{ email: 'jane@example.com', name: 'Jane', lastOrder: 'A-1002' },
		{ email: 'ivan+news@example.org', name: 'Ivan', lastOrder: 'A-1003' },
	];
	console.log(
		'Workflow: Manual Trigger (3 customers) → Altcraft: Launch trigger mailing 84 "Welcome series", one launch per item',
	);
	const result = await engine.runWorkflow({
		parameters: {
			resource: 'triggerMailing',
			operation: 'launch',
			triggerMailing: { __rl: true, mode: 'list', value: '84' },
			matching: 'email',
			email: '={{ $json.email }}',
			content: 'fields',
			contentValues: {
				values: [
					{ name: 'first_name', value: '={{ $json.name }}' },
					{ name: 'order', value: '={{ $json.lastOrder }}' },
				],
			},
			options: { idempotencyKey: '={{ $json.lastOrder }}' },
		},
		items: customers.map((json) => ({ json })),
		credentials: { apiUrl: sandbox.url, apiToken: sandbox.token },
	});
	if (result.error) throw new Error(`The workflow failed: ${result.error.message}`);

	console.log('\nWhat the sandbox received:');
	for (const request of sandbox.requests) {
		const { token, ...body } = request.body as Record<string, unknown>;
		console.log(
			`  ${request.method} ${request.path}  Request-ID: ${request.requestId}  token: ${token === sandbox.token ? '✓' : '✗'}`,
		);
		console.log(`    ${JSON.stringify(body)}`);
	}
	console.log('\nWhat the node output (one item per input item, paired):');
	for (const item of result.items)
		console.log(`  ${JSON.stringify(item.json)}  ← item ${JSON.stringify(item.pairedItem)}`);
	console.log(`\n${sandbox.launches.length} trigger mailings launched.`);

	await sandbox.close();
	engine.shutdown();
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
