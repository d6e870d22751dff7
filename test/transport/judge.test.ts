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

describe('judgeAnswer: strict about what a bulk answer holds', () => {
	const bulk: AltcraftRequest = { ...api, url: '/api/v1.1/campaigns/triggers/start_batch', resultList: true };
	const xml = { 'content-type': 'application/xml' };

	test.each([
		[
			'an object',
			'{"error":0,"error_text":"Successful operation","result":{"id":"6606e08f10bcdd88297057a7"}}',
			'an object',
		],
		['a number', '{"error":0,"error_text":"Successful operation","result":2}', 'the number 2'],
		['a text', '{"error":0,"error_text":"Successful operation","result":"6606e08f10bcdd88297057a7"}', 'the text'],
		[
			'a list of objects',
			'{"error":0,"error_text":"Successful operation","result":[{"a":1}]}',
			'a list holding an object',
		],
	])('a JSON result that is %s fails the request, never read as a one-element list', (_what, text, shown) => {
		const { failure, retryable } = failureOf(answer(200, text, json, bulk));
		expect(failure.message).toContain(`its result is ${shown}`);
		expect(failure.message).toContain('so the launch is not counted as sent');
		expect(failure.context.itemIndex).toBe(3);
		expect(retryable).toBe(false);
	});

	test('a list, an empty list, null (an empty list) and no result at all (the task variants) pass', () => {
		for (const result of ['["a","b"]', '[]', 'null']) {
			expect('response' in answer(200, `{"error":0,"result":${result}}`, json, bulk)).toBe(true);
		}
		expect('response' in answer(200, '{"error":0,"data":{"id":1001}}', json, bulk)).toBe(true);
		// Calls that are not bulk launches keep their own result.
		expect('response' in answer(200, '{"error":0,"result":{"a":1}}')).toBe(true);
	});

	test('XML: one <result> element is a one-element list, <result/> an empty one, by the parser rules', () => {
		const one = answer(200, '<xml><error>0</error><result>6606e08f10bcdd88297057a7</result></xml>', xml, bulk);
		expect(one).toMatchObject({ response: { body: { result: ['6606e08f10bcdd88297057a7'] } } });
		const none = answer(200, '<xml><error>0</error><result/></xml>', xml, bulk);
		expect(none).toMatchObject({ response: { body: { result: [] } } });
		const two = answer(200, '<xml><error>0</error><result>a</result><result>b</result></xml>', xml, bulk);
		expect(two).toMatchObject({ response: { body: { result: ['a', 'b'] } } });
	});

	test.each([
		['cut inside an element', '<xml><error>0</error><error_text>unclosed'],
		['cut after an element', '<xml><error>0</error>'],
		['with elements crossing', '<xml><error>0<error_text></error></error_text></xml>'],
	])('an XML answer %s is never a success', (_how, text) => {
		for (const request of [api, bulk]) {
			const { failure } = failureOf(answer(200, text, xml, request));
			expect(failure.message).toContain('with XML that could not be read');
		}
	});
});
