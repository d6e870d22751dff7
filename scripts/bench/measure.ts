/**
 * One timed run inside a real n8n: `n8n execute --id` (n8n reads the workflow and the credential
 * from its database and decrypts the credential itself, as in production). What is reported comes
 * from n8n's own run data for the measured node: its start time and execution time. Module loading,
 * start-up, the rows' Code node and the printing of the result are outside that window.
 *
 * Memory: the process's RSS is sampled from /proc every few milliseconds; the peak is the highest
 * sample inside the measured node's window (the process peaks again later, when n8n prints the
 * whole run as JSON, which says nothing about the node).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunOutput, type N8nHome } from '../../devkit/n8n/install';
import { MEASURED } from './workflows';

const SAMPLE_MS = 5;
const PAGE = 4096;

export interface Measurement {
	/** Seconds the measured node ran, by n8n's clock. */
	seconds: number;
	outputs: number;
	/** Output items that carry an error. */
	failed: number;
	firstError?: string;
	peakRssMb: number;
	/** RSS when the node started (the rows are in memory by then). */
	startRssMb: number;
}

interface Sample {
	at: number;
	rss: number;
}

function rssOf(pid: number): number | undefined {
	try {
		return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
	} catch {
		return undefined;
	}
}

/** Runs a stored workflow once; `extraNodeFlags` go to the Node running n8n (e.g. --cpu-prof). */
export async function measureRun(
	home: N8nHome,
	workflowId: string,
	logName: string,
	extraNodeFlags: string[] = [],
): Promise<Measurement> {
	// stdout into a file, not a pipe: n8n exits right after printing the run, and a pipe would
	// lose what was not flushed yet (a 10,000-item run is several MB of JSON).
	const logFile = join(home.logDir, `${logName}.log`);
	const stdoutFile = `${logFile}.stdout`;
	const stdoutFd = openSync(stdoutFile, 'w');
	const child = spawn(
		home.install.node,
		[...extraNodeFlags, home.install.bin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: home.userFolder,
			env: home.env,
			stdio: ['ignore', stdoutFd, 'pipe'],
		},
	);
	closeSync(stdoutFd);
	const samples: Sample[] = [];
	const sampler = setInterval(() => {
		const rss = child.pid === undefined ? undefined : rssOf(child.pid);
		if (rss !== undefined) samples.push({ at: Date.now(), rss });
	}, SAMPLE_MS);
	const err: Buffer[] = [];
	child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const stdout = readFileSync(stdoutFile, 'utf8');
	writeFileSync(
		logFile,
		`exit ${code}\n--- stderr ---\n${Buffer.concat(err).toString('utf8')}\n--- stdout: ${stdoutFile} ---\n`,
	);

	const run = parseRunOutput(stdout);
	const task = run?.data?.resultData?.runData?.[MEASURED]?.[0];
	if (code !== 0 || !task) {
		const error = run?.data?.resultData?.error?.message;
		throw new Error(
			`n8n execute ${workflowId} failed (exit ${code})${error ? `: ${error}` : run ? '' : ', no run data in its output'}; log: ${logFile}`,
		);
	}
	rmSync(stdoutFile);
	const items = (task.data?.main?.[0] ?? []) as Array<{ json: Record<string, unknown> }>;
	const failed = items.filter((item) => item.json.error !== undefined && item.json.error !== 0);
	const start = task.startTime as number;
	const end = start + (task.executionTime as number);
	// The samples inside the window, plus the one just before and after it (a no-op lasts less
	// than one sample interval).
	const inside = samples.filter((sample) => sample.at >= start - SAMPLE_MS && sample.at <= end + SAMPLE_MS);
	const before = samples.filter((sample) => sample.at < start).pop();
	const window = inside.length > 0 ? inside : before ? [before] : samples.slice(-1);
	return {
		seconds: task.executionTime / 1000,
		outputs: items.length,
		failed: failed.length,
		firstError: failed[0] ? JSON.stringify(failed[0].json).slice(0, 300) : undefined,
		peakRssMb: Math.max(...window.map((sample) => sample.rss)) / 2 ** 20,
		startRssMb: (before ?? window[0]).rss / 2 ** 20,
	};
}
