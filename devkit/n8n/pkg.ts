/**
 * Build, pack, and install the package the way n8n installs a community package: `npm pack`, the
 * tarball extracted into <user folder>/.n8n/nodes/node_modules/<name> with dev/peer/optional
 * dependencies removed from its package.json, and the name recorded in .n8n/nodes/package.json
 * (n8n's CommunityPackagesService does exactly these steps). n8n-workflow comes from n8n itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { step } from './log';
import { InstallError, REPO_ROOT } from './install';
import { run } from './proc';

export const PACKAGE_NAME = 'n8n-nodes-altcraft';
export const NODE_TYPE = `${PACKAGE_NAME}.altcraft`;

export interface Packed {
	tarball: string;
	version: string;
	files: string[];
}

/** `npm run build` (unless skipped) and `npm pack` into `outDir`. */
export async function buildAndPack(
	outDir: string,
	logDir: string,
	options: { skipBuild?: boolean } = {},
): Promise<Packed> {
	const logFile = path.join(logDir, 'build-and-pack.log');
	if (options.skipBuild) {
		step('build skipped (--skip-build): packing the dist/ that is there');
	} else {
		step('npm run build');
		const build = await run('npm', ['run', 'build'], { cwd: REPO_ROOT, logFile, timeoutMs: 10 * 60_000 });
		if (build.code !== 0) throw new InstallError('npm run build failed', logFile);
	}
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Altcraft', 'Altcraft.node.js'))) {
		throw new InstallError('dist/ has no Altcraft.node.js: build first', logFile);
	}
	fs.mkdirSync(outDir, { recursive: true });
	step('npm pack');
	const pack = await run('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: REPO_ROOT,
		logFile,
		timeoutMs: 120_000,
	});
	if (pack.code !== 0) throw new InstallError('npm pack failed', logFile);
	const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{
		filename: string;
		version: string;
		files: Array<{ path: string }>;
	}>;
	const tarball = path.join(outDir, info[0].filename);
	const files = info[0].files.map((file) => file.path).sort();
	step(`packed ${path.basename(tarball)}: ${files.join(', ')}`);
	return { tarball, version: info[0].version, files };
}

/** Installs the packed tarball into an n8n user folder as a community package. */
export async function installIntoUserFolder(packed: Packed, userFolder: string, logDir: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const logFile = path.join(logDir, 'install-package.log');
	const untar = await run('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1'], {
		logFile,
		timeoutMs: 60_000,
	});
	if (untar.code !== 0) throw new InstallError('could not extract the packed tarball', logFile);
	const manifestPath = path.join(target, 'package.json');
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) {
		throw new InstallError(
			`the package declares runtime dependencies (${Object.keys(manifest.dependencies).join(', ')}): n8n would npm-install them`,
			logFile,
		);
	}
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const nodesManifest = path.join(nodesDir, 'package.json');
	const current = fs.existsSync(nodesManifest)
		? JSON.parse(fs.readFileSync(nodesManifest, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	current.dependencies = { ...current.dependencies, [PACKAGE_NAME]: packed.version };
	fs.writeFileSync(nodesManifest, JSON.stringify(current, null, 2));
	const entries = fs.readdirSync(target).sort();
	const unexpected = entries.filter((entry) => !['package.json', 'dist', 'LICENSE', 'README.md'].includes(entry));
	if (unexpected.length > 0)
		throw new InstallError(
			`the installed package holds more than package.json + dist: ${unexpected.join(', ')}`,
			logFile,
		);
	return target;
}
