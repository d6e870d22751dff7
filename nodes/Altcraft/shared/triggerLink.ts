/**
 * The v1.0 per-trigger link as Altcraft shows it: `http(s)://<tracking domain>/trg/<hex key>/<email|md5|xxh>`,
 * sometimes without scheme, sometimes with a port, with 48- or 64-character keys. The node adds
 * the profile identifier of each item as the last segment.
 */
export interface TriggerLink {
	/** Everything up to and including the key, without a trailing slash. */
	base: string;
	key: string;
}

const PLACEHOLDER = /^(<email\|md5\|xxh>|%3Cemail%7Cmd5%7Cxxh%3E)$/i;
const LINK = /^(?:(https?):\/\/)?([^/\s?#]+)\/trg\/([0-9a-f]{48}|[0-9a-f]{64})(?:\/([^/?#]*))?\/?$/i;

export const LINK_SHAPE =
	'A trigger link looks like https://trk.example.org/trg/<48 or 64 hex characters>/<email|md5|xxh>, as Altcraft shows it for the trigger mailing (the last segment may be left out)';

/** undefined when the text is not a trigger link; `defaultScheme` is used when it has none. */
export function parseTriggerLink(raw: string, defaultScheme: 'http' | 'https'): TriggerLink | undefined {
	const match = LINK.exec(raw.trim());
	if (!match) return undefined;
	const [, scheme, host, key, last] = match;
	if (last && !PLACEHOLDER.test(last)) return undefined;
	return { base: `${(scheme ?? defaultScheme).toLowerCase()}://${host}/trg/${key.toLowerCase()}`, key: key.toLowerCase() };
}
