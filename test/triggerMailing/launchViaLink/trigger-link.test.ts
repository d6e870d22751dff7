/**
 * The trigger link parser on its own (which texts are trigger links; the origin, key and base
 * URL the node sends to), and the editor's check of a typed link. The engine tests show them at work.
 */
import { NodeHelpers, type INode } from 'n8n-workflow';
import { Altcraft } from '../../../nodes/Altcraft/Altcraft.node';
import {
	TRIGGER_LINK_PATTERN,
	parseTriggerLink,
} from '../../../nodes/Altcraft/actions/triggerMailing/launchViaLink/triggerLink';
import { NODE_TYPE } from '../../../devkit/engine/core';

const KEY48 = '465ea6fedf0a75fa9ee0b5fb8f9d5fe89af34054909af8bb';
const KEY64 = '39f41fcd000e1dccbf66c1bfe11705927499da7d54e297b8a0ea64552dc6d958';

describe('parseTriggerLink', () => {
	test.each([
		[
			"the docs' link with the placeholder",
			`http://trk.example.org/trg/${KEY48}/<email|md5|xxh>`,
			'http://trk.example.org',
		],
		['https', `https://trk.example.org/trg/${KEY48}/<email|md5|xxh>`, 'https://trk.example.org'],
		['a port', `https://trk.example.org:8443/trg/${KEY48}/<email|md5|xxh>`, 'https://trk.example.org:8443'],
		['no last segment', `https://trk.example.org/trg/${KEY48}`, 'https://trk.example.org'],
		['a trailing slash', `https://trk.example.org/trg/${KEY48}/`, 'https://trk.example.org'],
		[
			'the placeholder URL-encoded',
			`https://trk.example.org/trg/${KEY48}/%3Cemail%7Cmd5%7Cxxh%3E`,
			'https://trk.example.org',
		],
		[
			'spaces around it (pasted)',
			`  https://trk.example.org/trg/${KEY48}/<email|md5|xxh>\n`,
			'https://trk.example.org',
		],
		['an upper-case scheme and host', `HTTP://TRK.Example.ORG/trg/${KEY48}`, 'http://trk.example.org'],
		['an IP address and port', `http://10.0.0.5:8080/trg/${KEY48}/<email|md5|xxh>`, 'http://10.0.0.5:8080'],
		['an IPv6 address', `http://[::1]:8080/trg/${KEY48}`, 'http://[::1]:8080'],
	])('accepts %s', (_name, link, origin) => {
		expect(parseTriggerLink(link)).toEqual({ origin, key: KEY48, baseUrl: `${origin}/trg/${KEY48}` });
	});

	test('accepts a 64-hex key and keeps it as given', () => {
		const upper = KEY64.toUpperCase();
		expect(parseTriggerLink(`https://trk.example.org/trg/${upper}/<email|md5|xxh>`)).toEqual({
			origin: 'https://trk.example.org',
			key: upper,
			baseUrl: `https://trk.example.org/trg/${upper}`,
		});
	});

	describe('a link without scheme', () => {
		const link = `trk.example.org/trg/${KEY48}/<email|md5|xxh>`;

		test('gets https', () => {
			expect(parseTriggerLink(link)?.origin).toBe('https://trk.example.org');
			expect(parseTriggerLink(link, 'http://api.example.org')?.origin).toBe('https://trk.example.org');
		});

		test("gets the API URL's scheme when it is on the API host (host and port alike)", () => {
			expect(parseTriggerLink(link, 'http://trk.example.org')?.origin).toBe('http://trk.example.org');
			expect(parseTriggerLink(`127.0.0.1:4010/trg/${KEY48}`, 'http://127.0.0.1:4010')?.origin).toBe(
				'http://127.0.0.1:4010',
			);
			expect(parseTriggerLink(`127.0.0.1:4010/trg/${KEY48}`, 'http://127.0.0.1:4011')?.origin).toBe(
				'https://127.0.0.1:4010',
			);
		});

		test('an explicit scheme is kept whatever the API URL', () => {
			expect(parseTriggerLink(`http://trk.example.org/trg/${KEY48}`, 'https://trk.example.org')?.origin).toBe(
				'http://trk.example.org',
			);
			expect(parseTriggerLink(`https://trk.example.org/trg/${KEY48}`, 'http://trk.example.org')?.origin).toBe(
				'https://trk.example.org',
			);
		});
	});

	test.each([
		['empty', ''],
		['a word', 'welcome-series'],
		['a trigger mailing ID', '84'],
		['a key too short', `https://trk.example.org/trg/${KEY48.slice(1)}`],
		['a key of 56 hex characters', `https://trk.example.org/trg/${KEY48}${'a'.repeat(8)}`],
		['a key that is not hex', `https://trk.example.org/trg/${KEY48.slice(1)}g`],
		['a link that already names a profile', `https://trk.example.org/trg/${KEY48}/john@example.com`],
		['a link with an MD5 at the end', `https://trk.example.org/trg/${KEY48}/${'a'.repeat(32)}`],
		['another path', `https://trk.example.org/api/trg/${KEY48}`],
		['the v1.1 API path', 'https://example.altcraft.com/api/v1.1/campaigns/triggers/start/'],
		['a query string', `https://trk.example.org/trg/${KEY48}?email=john@example.com`],
		['another scheme', `ftp://trk.example.org/trg/${KEY48}`],
		['credentials in the URL', `https://user:pass@trk.example.org/trg/${KEY48}`],
		['a port out of range', `https://trk.example.org:70000/trg/${KEY48}`],
		['no host', `https:///trg/${KEY48}`],
	])('refuses %s', (_name, text) => {
		expect(parseTriggerLink(text)).toBeUndefined();
	});

	test('the editor checks "By URL" with the same pattern, as n8n applies it', () => {
		// n8n wraps a mode's validation regex in ^…$ and compiles it without flags.
		const editor = new RegExp(`^${TRIGGER_LINK_PATTERN}$`);
		expect(editor.test(`https://trk.example.org/trg/${KEY48}/<email|md5|xxh>`)).toBe(true);
		expect(editor.test(`trk.example.org:8080/trg/${KEY64}`)).toBe(true);
		expect(editor.test(`https://trk.example.org/trg/${KEY48}/john@example.com`)).toBe(false);
		expect(editor.test('84')).toBe(false);
	});
});

describe('the editor flags a typed link that is not a trigger link', () => {
	const { description } = new Altcraft();
	const issuesFor = (value: string) => {
		const node: INode = {
			id: 'altcraft',
			name: 'Altcraft',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				resource: 'triggerMailing',
				operation: 'launchViaLink',
				triggerLink: { __rl: true, mode: 'url', value },
				sendAs: 'email',
				email: '={{ $json.email }}',
				sendFields: false,
			},
		};
		return NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters ?? {};
	};

	test('on the Trigger Link field, with what a link looks like', () => {
		expect(issuesFor('https://trk.example.org/trg/84').triggerLink).toEqual([
			expect.stringMatching(/^Not a trigger link: expected e\.g\. https:\/\/trk\.example\.org\/trg\//),
		]);
	});

	test('not for links as Altcraft shows them, nor for expressions (checked per item when the node runs)', () => {
		expect(issuesFor(`http://trk.example.org/trg/${KEY48}/<email|md5|xxh>`).triggerLink).toBeUndefined();
		expect(issuesFor(`trk.example.org:8080/trg/${KEY64}`).triggerLink).toBeUndefined();
		expect(issuesFor('={{ $json.link }}').triggerLink).toBeUndefined();
	});
});
