/**
 * Keys JavaScript treats specially (__proto__, constructor, prototype) wherever the user names a
 * key: a custom query with such a key would reach Altcraft as `{}`, which selects every profile.
 * Each is refused before anything is sent, naming the item and the key.
 */
import { json, launchParams, useSandbox } from '../helpers/fixture';

const ctx = useSandbox();
const ITEMS = json({ email: 'john@example.com' });

async function refused(parameters: object, pattern: RegExp) {
	const result = await ctx.run(launchParams(parameters as never), ITEMS);
	expect(result.error?.message).toMatch(pattern);
	expect(result.error?.context?.itemIndex).toBe(0);
	expect(result.error?.description).toMatch(/names JavaScript objects reserve/);
	expect(ctx.sandbox.launches).toHaveLength(0);
}

describe('a custom query never reaches Altcraft empty', () => {
	for (const key of ['__proto__', 'constructor', 'prototype']) {
		test(`a Custom Query with the key ${key} is refused`, async () => {
			await refused(
				{ launchMode: 'query', customRequest: `{"${key}": {"email": {"$in": ["john@example.com"]}}}` },
				new RegExp(`^Custom Query holds the key "${key}", which cannot be sent \\(item 0\\)`),
			);
		});
	}
	test('a reserved key deep inside the query is refused with its path', async () => {
		await refused(
			{ launchMode: 'query', customRequest: '{"$or": [{"email": "a@example.com"}, {"constructor": 1}]}' },
			/holds the key "\$or\[1\]\.constructor"/,
		);
	});
	test('a query without reserved keys goes out as given', async () => {
		const query = { email: { $in: ['john@example.com'] } };
		const result = await ctx.run(launchParams({ launchMode: 'query', customRequest: JSON.stringify(query) }), ITEMS);
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(ctx.sandbox.launches[0].body.custom_request).toEqual(query);
	});
});

describe('audience field, content and custom data', () => {
	for (const key of ['constructor', 'prototype', '__proto__']) {
		test(`Look Up Recipients in Field ${key} is refused`, async () => {
			await refused(
				{ launchMode: 'audience', options: { audienceField: key } },
				new RegExp(`^Look Up Recipients in Field "${key}" cannot be used as a field name \\(item 0\\)`),
			);
		});
		test(`a Content variable named ${key} is refused`, async () => {
			await refused(
				{ content: 'fields', contentValues: { values: [{ name: key, value: 'x' }] } },
				new RegExp(`^Content name "${key}" cannot be used`),
			);
		});
		test(`Custom Data (JSON) with the key ${key} is refused`, async () => {
			await refused(
				{ customData: 'json', customDataJson: `{"${key}": 1}` },
				new RegExp(`^Custom Data \\(JSON\\) holds the key "${key}"`),
			);
		});
	}
});
