/**
 * The ceiling: a plain keep-alive Node client sending the same launches as the node, in its own
 * process, no n8n. Prints one JSON line: how long the sends took and the process's peak RSS.
 */
import { Agent, request } from 'node:http';

const [countText, concurrencyText, url, token] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);

let peakRss = 0;
const sample = () => {
	peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const sampler = setInterval(sample, 10);

async function main() {
	const emails = Array.from({ length: count }, (_, i) => `user${i}@bench.example.com`);
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const target = new URL('/api/v1.1/campaigns/triggers/start/', url);
	const one = (email: string, index: number) =>
		new Promise<void>((resolve, reject) => {
			const body = JSON.stringify({ token, id: 84, matching: 'email', email });
			const headers = {
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(body),
				'Request-ID': `raw-${process.pid}-${index}`,
			};
			const req = request(target, { method: 'POST', agent, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const answer = JSON.parse(Buffer.concat(chunks).toString()) as { error: number };
					if (answer.error !== 0) reject(new Error(JSON.stringify(answer)));
					else resolve();
				});
			});
			req.on('error', reject);
			req.end(body);
		});
	sample();
	const started = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < emails.length) {
				const index = next++;
				await one(emails[index], index);
			}
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	agent.destroy();
	sample();
	clearInterval(sampler);
	process.stdout.write(`${JSON.stringify({ seconds, outputs: count, peakRssMb: peakRss / 2 ** 20 })}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
