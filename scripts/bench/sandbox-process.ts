/** The sandbox in its own process (its own CPU core), answering the benchmark over IPC. */
import { startSandbox } from '../../sandbox';

async function main() {
	const sandbox = await startSandbox({ port: 0, keepHistory: false });
	process.on('message', (message: { type: string }) => {
		if (message.type === 'stats') process.send?.({ type: 'stats', stats: { ...sandbox.stats } });
		if (message.type === 'reset') {
			sandbox.reset();
			process.send?.({ type: 'reset' });
		}
		if (message.type === 'close') void sandbox.close().then(() => process.exit(0));
	});
	process.send?.({ type: 'ready', url: sandbox.url, token: sandbox.token });
}

void main();
