/**
 * Calls to the sandbox over real HTTP for the contracts of the calls no node operation makes yet
 * (profiles, subscriptions, goals, scenarios, segments): one sandbox per file, reset before each test.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import type { DocPage } from '../../sandbox/fixtures';

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

let requestCounter = 0;

export function useApi() {
	const state = {} as { sandbox: Sandbox };
	beforeAll(async () => {
		state.sandbox = await startSandbox();
	});
	beforeEach(() => state.sandbox.reset());
	afterAll(() => state.sandbox.close());

	/** POSTs a JSON body with the sandbox token (unless it has one) and a fresh Request-ID (unless given). */
	async function post(
		path: string,
		body: Record<string, unknown>,
		headers: Record<string, string> = {},
	): Promise<Answer> {
		return send(path, JSON.stringify({ token: state.sandbox.token, ...body }), 'application/json', headers);
	}

	async function postXml(path: string, xml: string, headers: Record<string, string> = {}): Promise<Answer> {
		return send(
			path,
			xml.replace(/<token>[^<]*<\/token>/, `<token>${state.sandbox.token}</token>`),
			'application/xml',
			headers,
		);
	}

	async function send(
		path: string,
		body: string,
		contentType: string,
		headers: Record<string, string>,
	): Promise<Answer> {
		const response = await fetch(state.sandbox.url + path, {
			method: 'POST',
			headers: { 'Content-Type': contentType, 'Request-ID': `contract-${++requestCounter}`, ...headers },
			body,
		});
		const text = await response.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** The documented JSON request example with our token. */
	const documented = (page: DocPage): Record<string, unknown> => ({
		...(JSON.parse(page.request!.json!) as Record<string, unknown>),
		token: state.sandbox.token,
	});

	return Object.assign(state, { post, postXml, documented });
}

/** An XML document without the whitespace between elements, for comparing with a documented example. */
export const compactXml = (xml: string) =>
	xml
		.replace(/<\?xml[^>]*\?>/, '')
		.replace(/>\s+</g, '><')
		.trim();

export const SUCCESS = { error: 0, error_text: 'Successful operation' };
