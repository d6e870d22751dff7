/**
 * Where the node's time goes: reads a V8 CPU profile of one scenario and sums its samples by who
 * owns the code (n8n's expression engine, n8n-core's HTTP stack, Node's networking, this package,
 * the engine, GC), so the numbers in CONTRIBUTING can be reproduced.
 *
 * A sample is charged to the nearest frame on its stack that has a source file: V8's built-ins
 * (JSON.stringify, hashing, array sorts) count for whoever called them. The package's share is
 * therefore its own CPU, built-ins included, and nothing that n8n does for it (parameter reads,
 * expressions, the HTTP helper), which is charged to n8n.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

export const PACKAGE = 'this package (dist)';
const MODULES = 'module loading / start-up';

const BUCKETS: Array<[string, (url: string, fn: string) => boolean]> = [
	['garbage collection', (_url, fn) => fn === '(garbage collector)'],
	['idle (waiting for the sandbox)', (_url, fn) => fn === '(idle)' || fn === '(program)'],
	[
		'n8n expressions (luxon, tournament, expression.js, workflow-data-proxy)',
		(url) => /luxon|@n8n\/tournament|expression|workflow-data-proxy|jssha|lodash/.test(url),
	],
	[
		'n8n-core HTTP helper + axios, follow-redirects, proxy agents',
		(url) =>
			/axios|follow-redirects|proxy-from-env|https?-proxy-agent|agent-base|request-helper-functions|form-data|combined-stream/.test(
				url,
			),
	],
	[
		'Node net/http/tls',
		(url) =>
			/^node:(net|_http|http|https|tls|dns|internal\/(net|http|stream|streams|dns))/.test(url) ||
			/^node:internal\/streams/.test(url),
	],
	[PACKAGE, (url) => /n8n-nodes-altcraft/.test(url)],
	['n8n engine (workflow-execute, contexts, node parameters)', (url) => /n8n-core|n8n-workflow|@n8n\//.test(url)],
	[MODULES, (url) => /node:internal\/modules|tsx|esbuild/.test(url)],
];

const isModuleLoading = (url: string) => /node:internal\/modules/.test(url);

export function summarise(path: string): Array<[string, number]> {
	const profile = JSON.parse(readFileSync(path, 'utf8')) as {
		nodes: ProfileNode[];
		samples: number[];
		timeDeltas: number[];
	};
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const ownerCache = new Map<number, string>();
	const ownerOf = (id: number): string => {
		const cached = ownerCache.get(id);
		if (cached) return cached;
		const { url, functionName } = byId.get(id)!.callFrame;
		let owner: string;
		const direct = BUCKETS.find(([, test]) => test(url, functionName))?.[0];
		if (direct === PACKAGE) {
			// The package's module body runs while n8n loads it: start-up, not work per item.
			let up = parent.get(id);
			while (up !== undefined && !isModuleLoading(byId.get(up)!.callFrame.url)) up = parent.get(up);
			owner = up === undefined ? PACKAGE : MODULES;
		} else if (direct) owner = direct;
		else if (url === '' && parent.has(id)) owner = ownerOf(parent.get(id)!);
		else owner = 'other (promises, timers, V8 built-ins)';
		ownerCache.set(id, owner);
		return owner;
	};
	const totals = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		const owner = ownerOf(id);
		totals.set(owner, (totals.get(owner) ?? 0) + profile.timeDeltas[index] / 1000);
	});
	return [...totals].sort((a, b) => b[1] - a[1]);
}
