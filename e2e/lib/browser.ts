/**
 * Headless Chromium for the editor test: Debian's `chromium` package (installed with apt-get when
 * missing and we are root, as on CI), driven by playwright-core installed into .n8n-cache/playwright
 * (not the repo's devDependencies; `npx playwright install` cannot download browsers here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { step } from '../../devkit/n8n/log';
import { CACHE_DIR, InstallError } from '../../devkit/n8n/install';
import { run } from '../../devkit/n8n/proc';

const PLAYWRIGHT_VERSION = '1.65.1';
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
];

export async function ensureChromium(logDir: string): Promise<string> {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const logFile = path.join(logDir, 'install-chromium.log');
	if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
		throw new InstallError(
			`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set E2E_CHROMIUM`,
			logFile,
		);
	}
	step('installing chromium with apt-get (about a minute)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = await run('apt-get', ['update'], { env, logFile, timeoutMs: 10 * 60_000 });
	if (update.code !== 0) throw new InstallError('apt-get update failed', logFile);
	const install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
		env,
		logFile,
		timeoutMs: 20 * 60_000,
		heartbeatMs: 30_000,
		label: 'apt-get install chromium',
	});
	if (install.code !== 0 || !fs.existsSync(CHROMIUM))
		throw new InstallError('apt-get install chromium failed', logFile);
	return CHROMIUM;
}

/** playwright-core from .n8n-cache/playwright, installed there when missing. */
/** playwright-core is not a dependency of the repo, so its types are not either. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Playwright = any;

export async function loadPlaywright(logDir: string): Promise<Playwright> {
	const dir = path.join(CACHE_DIR, 'playwright');
	const manifest = path.join(dir, 'node_modules', 'playwright-core', 'package.json');
	const installed = fs.existsSync(manifest)
		? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version
		: undefined;
	if (installed !== PLAYWRIGHT_VERSION) {
		step(`installing playwright-core ${PLAYWRIGHT_VERSION} into ${path.relative(process.cwd(), dir)}`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			`${JSON.stringify({ name: 'altcraft-e2e-browser-tools', private: true, dependencies: { 'playwright-core': PLAYWRIGHT_VERSION } }, null, 2)}\n`,
		);
		const logFile = path.join(logDir, 'install-playwright.log');
		const result = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			logFile,
			timeoutMs: 10 * 60_000,
		});
		if (result.code !== 0) throw new InstallError('npm install playwright-core failed', logFile);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(dir, 'node_modules', 'playwright-core'));
}
