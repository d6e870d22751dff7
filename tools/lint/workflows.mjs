/**
 * Lints the GitHub Actions workflows in .github/workflows/:
 *   1. each file against GitHub's workflow schema, with @action-validator/core (pinned in
 *      ./package.json; the same check as its `action-validator` CLI, called in-process so the
 *      findings come back as data);
 *   2. the project's own rules, which a schema cannot know:
 *      - publish.yml publishes to npm with a provenance statement, as n8n's verification
 *        guidelines require: it runs on a pushed tag, its job may mint an OIDC token
 *        (`id-token: write`), and it installs, builds, lints and tests before
 *        `npm publish --provenance --access public`;
 *      - ci.yml runs .ci/run, the one CI script, on pushes and pull requests.
 * Findings have the shape of the ESLint ones in run.mjs, so they print and count the same way.
 */
import fs from 'node:fs';
import path from 'node:path';

const WORKFLOWS_DIR = path.join('.github', 'workflows');
const PUBLISH_FILE = 'publish.yml';
const CI_FILE = 'ci.yml';
/** What the publish job must run, in this order, before it publishes. */
const BEFORE_PUBLISH = [
	{ label: 'npm ci', pattern: /\bnpm ci\b/ },
	{ label: 'npm run build', pattern: /\bnpm run build\b/ },
	{ label: 'npm run lint', pattern: /\bnpm run lint\b/ },
	{ label: 'npm test', pattern: /\bnpm (?:run )?test\b/ },
];
const PUBLISH_COMMAND = /\bnpm publish\b/;

function finding(file, rule, message, line = 0, column = 0) {
	return { file, line, column, severity: 'error', rule, message };
}

/**
 * action-validator nests the reasons of a failed oneOf in `states`, one per alternative (e.g. a
 * job that runs steps, or a job that calls a reusable workflow). Report the alternative that came
 * closest, the one with the fewest errors: its errors are the ones the author meant to fix.
 */
function flattenSchemaErrors(errors) {
	const out = [];
	for (const error of errors) {
		const states = (error.states ?? []).filter((state) => (state.errors ?? []).length > 0);
		if (states.length > 0) {
			const closest = states.reduce((best, state) => (state.errors.length < best.errors.length ? state : best));
			out.push(...flattenSchemaErrors(closest.errors));
			continue;
		}
		const where = error.path ?? '';
		const detail = error.detail ? `: ${error.detail}` : '';
		out.push({
			message: `${where ? `${where} ` : ''}${error.title}${detail}`,
			line: error.location?.line ?? 0,
			column: error.location?.column ?? 0,
		});
	}
	// oneOf alternatives often repeat the same reason.
	return out.filter((e, i) => out.findIndex((o) => o.message === e.message) === i);
}

function jobPermission(doc, job, name) {
	return job?.permissions?.[name] ?? doc?.permissions?.[name];
}

function runsOf(job) {
	return (job?.steps ?? []).map((step) => (typeof step?.run === 'string' ? step.run : ''));
}

function triggers(doc) {
	const on = doc?.on;
	if (typeof on === 'string') return { [on]: null };
	if (Array.isArray(on)) return Object.fromEntries(on.map((name) => [name, null]));
	return on ?? {};
}

function checkPublish(file, doc) {
	const findings = [];
	const rule = 'publish-provenance';
	const push = triggers(doc).push;
	if (!push?.tags) {
		findings.push(finding(file, rule, 'must run on pushed version tags (on.push.tags)'));
	}
	const jobs = Object.entries(doc?.jobs ?? {});
	const publishing = jobs.filter(([, job]) => runsOf(job).some((run) => PUBLISH_COMMAND.test(run)));
	if (publishing.length !== 1) {
		findings.push(finding(file, rule, `exactly one job must run \`npm publish\` (found ${publishing.length})`));
		return findings;
	}
	const [name, job] = publishing[0];
	if (jobPermission(doc, job, 'id-token') !== 'write') {
		findings.push(
			finding(file, rule, `job ${name} needs \`permissions: id-token: write\` to sign the provenance statement`),
		);
	}
	const runs = runsOf(job);
	const publishAt = runs.findIndex((run) => PUBLISH_COMMAND.test(run));
	const publish = runs[publishAt];
	for (const flag of ['--provenance', '--access public']) {
		if (!publish.includes(flag)) {
			findings.push(finding(file, rule, `job ${name}: \`npm publish\` must have ${flag}`));
		}
	}
	let from = 0;
	for (const { label, pattern } of BEFORE_PUBLISH) {
		const at = runs.findIndex((run, i) => i >= from && i < publishAt && pattern.test(run));
		if (at === -1) {
			findings.push(
				finding(
					file,
					rule,
					`job ${name} must run \`${label}\` before \`npm publish\` (order: ${BEFORE_PUBLISH.map((s) => s.label).join(', ')})`,
				),
			);
		} else {
			from = at + 1;
		}
	}
	return findings;
}

function checkCi(file, doc) {
	const findings = [];
	const rule = 'ci-runs-ci-script';
	const on = triggers(doc);
	for (const event of ['push', 'pull_request']) {
		if (!(event in on)) findings.push(finding(file, rule, `must run on ${event}`));
	}
	const runsScript = Object.values(doc?.jobs ?? {}).some((job) =>
		runsOf(job).some((run) => /(^|\s)\.ci\/run(\s|$)/.test(run.trim())),
	);
	if (!runsScript) findings.push(finding(file, rule, 'a step must run .ci/run'));
	return findings;
}

/**
 * @param {string} root the repository
 * @param {{ validateWorkflow: (src: string) => { errors: object[] }, yaml: { load: (src: string) => unknown } }} tools
 */
export function lintWorkflows(root, tools) {
	const dir = path.join(root, WORKFLOWS_DIR);
	const findings = [];
	const names = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((name) => /\.ya?ml$/.test(name))
				.sort()
		: [];
	const docs = new Map();
	for (const name of names) {
		const file = `${WORKFLOWS_DIR.split(path.sep).join('/')}/${name}`;
		const src = fs.readFileSync(path.join(dir, name), 'utf8');
		for (const e of flattenSchemaErrors(tools.validateWorkflow(src).errors ?? [])) {
			findings.push(finding(file, 'action-validator', e.message, e.line, e.column));
		}
		try {
			docs.set(name, { file, doc: tools.yaml.load(src) });
		} catch (error) {
			findings.push(
				finding(
					file,
					'yaml',
					error.message.split('\n')[0],
					(error.mark?.line ?? -1) + 1,
					(error.mark?.column ?? -1) + 1,
				),
			);
		}
	}
	for (const [name, check] of [
		[PUBLISH_FILE, checkPublish],
		[CI_FILE, checkCi],
	]) {
		const entry = docs.get(name);
		if (entry) findings.push(...check(entry.file, entry.doc));
		else if (!names.includes(name)) {
			findings.push(
				finding(`${WORKFLOWS_DIR.split(path.sep).join('/')}/${name}`, 'workflow-missing', 'this workflow is missing'),
			);
		}
	}
	findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	return { files: names.length, errors: findings.length, warnings: 0, findings };
}
