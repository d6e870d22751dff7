/**
 * The hash that ties the screenshots in docs/screenshots/ to the node description they show.
 *
 * `npm run test:editor -- --update-docs` retakes the screenshots and writes the hash of the
 * built node description next to them; the end-to-end run (`npm run test:e2e`, CI) and the
 * editor test fail when the description built now hashes differently, i.e. when a parameter,
 * option, default or text of the panel changed after the screenshots were taken. They run where
 * the screenshots can be retaken, so `npm test` does not need a browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_FILE = 'dist/nodes/Altcraft/Altcraft.node.js';
export const DESCRIPTION_HASH_FILE = 'docs/screenshots/description.sha256';
export const REFRESH_COMMAND = 'npm run test:editor -- --update-docs';

/** JSON with every object's keys sorted, so that the hash does not depend on key order. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v && typeof v === 'object' && !Array.isArray(v)) {
			return Object.fromEntries(
				Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
			);
		}
		return v;
	});
}

/** SHA-256 of a node description as JSON sees it (functions and undefined values drop out). */
export function hashDescription(description: object): string {
	return createHash('sha256').update(canonicalJson(description)).digest('hex');
}

/** The description of the node class built into dist/ (run `npm run build` first). */
export function builtDescription(root: string): object {
	const file = join(root, NODE_FILE);
	if (!existsSync(file))
		throw new Error(`${NODE_FILE} is missing: run \`npm run build\` first (\`npm test\` does it).`);
	const { Altcraft } = require(file) as { Altcraft: new () => { description: object } };
	return new Altcraft().description;
}

export function builtDescriptionHash(root: string): string {
	return hashDescription(builtDescription(root));
}

/** The hash on file: the first word of the first line that is not blank or a `#` comment. */
export function recordedDescriptionHash(root: string): string | undefined {
	const file = join(root, DESCRIPTION_HASH_FILE);
	if (!existsSync(file)) return undefined;
	const line = readFileSync(file, 'utf8')
		.split('\n')
		.map((l) => l.trim())
		.find((l) => l && !l.startsWith('#'));
	return line?.split(/\s+/)[0];
}

/**
 * Why the screenshots do not show the description built in dist/ now (what to do about it), or
 * undefined when they do.
 */
export function staleScreenshots(root: string): string | undefined {
	const recorded = recordedDescriptionHash(root);
	const current = builtDescriptionHash(root);
	if (recorded === current) return undefined;
	return (
		`The Altcraft node's description changed after the screenshots in docs/screenshots/ were taken ` +
		`(${DESCRIPTION_HASH_FILE}: ${recorded ?? 'missing'}; built now: ${current}). ` +
		`Retake them with \`${REFRESH_COMMAND}\` (it rewrites the screenshots and ${DESCRIPTION_HASH_FILE}) ` +
		`and commit both; see CONTRIBUTING.md, "Screenshots".`
	);
}

/** Records the built description's hash as the one the screenshots show; returns it. */
export function writeDescriptionHash(root: string): string {
	const hash = builtDescriptionHash(root);
	writeFileSync(
		join(root, DESCRIPTION_HASH_FILE),
		[
			'# SHA-256 of the Altcraft node description (dist/nodes/Altcraft/Altcraft.node.js) that the',
			'# screenshots in this folder show. Written by `' + REFRESH_COMMAND + '` together with',
			'# the screenshots; `npm run test:e2e` and `npm run test:editor` fail when the description',
			'# built now hashes differently.',
			hash,
			'',
		].join('\n'),
	);
	return hash;
}
