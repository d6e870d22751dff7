/**
 * Compares the files of the packed tarball with tools/lint/packed-files.txt, so that what a
 * user installs changes only on purpose: no stray build output, test file or secret slips in,
 * and nothing the package needs (a node, its icon, the README) drops out.
 */
import fs from 'node:fs';
import path from 'node:path';

const LIST_NAME = 'packed-files.txt';

function filesUnder(dir, base = dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
	});
}

/** The expected list: one path a line; blank lines and `#` comments ignored. */
export function readPackedFilesList(toolsDir) {
	const file = path.join(toolsDir, LIST_NAME);
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'));
}

/**
 * @param {string} extractDir the tarball's package/ folder, extracted
 * @param {string[]} expected the listed paths
 */
export function checkPackedFiles(extractDir, expected) {
	const packed = filesUnder(extractDir).sort();
	const listed = new Set(expected);
	const findings = [];
	const where = `tools/lint/${LIST_NAME}`;
	for (const file of packed) {
		if (!listed.has(file)) {
			findings.push({
				file,
				line: 0,
				column: 0,
				severity: 'error',
				rule: 'packed-files',
				message: `packed but not listed in ${where}`,
			});
		}
	}
	const present = new Set(packed);
	for (const file of expected) {
		if (!present.has(file)) {
			findings.push({
				file,
				line: 0,
				column: 0,
				severity: 'error',
				rule: 'packed-files',
				message: `listed in ${where} but not packed`,
			});
		}
	}
	return { files: packed.length, errors: findings.length, warnings: 0, findings };
}
