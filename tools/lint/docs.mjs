/**
 * The user pages: README.md stays one page (at most README_MAX_LINES lines, as issue 19 asks), and
 * every relative link and image in README.md and docs/*.md leads to a file that exists (a moved
 * section or a renamed screenshot would otherwise break silently on GitHub and npm). Anchors
 * (#…) inside a linked Markdown page are checked against its headings.
 */
import fs from 'node:fs';
import path from 'node:path';

export const README_MAX_LINES = 250;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown) {
	const anchors = new Set();
	for (const line of markdown.split('\n')) {
		const m = /^#{1,6}\s+(.*)$/.exec(line);
		if (!m) continue;
		anchors.add(
			m[1]
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-'),
		);
	}
	return anchors;
}

export function checkDocs(root) {
	const findings = [];
	const add = (file, line, message) =>
		findings.push({ file, line, column: 0, severity: 'error', rule: 'docs', message });
	const docsDir = path.join(root, 'docs');
	const pages = ['README.md'];
	if (fs.existsSync(docsDir)) {
		for (const name of fs.readdirSync(docsDir)) if (name.endsWith('.md')) pages.push(`docs/${name}`);
	}
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const readmeLines = readme.replace(/\n$/, '').split('\n').length;
	if (readmeLines > README_MAX_LINES) {
		add('README.md', readmeLines, `${readmeLines} lines, over ${README_MAX_LINES}: move the detail to a page in docs/`);
	}
	for (const page of pages) {
		const text = fs.readFileSync(path.join(root, page), 'utf8');
		const lines = text.split('\n');
		let fenced = false;
		lines.forEach((line, i) => {
			if (line.startsWith('```')) fenced = !fenced;
			if (fenced) return;
			for (const m of line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
				const target = m[1];
				if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
				const [file, anchor] = target.split('#');
				const resolved = file ? path.resolve(path.dirname(path.join(root, page)), file) : path.join(root, page);
				if (!fs.existsSync(resolved)) {
					add(page, i + 1, `links to ${target}, which does not exist`);
					continue;
				}
				if (anchor && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
					add(page, i + 1, `links to ${target}: no heading gives the anchor #${anchor}`);
				}
			}
		});
	}
	return { files: pages.length, errors: findings.length, warnings: 0, findings };
}
