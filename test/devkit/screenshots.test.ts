/**
 * The screenshots the docs show exist, and the hash that ties them to the node description
 * notices a change of the panel. Whether they were taken from the description built now is
 * checked where they can be retaken: the end-to-end run (CI) and the editor test
 * (devkit/description-hash.ts). `npm test` builds first; run `npm run build` before running
 * this file on its own.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtDescription, builtDescriptionHash, hashDescription } from '../../devkit/description-hash';

const ROOT = resolve(__dirname, '../..');

describe('screenshots in docs/screenshots', () => {
	test('the README and CONTRIBUTING show screenshots that exist', () => {
		for (const name of [
			'editor-node-panel.png',
			'editor-trigger-mailing-list.png',
			'editor-execute-step.png',
			'editor-matching-custom-query.png',
			'editor-launch-mode.png',
			'editor-dry-run-notice.png',
			'editor-dry-run-canvas.png',
			'editor-link-send-as.png',
		]) {
			expect({ name, exists: existsSync(join(ROOT, 'docs', 'screenshots', name)) }).toEqual({ name, exists: true });
		}
	});
});

describe('the description hash', () => {
	// A deep copy: the changes below must not reach the loaded node class that other tests hash.
	const description = () =>
		JSON.parse(JSON.stringify(builtDescription(ROOT))) as {
			properties: Array<{ name: string; displayName: string; default?: unknown }>;
		};

	test('changes when a label or a default of the panel changes', () => {
		const original = hashDescription(description());

		const relabelled = description();
		relabelled.properties = relabelled.properties.map((p, i) =>
			i === 0 ? { ...p, displayName: `${p.displayName} (renamed)` } : p,
		);
		expect(hashDescription(relabelled)).not.toBe(original);

		const redefaulted = description();
		const last = redefaulted.properties.length - 1;
		redefaulted.properties = redefaulted.properties.map((p, i) =>
			i === last ? { ...p, default: 'something else' } : p,
		);
		expect(hashDescription(redefaulted)).not.toBe(original);
	});

	test('does not depend on the order of keys, so a rebuild of the same description gives the same hash', () => {
		const d = description() as Record<string, unknown>;
		const reversed = Object.fromEntries(Object.entries(d).reverse());
		expect(hashDescription(reversed)).toBe(hashDescription(d));
		expect(builtDescriptionHash(ROOT)).toBe(builtDescriptionHash(ROOT));
	});
});
