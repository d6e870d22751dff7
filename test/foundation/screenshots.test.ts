/**
 * The screenshots in docs/screenshots/ show the node as it is: they were taken from the node
 * description that is built now. `npm test` builds first; run `npm run build` before running
 * this file on its own.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
	DESCRIPTION_HASH_FILE,
	REFRESH_COMMAND,
	builtDescription,
	builtDescriptionHash,
	hashDescription,
	recordedDescriptionHash,
} from '../../devkit/description-hash';

const ROOT = resolve(__dirname, '../..');

describe('screenshots in docs/screenshots', () => {
	test('were taken from the node description built now', () => {
		const recorded = recordedDescriptionHash(ROOT);
		const current = builtDescriptionHash(ROOT);
		if (recorded !== current) {
			throw new Error(
				`The Altcraft node's description changed after the screenshots in docs/screenshots/ were taken ` +
					`(${DESCRIPTION_HASH_FILE}: ${recorded ?? 'missing'}; built now: ${current}). ` +
					`Retake them with \`${REFRESH_COMMAND}\` (it rewrites the screenshots and ${DESCRIPTION_HASH_FILE}) and commit both; see CONTRIBUTING.md, "Screenshots".`,
			);
		}
	});

	test('the README and CONTRIBUTING show screenshots that exist', () => {
		for (const name of [
			'editor-node-panel.png',
			'editor-trigger-mailing-list.png',
			'editor-execute-step.png',
			'editor-matching-custom-query.png',
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
