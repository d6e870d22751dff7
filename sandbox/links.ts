/** The v1.0 trigger link as Altcraft shows it: <host>/trg/<key>/<email|md5|xxh>. */

/** The literal last segment Altcraft shows in a v1.0 link. */
export const LINK_PLACEHOLDER = '<email|md5|xxh>';
/** A trigger key: 48 or 64 hex characters. */
export const TRIGGER_KEY = /^(?:[0-9a-f]{48}|[0-9a-f]{64})$/i;

export function linkPath(key: string): string {
	return `/trg/${key}/${LINK_PLACEHOLDER}`;
}
