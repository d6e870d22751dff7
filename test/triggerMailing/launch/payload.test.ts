import { json, launchParams, useSandbox } from '../../helpers/fixture';

const ctx = useSandbox();
const body = () => ctx.sandbox.requests[0].body;

test('attachments come from binary fields as data URLs, named by the file or by the user', async () => {
	const pdf = Buffer.from('%PDF-1.4 fake');
	const csv = Buffer.from('a,b\n1,2\n');
	const result = await ctx.run(
		launchParams({
			additionalFields: {
				attachments: {
					binary: [
						{ binaryPropertyName: 'invoice, report' },
						{ binaryPropertyName: 'invoice', fileName: 'renamed.pdf' },
					],
				},
			},
		}),
		[
			{
				json: { email: 'john@example.com' },
				binary: {
					invoice: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'invoice-7.pdf' },
					report: { data: csv.toString('base64'), mimeType: 'text/csv', fileName: 'report.csv' },
				},
			},
		],
	);
	expect(result.error).toBeUndefined();
	expect(body().attach).toEqual([
		{ data: `data:application/pdf;base64,${pdf.toString('base64')}`, name: 'invoice-7.pdf' },
		{ data: `data:text/csv;base64,${csv.toString('base64')}`, name: 'report.csv' },
		{ data: `data:application/pdf;base64,${pdf.toString('base64')}`, name: 'renamed.pdf' },
	]);
});

test('content and custom data from fields: values may be lists or objects from expressions', async () => {
	await ctx.run(
		launchParams({
			content: 'fields',
			contentValues: {
				values: [
					{ name: 'email_title', value: '={{ $json.title }}' },
					{ name: 'order', value: '={{ $json.order }}' },
				],
			},
			customData: 'fields',
			customDataValues: { values: [{ name: 'x', value: 'y' }] },
		}),
		json({ email: 'john@example.com', title: 'from fields', order: { id: 7, items: [1, 2] } }),
	);
	expect(body().content).toEqual({ email_title: 'from fields', order: { id: 7, items: [1, 2] } });
	expect(body().custom_data).toEqual({ x: 'y' });
});

test('content and custom data from JSON, typed or from an expression', async () => {
	await ctx.run(
		launchParams({
			content: 'json',
			contentJson: '{"email_title": "from JSON", "data_lines": ["A"]}',
			customData: 'json',
			customDataJson: '={{ JSON.stringify({ source: "n8n" }) }}',
		}),
		json({ email: 'john@example.com' }),
	);
	expect(body().content).toEqual({ email_title: 'from JSON', data_lines: ['A'] });
	expect(body().custom_data).toEqual({ source: 'n8n' });
});

test('only the chosen input is read: JSON left behind after switching to fields is not sent', async () => {
	await ctx.run(
		launchParams({
			content: 'fields',
			contentValues: { values: [{ name: 'a', value: '1' }] },
			contentJson: '{"b": 2}',
		}),
		json({ email: 'john@example.com' }),
	);
	expect(body().content).toEqual({ a: '1' });
});

test('a name given twice in the fields is refused rather than one value silently dropped', async () => {
	const result = await ctx.run(
		launchParams({
			content: 'fields',
			contentValues: {
				values: [
					{ name: 'a', value: '1' },
					{ name: 'a', value: '2' },
				],
			},
		}),
		json({ email: 'john@example.com' }),
	);
	expect(result.error?.message).toBe('Content names "a" twice (item 0)');
	expect(ctx.sandbox.requests).toHaveLength(0);
});

test('None sends no content, whatever the hidden inputs hold', async () => {
	await ctx.run(
		launchParams({ content: 'none', contentValues: { values: [{ name: 'a', value: '1' }] } }),
		json({ email: 'john@example.com' }),
	);
	expect(body().content).toBeUndefined();
});

describe('expiration is sent in RFC 3339', () => {
	test.each([
		['an ISO date-time with a zone', '2099-02-22T21:00:00Z', 'UTC', '2099-02-22T21:00:00Z'],
		['an offset', '2099-02-23T00:00:00+03:00', 'UTC', '2099-02-22T21:00:00Z'],
		[
			'a date-time without a zone, read in the workflow time zone',
			'2099-02-23T00:00:00',
			'Europe/Moscow',
			'2099-02-22T21:00:00Z',
		],
		['a date-time without a zone in winter time', '2099-01-15T12:00:00', 'Europe/Berlin', '2099-01-15T11:00:00Z'],
		['a date-time without a zone in summer time', '2099-07-15T12:00:00', 'Europe/Berlin', '2099-07-15T10:00:00Z'],
	])('%s', async (_name, value, timezone, expected) => {
		const result = await ctx.run(
			launchParams({ additionalFields: { expiration: value } }),
			json({ email: 'john@example.com' }),
			{ timezone },
		);
		expect(result.error).toBeUndefined();
		expect(body().expiration).toBe(expected);
	});

	test('a Luxon DateTime from an expression', async () => {
		await ctx.run(
			launchParams({ additionalFields: { expiration: '={{ $now.plus({ days: 1 }) }}' } }),
			json({ email: 'john@example.com' }),
		);
		const sent = Date.parse(body().expiration);
		expect(body().expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
		expect(Math.abs(sent - (Date.now() + 86400000))).toBeLessThan(60000);
	});
});

test('the token can travel as a Bearer header instead of the body', async () => {
	const result = await ctx.run(launchParams(), json({ email: 'john@example.com' }), {
		credentials: { apiUrl: ctx.sandbox.url, apiToken: ctx.sandbox.token, authPlacement: 'header' },
	});
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.requests[0].headers.authorization).toBe(`Bearer ${ctx.sandbox.token}`);
	expect(body()).not.toHaveProperty('token');
});

test('an API URL with a trailing slash or /api/v1.1 still reaches the API', async () => {
	for (const apiUrl of [`${ctx.sandbox.url}/`, `${ctx.sandbox.url}/api/v1.1/`]) {
		const result = await ctx.run(launchParams(), json({ email: 'john@example.com' }), {
			credentials: { apiUrl, apiToken: ctx.sandbox.token },
		});
		expect(result.error).toBeUndefined();
	}
	expect(ctx.sandbox.requests.map((request) => request.path)).toEqual([
		'/api/v1.1/campaigns/triggers/start/',
		'/api/v1.1/campaigns/triggers/start/',
	]);
});
