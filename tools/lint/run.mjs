#!/usr/bin/env node
/**
 * Lints this package with n8n's official community-package scan rules.
 *
 * The rules are the ones `@n8n/scan-community-package` (pinned in ./package.json)
 * enforces. That scanner only takes packages from the npm registry, so this runner
 * lints the local checkout instead, the same two ways the scanner lints a published
 * package:
 *   1. source:  package.json and {nodes,credentials}/**\/*.{js,ts,json} of the repo
 *   2. tarball: `npm pack` of the repo, every *.js and package.json in it
 * Both legs use the scanner's own ESLint config (its exported `buildScanConfig`) and
 * the same ESLint options as its `analyzePackage` (inline config comments ignored).
 * Two more checks ride along, since they need the same tools and the same tarball:
 *   3. workflows: .github/workflows/*.yml against GitHub's schema and the project's
 *      publishing rules (./workflows.mjs), with the source leg;
 *   4. packed files: the tarball holds exactly the files in ./packed-files.txt
 *      (./packed-files.mjs), with the tarball leg.
 * Then n8n's own node tool, `@n8n/node-cli` (./n8n-node.mjs), over the package's source:
 *   5. n8n-node lint: ESLint 9 with the tool's default eslint.config.mjs, with the source leg;
 *   6. n8n-node build: compared with gulp's dist/ (entries, icons, codex, descriptions), with the
 *      tarball leg.
 * And the user pages (./docs.mjs), with the source leg:
 *   7. docs: README.md at most 250 lines; links and images in README.md and docs/*.md resolve.
 *
 * The lint tools live in their own npm project (tools/lint) because the community-nodes
 * ESLint plugin wants n8n-workflow >= 2, while the package itself builds against 1.x.
 * They are installed here on demand with `npm ci` when node_modules is missing or was
 * installed from another package-lock.json.
 *
 * Usage: node tools/lint/run.mjs [--source-only | --tarball-only] [--root DIR]
 *                                 [--no-install] [--parity] [--keep-tmp]
 * Exit status: 0 no errors (warnings allowed), 1 lint errors, 2 could not lint.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkDocs } from './docs.mjs';
import { n8nNodeBuild, n8nNodeLint, stagePackage } from './n8n-node.mjs';
import { checkPackedFiles, readPackedFilesList } from './packed-files.mjs';
import { lintWorkflows } from './workflows.mjs';

const TOOLS_DIR = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_ROOT = path.resolve(TOOLS_DIR, '..', '..');
const LOCK_FILE = path.join(TOOLS_DIR, 'package-lock.json');
const NODE_MODULES = path.join(TOOLS_DIR, 'node_modules');
// Written after a successful `npm ci`: the sha256 of the lock file it installed.
// npm ci wipes node_modules first, so a failed or partial install leaves no stamp.
const STAMP_FILE = path.join(NODE_MODULES, '.lint-tools-lock.sha256');
const SCANNER_ENTRY = path.join(NODE_MODULES, '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
const NODE_CLI_BIN = path.join(NODE_MODULES, '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
// What the scanner lints in the published tarball (see analyzePackageByName in scanner.mjs).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
// What analyzePackage leaves out of its glob.
const GLOB_IGNORE = ['node_modules/**', '**/package-lock.json'];

const USAGE = `Usage: node tools/lint/run.mjs [options]

Lints the package with n8n's community-package scan rules
(@n8n/scan-community-package, pinned in tools/lint/package.json):
  source   package.json and {nodes,credentials}/**/*.{js,ts,json}
  tarball  npm pack of the package (dist/ must be built): every *.js and package.json
and checks, with the source leg, .github/workflows/*.yml (GitHub's schema, publishing with
provenance, CI running .ci/run) and, with the tarball leg, that the tarball holds exactly
the files listed in tools/lint/packed-files.txt. Then n8n's node tool (@n8n/node-cli) over
the package's source (package.json, eslint.config.mjs, tsconfig.json, nodes/, credentials/):
  n8n-node lint   with the source leg: ESLint 9, the tool's default config, strict mode
  n8n-node build  with the tarball leg: compared with gulp's dist/
and, with the source leg, the user pages: README.md at most 250 lines, every relative link and
image in README.md and docs/*.md leading to a file (and heading) that exists.

Options:
  --source-only    lint the source and the workflows only (no dist/ needed)
  --tarball-only   lint the packed tarball and its file list only
  --root DIR       package to lint (default: the repo holding tools/lint)
  --no-install     never run npm ci; fail if tools/lint/node_modules is missing or stale
  --parity         also run the scanner's own analyzePackage() on each leg and check
                   that it passes/fails exactly when this runner finds errors
  --keep-tmp       keep the temporary folder with the packed tarball (path is printed)
  -h, --help       this text

Exit status: 0 no errors (warnings allowed), 1 lint errors, 2 could not lint.`;

