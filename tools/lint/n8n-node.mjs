/**
 * n8n's own node tool, `@n8n/node-cli` (`n8n-node`, pinned in ./package.json), over the package:
 *   - `n8n-node lint`: ESLint 9 with the tool's default config (`eslint.config.mjs` at the repo
 *     root, unchanged from the tool's template, which strict mode checks);
 *   - `n8n-node build`: tsc plus the icons, compared with what gulp put into dist/.
 *
 * Both run in a staging folder that holds what the tool is made for, the package as published:
 * package.json, eslint.config.mjs, tsconfig.json, nodes/, credentials/ (and icons/ when there is
 * one). The repository's development code (tests, sandbox, devkit, e2e, scripts, tools) is not part of the
 * package, and is a Node program on purpose (process, node:http, timers, literal test tokens), so
 * it stays outside the tool's scope. Every rule applies to the node and credential code.
 *
 * The staging folder's node_modules links to tools/lint's (the tool, ESLint and its plugins) and,
 * for what the package itself imports (fast-xml-parser, @types/node…), to the repo's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_PARTS = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials', 'icons'];
const REQUIRED_PARTS = ['package.json', 'eslint.config.mjs', 'tsconfig.json'];

/** Links every entry of `from` into `to` that `to` does not hold yet; scope folders are merged. */
function linkEntries(from, to) {
	if (!fs.existsSync(from)) return;
	fs.mkdirSync(to, { recursive: true });
	for (const name of fs.readdirSync(from)) {
		const source = path.join(from, name);
		const target = path.join(to, name);
		const isScopeOrBin = name.startsWith('@') || name === '.bin';
		if (isScopeOrBin && fs.statSync(source).isDirectory()) {
			linkEntries(source, target);
		} else if (!fs.existsSync(target)) {
			fs.symlinkSync(fs.realpathSync(source), target);
		}
	}
}

export function stagePackage(root, toolsDir, stageDir) {
	for (const part of REQUIRED_PARTS) {
		if (!fs.existsSync(path.join(root, part))) throw new Error(`${part} is missing at the repo root`);
	}
	fs.mkdirSync(stageDir, { recursive: true });
	for (const part of PACKAGE_PARTS) {
		const source = path.join(root, part);
		if (fs.existsSync(source)) fs.cpSync(source, path.join(stageDir, part), { recursive: true });
	}
	const modules = path.join(stageDir, 'node_modules');
	linkEntries(path.join(toolsDir, 'node_modules'), modules);
	linkEntries(path.join(root, 'node_modules'), modules);
	return stageDir;
}

// eslint prints with colours (n8n-node sets FORCE_COLOR): the report is plain text.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function runTool(toolsDir, stageDir, command) {
	const bin = path.join(toolsDir, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	const result = spawnSync(process.execPath, [bin, command], {
		cwd: stageDir,
		encoding: 'utf8',
		env: { ...process.env, npm_config_user_agent: 'npm', CI: 'true' },
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.error) throw new Error(`could not run n8n-node ${command}: ${result.error.message}`);
	const output = `${result.stdout}${result.stderr}`.replace(ANSI, '');
	return { status: result.status, output };
}

/**
 * `n8n-node lint` in the staging folder. Findings come back with repo-relative paths; the tool's
 * own failures (strict mode: eslint.config.mjs not the default) count as one error.
 */
export function n8nNodeLint(toolsDir, stageDir) {
	const { status, output } = runTool(toolsDir, stageDir, 'lint');
	const findings = [];
	let file = null;
	for (const line of output.split('\n')) {
		if (line.startsWith(stageDir)) {
			file = path.relative(stageDir, line.trim()).split(path.sep).join('/');
			continue;
		}
		const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)\s{2,}(\S+)\s*$/.exec(line);
		if (m && file) {
			findings.push({ file, line: +m[1], column: +m[2], severity: m[3], rule: m[5], message: m[4] });
		}
	}
	const errors = findings.filter((f) => f.severity === 'error').length;
	const warnings = findings.length - errors;
	const files =
		1 +
		['nodes', 'credentials'].flatMap((dir) => listFiles(path.join(stageDir, dir))).filter((f) => f.endsWith('.ts'))
			.length;
	if (status !== 0 && errors === 0) {
		// Not an ESLint finding: strict mode, a config that does not load, a crash.
		const text = output
			.split('\n')
			.map((l) => l.replace(/^[│┌└◇■▲●\s]+/, '').trim())
			.filter(Boolean)
			.slice(0, 12)
			.join(' | ');
		findings.push({
			file: 'eslint.config.mjs',
			line: 0,
			column: 0,
			severity: 'error',
			rule: 'n8n-node',
			message: text,
		});
		return { files, errors: 1, warnings, findings };
	}
	return { files, errors, warnings, findings };
}

