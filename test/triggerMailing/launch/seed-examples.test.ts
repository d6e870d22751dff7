import type { INodeParameters } from 'n8n-workflow';
import { json, useSandbox } from '../../helpers/fixture';
import { seedJson, seedXml, withToken, xmlTree } from '../../helpers/seed';

const ctx = useSandbox();

const examples: Record<keyof typeof seedJson, INodeParameters> = {
	singleProfile: {
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		matching: 'profile_id',
		profileId: 'abcdefghijklmnqrstuvwxyz',
	},
	customIdList: {
		triggerMailing: { __rl: true, mode: 'id', value: '84' },
		launchMode: 'query',
		customRequest: '{"Custom_ID": {"$in": ["IpHicQquekzYkufl", "xzFKLXeaJkCYHuMb", "SRNOwHVZiWFItJhr"]}}',
	},
	contentAndAttachments: {
		triggerMailing: { __rl: true, mode: 'id', value: '96' },
		matching: 'profile_id',
		profileId: '6606e08f10bcdd88297057a7',
		additionalFields: {
			attachments: {
				dataUrl: [
					{ data: 'data:text/csv;base64,5LuK5pel44GvCg==', name: '日本.txt' },
					{ data: 'data:text/csv;base64,SEVMTE8K', name: 'US.txt' },
				],
			},
		},
		content: 'fields',
		contentValues: {
			values: [
				// An expression that yields a list stays a list in the request.
				{ name: 'data_lines', value: '={{ $json.channels }}' },
				{ name: 'email_title', value: 'New videos on your favorite channels' },
			],
		},
	},
};
const input = json({ channels: ['Channel A', 'Channel B'] });

describe.each(Object.keys(examples) as Array<keyof typeof seedJson>)('the docs example "%s"', (name) => {
	test('is sent as exactly the documented JSON body', async () => {
		const result = await ctx.run({ resource: 'triggerMailing', operation: 'launch', ...examples[name] }, input);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.requests).toHaveLength(1);
		const request = ctx.sandbox.requests[0];
		expect(request.path).toBe('/api/v1.1/campaigns/triggers/start/');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.rawBody)).toEqual(withToken(seedJson[name], ctx.sandbox.token));
		expect(result.items[0].json).toMatchObject({
			launched: true,
			response: { error: 0, error_text: 'Successful operation', data: null },
		});
	});

	test('is sent as the documented XML body with Request Format XML', async () => {
		const result = await ctx.run(
			{ resource: 'triggerMailing', operation: 'launch', ...examples[name], options: { requestFormat: 'xml' } },
			input,
		);
		expect(result.error).toBeUndefined();
		const request = ctx.sandbox.requests[0];
		expect(request.headers['content-type']).toMatch(/^application\/xml/);
		expect(request.rawBody.startsWith(`<xml><token>${ctx.sandbox.token}</token>`)).toBe(true);
		const expected = xmlTree(seedXml[name].replace('abcdefghijklmnqrstuvwxyz', ctx.sandbox.token)) as object;
		expect(xmlTree(request.rawBody)).toEqual(expected);
		// The XML answer is parsed into the same object a JSON answer gives.
		expect(result.items[0].json).toMatchObject({
			launched: true,
			response: { error: 0, error_text: 'Successful operation', data: null },
		});
	});
});

test('XML escapes markup in values and keeps arrays as repeated elements', async () => {
	const result = await ctx.run(
		{
			resource: 'triggerMailing',
			operation: 'launch',
			triggerMailing: { __rl: true, mode: 'id', value: '84' },
			matching: 'email',
			email: 'john@example.com',
			content: 'json',
			contentJson: '{"title": "Tom & Jerry <3", "lines": ["a", "b"]}',
			options: { requestFormat: 'xml' },
		},
		json({}),
	);
	expect(result.error).toBeUndefined();
	const raw = ctx.sandbox.requests[0].rawBody;
	expect(raw).toContain('<title>Tom &amp; Jerry &lt;3</title>');
	expect(raw).toContain('<lines>a</lines><lines>b</lines>');
	expect(ctx.sandbox.launches).toHaveLength(1);
});
