/**
 * Where the node's time goes: reads a V8 CPU profile of the "node" scenario and sums self time
 * by who owns the code (n8n's expression engine, n8n-core's HTTP stack, Node's networking, this
 * package, the engine, GC), so the numbers in the README can be reproduced.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

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
		'Node net/http/tls (a new connection per request)',
		(url) =>
			/^node:(net|_http|http|https|tls|dns|internal\/(net|http|stream|streams|dns))/.test(url) ||
			/^node:internal\/streams/.test(url),
	],
	['this package (dist)', (url) => /n8n-nodes-altcraft/.test(url)],
	['n8n engine (workflow-execute, contexts, node parameters)', (url) => /n8n-core|n8n-workflow/.test(url)],
	['module loading / tsx start-up', (url) => /node:internal\/modules|tsx|esbuild/.test(url)],
];

export function summarise(path: string): Array<[string, number]> {
	const profile = JSON.parse(readFileSync(path, 'utf8')) as {
		nodes: ProfileNode[];
		samples: number[];
		timeDeltas: number[];
	};
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		const frame = byId.get(id)!.callFrame;
		const bucket =
			BUCKETS.find(([, test]) => test(frame.url, frame.functionName))?.[0] ?? 'other (promises, timers, V8 built-ins)';
		totals.set(bucket, (totals.get(bucket) ?? 0) + profile.timeDeltas[index] / 1000);
	});
	return [...totals].sort((a, b) => b[1] - a[1]);
}
