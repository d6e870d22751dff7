/** Text shown in a message: on one line and cut, so a huge value cannot flood an error or the execution log. */
export function shorten(value: unknown, max = 200): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** host[:port] of a URL, lowercased; the text itself when it is not a URL. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return url;
	}
}
