import { applyToken } from '../../nodes/Altcraft/transport/token';
import { normalizeApiUrl } from '../../nodes/Altcraft/transport/apiUrl';
import { retryWaitMs } from '../../nodes/Altcraft/transport/retry';
import { buildXml, parseXml, XmlShapeError } from '../../nodes/Altcraft/helpers/xml';
import { prependToXmlRoot } from '../../nodes/Altcraft/helpers/xmlRoot';
import { jsonWithList, prependToJsonText } from '../../nodes/Altcraft/helpers/jsonText';

describe('buildXml: Altcraft XML bodies', () => {
	test('root <xml>, arrays as repeated elements, nested objects as elements', () => {
		expect(
			buildXml({
				id: 96,
				attach: [
					{ data: 'd1', name: 'a.txt' },
					{ data: 'd2', name: 'b.txt' },
				],
				content: { data_lines: ['A', 'B'] },
			}),
		).toBe(
			'<xml><id>96</id><attach><data>d1</data><name>a.txt</name></attach><attach><data>d2</data><name>b.txt</name></attach><content><data_lines>A</data_lines><data_lines>B</data_lines></content></xml>',
		);
	});

	test('custom_request travels as JSON text, as the docs show', () => {
		expect(buildXml({ custom_request: { Custom_ID: { $in: ['a'] } } })).toBe(
			'<xml><custom_request>{&quot;Custom_ID&quot;:{&quot;$in&quot;:[&quot;a&quot;]}}</custom_request></xml>',
		);
	});

	test('text is escaped so it cannot close or open elements', () => {
		const xml = buildXml({ content: { title: '</content><token>x</token>&' } });
		expect(xml).not.toContain('<token>');
		expect(parseXml(xml)).toEqual({ content: { title: '</content><token>x</token>&' } });
	});

	test.each([[{ '1st': 'x' }], [{ 'a b': 'x' }], [{ content: { 'bad key': 1 } }], [{ list: [[1, 2]] }]])(
		'%j has no XML form and is refused',
		(body) => {
			expect(() => buildXml(body as never)).toThrow(XmlShapeError);
		},
	);

	test('undefined values are left out', () => {
		expect(buildXml({ id: 1, content: undefined })).toBe('<xml><id>1</id></xml>');
	});
});

describe('parseXml: Altcraft XML answers', () => {
	test('the documented success answer reads like its JSON twin', () => {
		expect(parseXml('<xml>\n<data/>\n<error>0</error>\n<error_text>Successful operation</error_text>\n</xml>')).toEqual(
			{
				data: null,
				error: 0,
				error_text: 'Successful operation',
			},
		);
	});

	test('values stay text: a phone keeps its plus, an ID its leading zeros', () => {
		expect(parseXml('<xml><error>0</error><data><phone>+79000000000</phone><id>007</id></data></xml>')).toEqual({
			error: 0,
			data: { phone: '+79000000000', id: '007' },
		});
	});
});

describe('prependToXmlRoot: the token in an XML body', () => {
	test('goes first inside the root, escaped', () => {
		expect(prependToXmlRoot('<xml><id>1</id></xml>', 'token', 'a<b&c')).toBe(
			'<xml><token>a&lt;b&amp;c</token><id>1</id></xml>',
		);
	});

	test('opens an empty root', () => {
		expect(prependToXmlRoot('<xml/>', 'token', 't')).toBe('<xml><token>t</token></xml>');
	});

	test('the credential puts it into bodies the builder made', () => {
		const options = applyToken('secret', 'body', { method: 'POST', url: 'x', body: buildXml({ id: 84 }) });
		expect(options.body).toBe('<xml><token>secret</token><id>84</id></xml>');
	});
});

