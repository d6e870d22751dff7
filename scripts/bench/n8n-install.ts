/**
 * Where the benchmark finds a real n8n: the e2e cache folder (.n8n-cache/n8n-<version>), and how
 * it loads its modules so the package node and n8n's own nodes share one n8n-core/n8n-workflow.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const N8N_VERSION = process.env.BENCH_N8N_VERSION ?? '1.123.50';
export const N8N_DIR = join(REPO, '.n8n-cache', `n8n-${N8N_VERSION}`);

export function n8nInstalled(): boolean {
	return existsSync(join(N8N_DIR, 'node_modules', 'n8n-nodes-base', 'package.json'));
}

/** The built package placed inside the n8n tree, so its `require('n8n-workflow')` resolves to n8n's copy. */
export function placePackage(): string {
	const target = join(N8N_DIR, 'bench', 'node_modules', 'n8n-nodes-altcraft');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(REPO, 'dist'), join(target, 'dist'), { recursive: true });
	cpSync(join(REPO, 'package.json'), join(target, 'package.json'));
	return target;
}

export function n8nRequire() {
	return createRequire(join(N8N_DIR, 'package.json'));
}
