/**
 * `npx tsx scripts/description-hash.ts`: prints the hash of the node description built in dist/
 * and the one the screenshots in docs/screenshots/ were taken with, and exits 1 when they
 * differ. It writes nothing: only `npm run test:editor -- --update-docs`, which retakes the
 * screenshots, records a new hash.
 */
import { resolve } from 'node:path';
import {
	DESCRIPTION_HASH_FILE,
	builtDescriptionHash,
	recordedDescriptionHash,
	staleScreenshots,
} from '../devkit/description-hash';

const root = resolve(__dirname, '..');
process.stdout.write(
	`built (dist/):                 ${builtDescriptionHash(root)}\n${DESCRIPTION_HASH_FILE}: ${recordedDescriptionHash(root) ?? 'missing'}\n`,
);
const stale = staleScreenshots(root);
if (stale) {
	process.stdout.write(`${stale}\n`);
	process.exitCode = 1;
} else {
	process.stdout.write('The screenshots were taken from this description.\n');
}
