import { NodeApiError, type INode } from 'n8n-workflow';
import { judgeAnswer, judgeRedirect, judgeTooLarge } from '../../nodes/Altcraft/transport/judge';
import type { AltcraftRequest, Attempt } from '../../nodes/Altcraft/transport/types';

const node: INode = {
	id: '1',
	name: 'Altcraft',
	type: 'n8n-nodes-altcraft.altcraft',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const api: AltcraftRequest = { method: 'POST', url: '/api/v1.1/campaigns/triggers/start/', itemIndex: 3 };
const link: AltcraftRequest = { method: 'GET', url: 'https://trk.example.org/trg/abc/x', retrySafeOnly: true };
const url = 'https://example.altcraft.com/api/v1.1/campaigns/triggers/start/';
const json = { 'content-type': 'application/json' };

const answer = (status: number, text: string, headers: Record<string, string> = json, request = api) =>
	judgeAnswer(node, request, url, { status, headers, text });

function failureOf(attempt: Attempt) {
	if (!('failure' in attempt)) throw new Error(`expected a failure, got ${JSON.stringify(attempt)}`);
	return attempt;
}

describe('judgeAnswer: what an answer means', () => {
	test('error 0 with HTTP 200 is a success, marked duplicate when Altcraft says so', () => {
		const attempt = answer(200, '{"error":0,"error_text":"Successful operation","data":{}}', {
			...json,
			'duplicate-request': 'true',
		});
		expect(attempt).toEqual({
			response: { status: 200, body: { error: 0, error_text: 'Successful operation', data: {} }, duplicate: true },
		});
	});

	test('an Altcraft error inside HTTP 200 is a failure that is not retried', () => {
		const { failure, retryable } = failureOf(answer(200, '{"error":404,"error_text":"Trigger not found"}'));
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(failure.message).toBe('Altcraft error 404: Trigger not found');
		expect(failure.context.itemIndex).toBe(3);
		expect(retryable).toBe(false);
	});

	test('a 503 from a proxy is retried after its Retry-After', () => {
		const attempt = failureOf(answer(503, '<html>busy</html>', { 'content-type': 'text/html', 'retry-after': '7' }));
		expect(attempt.retryable).toBe(true);
		expect(attempt.retryAfterMs).toBe(7000);
		expect(attempt.failure.message).toContain('with an HTML page');
	});

	test('a 502 is retried for the API but not for a trigger link, where only unprocessed failures are', () => {
		expect(failureOf(answer(502, '')).retryable).toBe(true);
		expect(failureOf(answer(502, '', {}, link)).retryable).toBe(false);
		expect(failureOf(answer(503, '', {}, link)).retryable).toBe(true);
	});

	test('a non-numeric error code is never counted as sent', () => {
		const { failure } = failureOf(answer(200, '{"error":"ok"}'));
		expect(failure.message).toContain('is not a number, so the launch is not counted as sent');
	});

	test("a trigger link's plain 2xx counts as success, but an HTML page does not", () => {
		const plain = judgeAnswer(node, { ...link, acceptPlainSuccess: true }, url, {
			status: 200,
			headers: { 'content-type': 'text/plain' },
			text: 'OK',
		});
		expect(plain).toEqual({ response: { status: 200, body: { httpStatus: 200, response: 'OK' }, duplicate: false } });
		const html = judgeAnswer(node, { ...link, acceptPlainSuccess: true }, url, {
			status: 200,
			headers: { 'content-type': 'text/html' },
			text: '<html>login</html>',
		});
		expect('failure' in html).toBe(true);
	});
});

describe('judgeRedirect and judgeTooLarge', () => {
	const redact = (text: string) => text.replace('SECRET', '***');

	test('a 3xx is a failure naming the target (token taken out), never retried; other statuses pass', () => {
		const head = { status: 302, headers: { location: 'https://other.example/?t=SECRET' } };
		const { failure, retryable } = failureOf(judgeRedirect(node, api, url, head, redact) as Attempt);
		expect(failure.message).toBe(
			'The API URL redirects to https://other.example/?t=*** (HTTP 302): enter the final URL in the credential',
		);
		expect(retryable).toBe(false);
		expect(judgeRedirect(node, api, url, { status: 200, headers: {} }, redact)).toBeUndefined();
	});

	test('an answer over the cap is not an Altcraft answer', () => {
		const { failure, retryable } = failureOf(judgeTooLarge(node, api, url, 200, 1024 * 1024));
		expect(failure.message).toContain('with an answer larger than 1024 KB, which is not an Altcraft answer');
		expect(retryable).toBe(false);
	});
});