function listFiles(dir, base = dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
	});
}

/** The node and credential classes of a dist/ as plain JSON, loaded in a fresh Node process. */
function loadDescriptions(packageDir, entries) {
	const script = `
		const path = require('node:path');
		const out = {};
		for (const entry of ${JSON.stringify(entries)}) {
			// As n8n loads them: the class named like the file.
			const name = path.basename(entry).split('.')[0];
			const instance = new (require(path.resolve(entry))[name])();
			out[entry + ':' + name] = instance.description ?? { ...instance };
		}
		process.stdout.write(JSON.stringify(out));`;
	const result = spawnSync(process.execPath, ['-e', script], { cwd: packageDir, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`loading ${entries.join(', ')} failed:\n${result.stderr}`);
	return JSON.parse(result.stdout);
}

/**
 * `n8n-node build` in the staging folder, compared with gulp's dist/: what n8n and the listing read
 * must be the same. gulp bundles fast-xml-parser into each entry (n8n would otherwise load its own
 * older copy), so the JavaScript files differ by design; checked instead:
 *   - every entry in package.json's n8n.nodes / n8n.credentials exists in both;
 *   - the icons and codex JSON files: the same set in both, the same bytes (JSON: the same data);
 *   - the node and credential classes built both ways describe themselves identically (every
 *     parameter, option, default, icon path, codex reference the editor and listing show).
 */
export function n8nNodeBuild(toolsDir, stageDir, root) {
	const findings = [];
	const add = (file, message) =>
		findings.push({ file, line: 0, column: 0, severity: 'error', rule: 'n8n-node-build', message });
	const { status, output } = runTool(toolsDir, stageDir, 'build');
	if (status !== 0) {
		add('dist', `n8n-node build failed: ${output.split('\n').filter(Boolean).slice(-8).join(' | ')}`);
		return { files: 0, errors: findings.length, warnings: 0, findings };
	}
	const ours = path.join(root, 'dist');
	const theirs = path.join(stageDir, 'dist');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	for (const entry of entries) {
		if (!fs.existsSync(path.join(root, entry))) add(entry, 'missing from the gulp build');
		if (!fs.existsSync(path.join(stageDir, entry))) add(entry, 'missing from the n8n-node build');
	}
	const isAsset = (file) => /\.(png|svg|json)$/.test(file) && !file.endsWith('.map');
	const assetsOurs = new Set(listFiles(ours).filter(isAsset));
	const assetsTheirs = new Set(listFiles(theirs).filter(isAsset));
	for (const file of assetsTheirs) {
		if (!assetsOurs.has(file)) {
			add(`dist/${file}`, 'n8n-node build produces it, gulp does not');
			continue;
		}
		const a = fs.readFileSync(path.join(ours, file));
		const b = fs.readFileSync(path.join(theirs, file));
		const same = file.endsWith('.json')
			? JSON.stringify(JSON.parse(a.toString())) === JSON.stringify(JSON.parse(b.toString()))
			: a.equals(b);
		if (!same) add(`dist/${file}`, 'differs between the gulp and the n8n-node build');
	}
	for (const file of assetsOurs) {
		if (!assetsTheirs.has(file)) add(`dist/${file}`, 'gulp produces it, n8n-node build does not');
	}
	if (findings.length === 0 && entries.length > 0) {
		const a = loadDescriptions(root, entries);
		const b = loadDescriptions(stageDir, entries);
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
				add(key.split(':')[0], `the ${key.split(':')[1]} class describes itself differently in the two builds`);
			}
		}
	}
	const files = assetsTheirs.size + entries.length;
	return { files, errors: findings.length, warnings: 0, findings };
}
