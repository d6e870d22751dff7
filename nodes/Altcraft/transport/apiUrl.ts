/**
 * Accepts what users paste: a bare host, a trailing slash, or the full `/api/v1.1` path they saw in
 * the docs. Everything the node requests is relative to the account's host. Imports nothing: the
 * credential uses it too.
 */
export function normalizeApiUrl(raw: string): string {
	let url = raw.trim().replace(/\/+$/, '');
	if (url !== '' && !/^https?:\/\//i.test(url)) url = `https://${url}`;
	return url.replace(/\/api(\/v1(\.\d+)?)?$/i, '');
}

/** The same normalisation as an n8n expression, for the credential's declarative test request. */
export const API_URL_EXPRESSION =
	"={{ (() => { let u = String($credentials.apiUrl || '').trim().replace(/\\/+$/, ''); if (u && !/^https?:\\/\\//i.test(u)) u = 'https://' + u; return u.replace(/\\/api(\\/v1(\\.\\d+)?)?$/i, ''); })() }}";
