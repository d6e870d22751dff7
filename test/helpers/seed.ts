/**
 * The request examples of Altcraft's "Trigger launch (API call)" page, verbatim, so tests can
 * check that the node produces exactly these requests.
 */
import { XMLParser } from 'fast-xml-parser';

export const SEED_TOKEN = 'abcdefghijklmnqrstuvwxyz';

export const seedJson = {
	singleProfile: { token: SEED_TOKEN, id: 84, matching: 'profile_id', profile_id: 'abcdefghijklmnqrstuvwxyz' },
	customIdList: {
		token: SEED_TOKEN,
		id: 84,
		custom_request: { Custom_ID: { $in: ['IpHicQquekzYkufl', 'xzFKLXeaJkCYHuMb', 'SRNOwHVZiWFItJhr'] } },
	},
	contentAndAttachments: {
		token: SEED_TOKEN,
		id: 96,
		matching: 'profile_id',
		profile_id: '6606e08f10bcdd88297057a7',
		attach: [
			{ data: 'data:text/csv;base64,5LuK5pel44GvCg==', name: '日本.txt' },
			{ data: 'data:text/csv;base64,SEVMTE8K', name: 'US.txt' },
		],
		content: { data_lines: ['Channel A', 'Channel B'], email_title: 'New videos on your favorite channels' },
	},
};

export const seedXml = {
	singleProfile: `<xml>
<token>abcdefghijklmnqrstuvwxyz</token>
<id>84</id>
<matching>profile_id</matching>
<profile_id>abcdefghijklmnqrstuvwxyz</profile_id>
</xml>`,
	customIdList: `<xml>
<token>abcdefghijklmnqrstuvwxyz</token>
<id>84</id>
<custom_request>{"Custom_ID": {"$in": ["IpHicQquekzYkufl", "xzFKLXeaJkCYHuMb", "SRNOwHVZiWFItJhr"]}}</custom_request>
</xml>`,
	contentAndAttachments: `<xml>
<token>abcdefghijklmnqrstuvwxyz</token>
<id>96</id>
<matching>profile_id</matching>
<profile_id>6606e08f10bcdd88297057a7</profile_id>
<attach>
<data>data:text/csv;base64,5LuK5pel44GvCg==</data>
<name>日本.txt</name>
</attach>
<attach>
<data>data:text/csv;base64,SEVMTE8K</data>
<name>US.txt</name>
</attach>
<content>
<data_lines>Channel A</data_lines>
<data_lines>Channel B</data_lines>
<email_title>New videos on your favorite channels</email_title>
</content>
</xml>`,
};

const parser = new XMLParser({ parseTagValue: false, trimValues: true, ignoreAttributes: true });

/** An XML text as a plain tree, so two XML bodies compare by content, not by whitespace. */
export function xmlTree(text: string): unknown {
	const tree = parser.parse(text) as { xml: Record<string, unknown> };
	const root = { ...tree.xml };
	// custom_request is JSON text inside the element: compare it as JSON.
	if (typeof root.custom_request === 'string') root.custom_request = JSON.parse(root.custom_request);
	return root;
}

/** Replaces the docs' token with the sandbox's, for comparisons. */
export function withToken<T extends { token: string }>(example: T, token: string): T {
	return { ...example, token };
}