class SetupError extends Error {
	constructor(message, reason) {
		super(message);
		this.reason = reason; // short form for the summary line
	}
}

function parseArgs(argv) {
	const opts = {
		source: true,
		tarball: true,
		root: DEFAULT_ROOT,
		install: true,
		parity: false,
		keepTmp: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--source-only') opts.tarball = false;
		else if (arg === '--tarball-only') opts.source = false;
		else if (arg === '--no-install') opts.install = false;
		else if (arg === '--parity') opts.parity = true;
		else if (arg === '--keep-tmp') opts.keepTmp = true;
		else if (arg === '--root' || arg.startsWith('--root=')) {
			const value = arg === '--root' ? argv[++i] : arg.slice('--root='.length);
			if (!value) throw new SetupError('--root needs a directory');
			opts.root = path.resolve(value);
		} else if (arg === '-h' || arg === '--help') {
			opts.help = true;
		} else {
			throw new SetupError(`unknown argument: ${arg}\n\n${USAGE}`);
		}
	}
	if (!opts.source && !opts.tarball) {
		throw new SetupError('--source-only and --tarball-only exclude each other');
	}
	return opts;
}

function log(message) {
	process.stderr.write(`${message}\n`);
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

// ---------------------------------------------------------------------------
// Tool installation

function lockHash() {
	if (!fs.existsSync(LOCK_FILE)) {
		throw new SetupError(
			`${path.relative(process.cwd(), LOCK_FILE) || LOCK_FILE} is missing; ` +
				'create it with `npm install --ignore-scripts` in tools/lint',
		);
	}
	return createHash('sha256').update(fs.readFileSync(LOCK_FILE)).digest('hex');
}

function toolsAreFresh(hash) {
	try {
		return (
			fs.readFileSync(STAMP_FILE, 'utf8').trim() === hash && fs.existsSync(SCANNER_ENTRY) && fs.existsSync(NODE_CLI_BIN)
		);
	} catch {
		return false;
	}
}

function ensureTools({ install }) {
	const hash = lockHash();
	if (toolsAreFresh(hash)) return;

	const why = fs.existsSync(NODE_MODULES)
		? 'tools/lint/node_modules does not match tools/lint/package-lock.json'
		: 'tools/lint/node_modules is missing';
	if (!install) {
		throw new SetupError(`${why}; run: npm ci --ignore-scripts --no-audit --no-fund --prefix tools/lint`);
	}
	log(`lint: ${why}; installing the lint tools (npm ci)...`);
	const started = Date.now();
	// --ignore-scripts: n8n-workflow 2.x (a peer of the ESLint plugin) would otherwise
	// try to build isolated-vm. --loglevel=error hides its harmless engine warning.
	const args = ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', TOOLS_DIR];
	const result = spawnSync(npmCommand(), args, {
		cwd: TOOLS_DIR,
		// npm's own output goes to stderr so stdout carries only the lint report.
		stdio: ['ignore', 2, 2],
		shell: process.platform === 'win32',
	});
	if (result.error) throw new SetupError(`could not run npm: ${result.error.message}`);
	if (result.status !== 0) {
		throw new SetupError(`npm ${args.join(' ')} failed with exit status ${result.status}`);
	}
	if (!fs.existsSync(SCANNER_ENTRY)) {
		throw new SetupError(`npm ci succeeded but ${SCANNER_ENTRY} is missing`);
	}
	fs.writeFileSync(STAMP_FILE, `${hash}\n`);
	log(`lint: lint tools installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function loadTools() {
	const scanner = await import(pathToFileURL(SCANNER_ENTRY).href);
	for (const name of ['buildScanConfig', 'analyzePackage', 'SOURCE_FILE_PATTERNS']) {
		if (!(name in scanner)) {
			throw new SetupError(`the installed scanner does not export ${name}; check its version`);
		}
	}
	// Resolve ESLint, fast-glob and tmp exactly as the scanner does, so both use one copy.
	const requireFromScanner = createRequire(SCANNER_ENTRY);
	const { ESLint } = requireFromScanner('eslint');
	const glob = requireFromScanner('fast-glob');
	// Importing scanner.mjs creates a temp dir (tmp.dirSync) that tmp only removes on
	// exit when graceful cleanup is on.
	requireFromScanner('tmp').setGracefulCleanup();
	const version = JSON.parse(
		fs.readFileSync(path.join(path.dirname(SCANNER_ENTRY), '..', 'package.json'), 'utf8'),
	).version;
	const requireFromTools = createRequire(path.join(TOOLS_DIR, 'package.json'));
	const { validateWorkflow } = requireFromTools('@action-validator/core');
	const yaml = requireFromTools('js-yaml');
	return { scanner, ESLint, glob, version, validateWorkflow, yaml };
}

// ---------------------------------------------------------------------------
// Linting

/**
 * Lints `dir` the way the scanner's analyzePackage(dir, patterns) does, but keeps
 * every message (warnings too) instead of a pass/fail and a stylish text.
 */
async function lintDir(tools, dir, patterns) {
	const eslint = new tools.ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await tools.scanner.buildScanConfig(),
	});
	const files = tools.glob.sync(patterns, { cwd: dir, absolute: true, ignore: GLOB_IGNORE });
	const results = files.length > 0 ? await eslint.lintFiles(files) : [];
	let errors = 0;
	let warnings = 0;
	const findings = [];
	for (const result of results) {
		errors += result.errorCount;
		warnings += result.warningCount;
		const file = path.relative(dir, result.filePath).split(path.sep).join('/');
		for (const m of result.messages) {
			findings.push({
				file,
				line: m.line ?? 0,
				column: m.column ?? 0,
				severity: m.severity === 2 ? 'error' : 'warning',
				rule: m.ruleId ?? (m.fatal ? 'parse-error' : 'eslint'),
				message: m.message.replace(/\s+/g, ' ').trim(),
			});
		}
	}
	findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
	return { files: files.length, errors, warnings, findings };
}

async function checkParity(tools, label, dir, patterns, outcome) {
	const verdict = await tools.scanner.analyzePackage(dir, patterns);
	const expected = outcome.errors === 0;
	if (verdict.passed !== expected) {
		throw new SetupError(
			`parity check failed on ${label}: analyzePackage says passed=${verdict.passed} ` +
				`(${verdict.message ?? 'no message'}) but this runner found ${outcome.errors} errors`,
		);
	}
	log(`lint: parity ${label}: analyzePackage passed=${verdict.passed}, runner agrees`);
}

function printLeg(label, where, outcome) {
	const lines = [`${label}: ${where} (${outcome.files} files)`];
	for (const f of outcome.findings) {
		lines.push(`  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

function count(n, word) {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(outcome) {
	if (outcome.skipped) return outcome.skipped;
	return `${count(outcome.errors, 'error')}, ${count(outcome.warnings, 'warning')}`;
}

function packTarball(root, tmpDir) {
	const distDir = path.join(root, 'dist');
	if (!fs.existsSync(distDir) || !fs.statSync(distDir).isDirectory()) {
		throw new SetupError(
			`${distDir} is missing: build the package first (npm run build), ` +
				'or lint the source alone with --source-only',
			'dist/ missing',
		);
	}
	const packDir = path.join(tmpDir, 'pack');
	const extractDir = path.join(tmpDir, 'package');
	fs.mkdirSync(packDir);
	fs.mkdirSync(extractDir);

	const pack = spawnSync(npmCommand(), ['pack', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: root,
		encoding: 'utf8',
		shell: process.platform === 'win32',
	});
	if (pack.error) throw new SetupError(`could not run npm pack: ${pack.error.message}`);
	if (pack.status !== 0) {
		throw new SetupError(`npm pack failed (exit ${pack.status}):\n${pack.stderr}${pack.stdout}`, 'npm pack failed');
	}
	const tarballs = fs.readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
	if (tarballs.length !== 1) {
		throw new SetupError(`npm pack left ${tarballs.length} tarballs in ${packDir}`);
	}
	const tarball = tarballs[0];
	// npm tarballs hold everything under package/.
	const tar = spawnSync('tar', ['-xzf', path.join(packDir, tarball), '-C', extractDir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.error) throw new SetupError(`could not run tar: ${tar.error.message}`);
	if (tar.status !== 0) throw new SetupError(`extracting ${tarball} failed:\n${tar.stderr}`);
	return { tarball, extractDir };
}

// ---------------------------------------------------------------------------

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	if (opts.help) {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	if (!fs.existsSync(path.join(opts.root, 'package.json'))) {
		throw new SetupError(`${opts.root} has no package.json`);
	}

	ensureTools(opts);
	const tools = await loadTools();
	log(`lint: @n8n/scan-community-package ${tools.version} rules, root ${opts.root}`);

	const source = { skipped: 'skipped' };
	const tarball = { skipped: 'skipped' };
	const workflows = { skipped: 'skipped' };
	const packedFiles = { skipped: 'skipped' };
	const nodeLint = { skipped: 'skipped' };
	const nodeBuild = { skipped: 'skipped' };
	const docs = { skipped: 'skipped' };
	let setupError = null;
	const stageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-node-'));
	let staged = false;
	const stage = (name) => {
		const dir = path.join(stageRoot, name);
		stagePackage(opts.root, TOOLS_DIR, dir);
		staged = true;
		return dir;
	};

	if (opts.source) {
		const patterns = tools.scanner.SOURCE_FILE_PATTERNS;
		Object.assign(source, await lintDir(tools, opts.root, patterns), { skipped: undefined });
		printLeg('source', opts.root, source);
		if (opts.parity) await checkParity(tools, 'source', opts.root, patterns, source);

		Object.assign(workflows, lintWorkflows(opts.root, tools), { skipped: undefined });
		printLeg('workflows', '.github/workflows', workflows);

		log("lint: n8n-node lint (ESLint 9, the tool's default config) over the package source...");
		Object.assign(nodeLint, n8nNodeLint(TOOLS_DIR, stage('lint')), { skipped: undefined });
		printLeg('n8n-node lint', 'package.json, nodes/, credentials/', nodeLint);

		Object.assign(docs, checkDocs(opts.root), { skipped: undefined });
		printLeg('docs', 'README.md, docs/*.md', docs);
	}

	if (opts.tarball) {
		const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-lint-'));
		try {
			const { tarball: name, extractDir } = packTarball(opts.root, tmpDir);
			Object.assign(tarball, await lintDir(tools, extractDir, TARBALL_FILE_PATTERNS), {
				skipped: undefined,
			});
			printLeg('tarball', name, tarball);
			Object.assign(packedFiles, checkPackedFiles(extractDir, readPackedFilesList(TOOLS_DIR)), {
				skipped: undefined,
			});
			printLeg('packed files', name, packedFiles);
			if (opts.parity) {
				await checkParity(tools, 'tarball', extractDir, TARBALL_FILE_PATTERNS, tarball);
			}
			log('lint: n8n-node build, compared with the gulp build in dist/...');
			Object.assign(nodeBuild, n8nNodeBuild(TOOLS_DIR, stage('build'), opts.root), { skipped: undefined });
			printLeg('n8n-node build', 'dist/ against n8n-node build', nodeBuild);
		} catch (error) {
			if (!(error instanceof SetupError)) throw error;
			setupError = error;
			tarball.skipped = error.reason ? `not linted (${error.reason})` : 'not linted';
			packedFiles.skipped = tarball.skipped;
			nodeBuild.skipped = tarball.skipped;
		} finally {
			if (opts.keepTmp) log(`lint: kept ${tmpDir}`);
			else fs.rmSync(tmpDir, { recursive: true, force: true });
		}
	}
	if (staged && opts.keepTmp) log(`lint: kept ${stageRoot}`);
	else fs.rmSync(stageRoot, { recursive: true, force: true });

	process.stdout.write(
		`lint: source ${summarize(source)}; tarball ${summarize(tarball)}; ` +
			`workflows ${summarize(workflows)}; packed files ${summarize(packedFiles)}; ` +
			`n8n-node lint ${summarize(nodeLint)}; n8n-node build ${summarize(nodeBuild)}; docs ${summarize(docs)}\n`,
	);
	if (setupError) {
		log(`lint: error: ${setupError.message}`);
		return 2;
	}
	const errors = [source, tarball, workflows, packedFiles, nodeLint, nodeBuild, docs].reduce(
		(n, leg) => n + (leg.errors ?? 0),
		0,
	);
	return errors > 0 ? 1 : 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof SetupError) {
		log(`lint: error: ${error.message}`);
	} else {
		log(`lint: unexpected failure: ${error?.stack ?? error}`);
	}
	process.exitCode = 2;
}
