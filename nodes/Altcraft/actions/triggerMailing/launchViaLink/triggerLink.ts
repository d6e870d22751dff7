/**
 * The v1.0 per-trigger link as Altcraft shows it: `http(s)://<tracking domain>/trg/<hex key>/<email|md5|xxh>`.
 * Altcraft's API returns it as `call_url`, sometimes without scheme, sometimes with a port, with
 * keys of 48 or 64 hex characters. The node puts each item's profile identifier in the last
 * segment, so a link may come with the literal placeholder, without it, or with a trailing slash;
 * a link that already names a profile (or anything else) is not a trigger link.
 */
interface TriggerLink {
	/** scheme://host[:port] of the tracking domain. */
	origin: string;
	/** The trigger's hex key, as given. */
	key: string;
	/** `<origin>/trg/<key>`, without a trailing slash: the identifier is appended as `/<value>`. */
	baseUrl: string;
}

const SCHEME = '([Hh][Tt][Tt][Pp][Ss]?)://';
const HOST = '([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])';
/** 1–65535 in the pattern itself, so the editor refuses port 99999 as the node does. */
const PORT = '(?::(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?';
const KEY = '([0-9A-Fa-f]{48}|[0-9A-Fa-f]{64})';
/** The placeholder as shown, or as a browser copies it (URL-encoded). */
const PLACEHOLDER = '(?:<email\\|md5\\|xxh>|%3[Cc]email%7[Cc]md5%7[Cc]xxh%3[Ee])';

/**
 * The whole shape in one pattern without flags, so the editor can check the "By URL" field with
 * the very pattern the node parses with.
 */
export const TRIGGER_LINK_PATTERN = `^\\s*(?:${SCHEME})?${HOST}${PORT}/trg/${KEY}(?:/${PLACEHOLDER}?)?/?\\s*$`;

const LINK = new RegExp(TRIGGER_LINK_PATTERN);

export const TRIGGER_LINK_SHAPE =
	"A trigger link looks like https://trk.example.org/trg/KEY/email|md5|xxh, where KEY is 48 or 64 hex characters: copy it from the trigger mailing in Altcraft, or pick it from the list. The scheme, the port and the last segment may be left out; the node puts the profile's email or its hash at the end.";

function schemeAndHost(url: string): { scheme: string; host: string } | undefined {
	const match = /^(https?):\/\/([^/?#]+)/i.exec(url.trim());
	return match ? { scheme: match[1].toLowerCase(), host: match[2].toLowerCase() } : undefined;
}

/**
 * Parses a trigger link; undefined when the text is not one. A link without scheme gets https,
 * unless it is on the host of the credential's API URL (`apiUrl`): then it gets that URL's
 * scheme, which is known to work (on-premise installs that serve the API and the links over
 * plain http, like the sandbox).
 */
export function parseTriggerLink(raw: string, apiUrl?: string): TriggerLink | undefined {
	const match = LINK.exec(raw);
	if (!match) return undefined;
	const [, givenScheme, givenHost, port, key] = match;
	if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
	const host = `${givenHost.toLowerCase()}${port !== undefined ? `:${port}` : ''}`;
	let scheme = givenScheme?.toLowerCase();
	if (scheme === undefined) {
		const api = apiUrl ? schemeAndHost(apiUrl) : undefined;
		scheme = api && api.host === host ? api.scheme : 'https';
	}
	const origin = `${scheme}://${host}`;
	return { origin, key, baseUrl: `${origin}/trg/${key}` };
}
