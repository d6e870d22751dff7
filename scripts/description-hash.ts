/**
 * `npx tsx scripts/description-hash.ts`: prints the hash of the node description built in dist/
 * and the one the screenshots in docs/screenshots/ were taken with, and exits 1 when they
 * differ. It writes nothing: only `npm run test:editor -- --update-docs`, which retakes the
 * screenshots, records a new hash.
 */
import { resolve } from 'node:path';
import {
	DESCRIPTION_HASH_FILE,
	REFRESH_COMMAND,
	builtDescriptionHash,
	recordedDescriptionHash,
} from '../devkit/description-hash';

const root = resolve(__dirname, '..');
const current = builtDescriptionHash(root);
const recorded = recordedDescriptionHash(root);
process.stdout.write(`built (dist/):                 ${current}\n${DESCRIPTION_HASH_FILE}: ${recorded ?? 'missing'}\n`);
if (current !== recorded) {
	process.stdout.write(
		`The screenshots are older than the node description: retake them with \`${REFRESH_COMMAND}\`.\n`,
	);
	process.exitCode = 1;
} else {
	process.stdout.write('The screenshots were taken from this description.\n');
}
