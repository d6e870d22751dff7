const { series, src, dest } = require('gulp');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const entries = [
	'nodes/Altcraft/Altcraft.node.ts',
	'nodes/AltcraftTrigger/AltcraftTrigger.node.ts',
	'credentials/AltcraftApi.credentials.ts',
];

function clean(done) {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	done();
}

function typecheck(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
		stdio: 'inherit',
	});
	done();
}

// n8n loads community packages with its own node_modules on the module path, and it ships an
// older fast-xml-parser: a bare require would silently pick that one up. So every entry is bundled
// with its dependencies, and only n8n-workflow (provided by n8n, and needed as the one shared copy
// for n8n's instanceof checks on errors) stays external.
async function bundle() {
	await esbuild.build({
		entryPoints: entries,
		outdir: 'dist',
		outbase: '.',
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		external: ['n8n-workflow'],
		keepNames: true,
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function assets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = series(clean, typecheck, bundle, assets);
exports.default = exports.build;