describe('jsonWithList: a bulk body joined from elements serialised when they were measured', () => {
	const elements = [
		{ email: 'a@example.com', custom_data: { note: 'quote " and \\ and ünïcode' } },
		{ phone: '+7900' },
	];
	const texts = elements.map((element) => JSON.stringify(element));

	test.each([
		['fields and attachments around the list', { trigger_id: 84, matching: 'email' }, { attach: [{ name: 'a.txt' }] }],
		['no fields', {}, { attach: [] }],
		['nothing after the list', { id: 7 }, {}],
		['nothing around it', {}, {}],
	])('is the text JSON.stringify gives for the object: %s', (_name, fields, after) => {
		const joined = jsonWithList(fields, 'data', texts, after).text;
		expect(joined).toBe(JSON.stringify({ ...fields, data: elements, ...after }));
		expect(JSON.parse(joined)).toEqual({ ...fields, data: elements, ...after });
	});

	test('an empty list stays a list', () => {
		expect(jsonWithList({ id: 1 }, 'data', []).text).toBe('{"id":1,"data":[]}');
	});
});

describe('prependToJsonText: the token in a JSON body the node serialised', () => {
	test('goes first, escaped as JSON, as n8n puts it into an object body; sent as bytes', () => {
		const body = jsonWithList({ trigger_id: 84 }, 'data', ['{"email":"a@example.com"}']).text;
		const sent = applyToken('se"cr\\et', 'body', { method: 'POST', url: 'x', body }).body;
		// Bytes, not a string: axios parses a JSON string whole (only to check it) before sending it.
		expect(Buffer.isBuffer(sent)).toBe(true);
		const text = (sent as Buffer).toString('utf8');
		expect(text).toBe('{"token":"se\\"cr\\\\et","trigger_id":84,"data":[{"email":"a@example.com"}]}');
		expect(JSON.parse(text)).toEqual({ token: 'se"cr\\et', trigger_id: 84, data: [{ email: 'a@example.com' }] });
	});

	test('into an empty object without a stray comma', () => {
		expect(prependToJsonText('{}', 'token', 't')).toBe('{"token":"t"}');
		expect(prependToJsonText(' { } ', 'token', 't')).toBe(' {"token":"t"} ');
	});

	test("in the header placement the body is the node's JSON unchanged, as bytes", () => {
		const body = '{"id":1,"note":"ünï"}';
		const sent = applyToken('t', 'header', { method: 'POST', url: 'x', body });
		expect((sent.body as Buffer).toString('utf8')).toBe(body);
		expect(sent.headers).toMatchObject({ Authorization: 'Bearer t' });
	});

	test('XML text stays text, the token first inside the root', () => {
		const sent = applyToken('t', 'body', { method: 'POST', url: 'x', body: '<xml><id>1</id></xml>' });
		expect(sent.body).toBe('<xml><token>t</token><id>1</id></xml>');
	});
});

describe('normalizeApiUrl: what users paste as the API URL', () => {
	test.each([
		['example.altcraft.com', 'https://example.altcraft.com'],
		['https://example.altcraft.com/', 'https://example.altcraft.com'],
		['https://example.altcraft.com/api/v1.1/', 'https://example.altcraft.com'],
		['http://10.0.0.5:8080/api', 'http://10.0.0.5:8080'],
		['  HTTPS://Example.com//  ', 'HTTPS://Example.com'],
		['', ''],
	])('%s → %s', (input, expected) => {
		expect(normalizeApiUrl(input)).toBe(expected);
	});
});

describe('retryWaitMs: how long before the next attempt', () => {
	const policy = { maxAttempts: 5, initialWaitMs: 400, maxWaitMs: 3000 };

	test('doubles per attempt with jitter between half and the full wait', () => {
		for (let attempt = 1; attempt <= 3; attempt++) {
			const full = 400 * 2 ** (attempt - 1);
			for (let i = 0; i < 50; i++) {
				const wait = retryWaitMs(attempt, policy);
				expect(wait).toBeGreaterThanOrEqual(full / 2);
				expect(wait).toBeLessThanOrEqual(full);
			}
		}
	});

	test('never waits longer than the cap, also when the server asks for more', () => {
		for (let i = 0; i < 50; i++) expect(retryWaitMs(10, policy)).toBeLessThanOrEqual(3000);
		expect(retryWaitMs(1, policy, 60000)).toBe(3000);
		expect(retryWaitMs(1, policy, 1200)).toBe(1200);
	});
});
