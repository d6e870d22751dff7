/**
 * Where the API token may go. Requests to the API URL carry it; a v1.0 trigger link lives on a
 * tracking domain, and its URL may come from item data: a POST there carries the token too, so
 * it goes only to a host the user has listed in the credential (Tracking Domains). A bodiless GET
 * carries no token and may go anywhere the user points it.
 */

export interface HostRule {
	hostname: string;
	/** Only this port when given; any port of the host otherwise. */
	port?: string;
	/** `*.example.org`: every subdomain of example.org (not example.org itself). */
	subdomains: boolean;
}

function splitHost(host: string): { hostname: string; port?: string } {
	const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
	if (!match) return { hostname: host };
	return { hostname: match[1], port: match[2] };
}

/** Parses one entry as users write it: a host, host:port, *.domain, or a URL whose host is taken. */
function hostRule(entry: string): HostRule | undefined {
	let text = entry.trim().toLowerCase();
	if (text === '') return undefined;
	text = text
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/[/?#].*$/, '')
		.replace(/\.$/, '');
	const subdomains = text.startsWith('*.');
	if (subdomains) text = text.slice(2);
	const { hostname, port } = splitHost(text);
	if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.test(hostname)) return undefined;
	return { hostname, port, subdomains };
}

/** The entries of the credential's Tracking Domains field: comma, space or newline separated. */
export function parseHostList(text: string): { rules: HostRule[]; invalid: string[] } {
	const rules: HostRule[] = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[\s,;]+/)) {
		if (entry.trim() === '') continue;
		const rule = hostRule(entry);
		if (rule) rules.push(rule);
		else invalid.push(entry);
	}
	return { rules, invalid };
}

/** Scheme and default port of a URL, e.g. https://a.example:443 → a.example, 443. */
function urlHost(url: string): { hostname: string; port: string } | undefined {
	try {
		const parsed = new URL(url);
		const port = parsed.port || (parsed.protocol === 'http:' ? '80' : '443');
		return { hostname: parsed.hostname.toLowerCase().replace(/\.$/, ''), port };
	} catch {
		return undefined;
	}
}

export function hostAllowed(url: string, rules: HostRule[]): boolean {
	const target = urlHost(url);
	if (!target) return false;
	return rules.some((rule) => {
		const nameMatches = rule.subdomains
			? target.hostname.endsWith(`.${rule.hostname}`)
			: target.hostname === rule.hostname;
		return nameMatches && (rule.port === undefined || rule.port === target.port);
	});
}

/** The API URL's own host and port: the token goes there by design. */
export function apiHostRule(apiUrl: string): HostRule | undefined {
	const host = urlHost(apiUrl);
	return host ? { hostname: host.hostname, port: host.port, subdomains: false } : undefined;
}
