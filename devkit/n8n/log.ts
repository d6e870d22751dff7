/**
 * Progress output and per-command log files for the e2e scripts.
 * Every command's stdout/stderr goes to a file in one temp folder; on failure the caller prints it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const started = Date.now();

export function elapsed(since = started): string {
	const seconds = (Date.now() - since) / 1000;
	return seconds < 90 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function step(message: string): void {
	console.log(`[e2e ${elapsed()}] ${message}`);
}

export function makeLogDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** The last `maxLines` lines of a log file, indented, for failure reports. */
export function tailOf(file: string, maxLines = 80): string {
	if (!fs.existsSync(file)) return `    (no log at ${file})`;
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	const shown = lines.slice(-maxLines);
	const cut = lines.length > shown.length ? `    … ${lines.length - shown.length} earlier lines in ${file}\n` : '';
	return cut + shown.map((line) => `    ${line}`).join('\n');
}

export function printLog(file: string, maxLines = 80): void {
	console.log(`  --- ${file} ---`);
	console.log(tailOf(file, maxLines));
	console.log('  ---');
}
