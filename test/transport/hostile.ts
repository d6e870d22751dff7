/**
 * Small HTTP servers that behave the way a hostile or broken server would: each test gives the
 * handler, the server records what it received (method, URL, headers, body) so a test can prove
 * that nothing (no token) reached it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface Hostile {
	url: string;
	hostPort: string;
	received: Received[];
	handle(handler: Handler): void;
	close(): Promise<void>;
}

export async function startHostile(): Promise<Hostile> {
	let handler: Handler = (_req, res) => res.end('{"error":0}');
	const received: Received[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			handler(req, res, body);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hostPort: `127.0.0.1:${port}`,
		received,
		handle(next) {
			handler = next;
			received.length = 0;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** JSON with the given status. */
export const answer =
	(status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
	(_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
