/** The PASS/FAIL table and failure details. */
import { printLog } from '../../devkit/n8n/log';

export interface Row {
	version: string;
	example: string;
	ok: boolean;
	seconds: number;
	launches: number | string;
	failures: string[];
	logs: string[];
}

function pad(text: string, width: number): string {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function printTable(rows: Row[]): void {
	const headers = ['n8n', 'example', 'result', 'time', 'launches'];
	const cells = rows.map((row) => [
		row.version,
		row.example,
		row.ok ? 'PASS' : 'FAIL',
		`${row.seconds.toFixed(1)} s`,
		String(row.launches),
	]);
	const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((cell) => cell[column].length)));
	const line = (values: string[]) => `| ${values.map((value, column) => pad(value, widths[column])).join(' | ')} |`;
	console.log('');
	console.log(line(headers));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const cell of cells) console.log(line(cell));
	console.log('');
}

export function printFailures(rows: Row[]): void {
	for (const row of rows.filter((candidate) => !candidate.ok)) {
		console.log(`FAIL n8n ${row.version} ${row.example}:`);
		for (const failure of row.failures) console.log(`  - ${failure}`);
		for (const log of row.logs) printLog(log);
	}
}
