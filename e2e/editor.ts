/**
 * Editor test: the package in a real n8n editor, driven by headless Chromium.
 *   npm run test:editor                         n8n 1.123.81 (newest 1.x); screenshots into the temp folder
 *   npm run test:editor -- --update-docs        also write the screenshots to docs/screenshots/, with the
 *                                               hash of the node description they show (description.sha256)
 *   npm run test:editor -- --n8n 2              n8n 2.41.1 instead (also: oldest = 1.123.50, or a pinned version)
 *   npm run test:editor -- --skip-build --keep
 *
 * It starts the sandbox and `n8n start` with the packed package installed as a community package,
 * the sandbox credential and the examples imported, sets up the owner through POST /rest/owner/setup,
 * then in the browser: opens the form example and its Altcraft node, checks the parameters render,
 * opens the Trigger Mailing "From List" picker (it must list the sandbox's launchable trigger
 * mailings), runs the node with "Execute step" (one launch must reach the sandbox), opens Launch Mode
 * (its modes and their descriptions), switches Identify Profile By through all its options and Launch
 * Mode to "Profiles Matching a Query", checking each one's fields, turns on Options → Dry Run (the
 * notice in the panel, "Dry Run" in the canvas subtitle), and on the trigger-link example checks
 * Identify Profile By, Email and Send As. Without --update-docs it also checks
 * that the screenshots in docs/screenshots/ show the description built now.
 * Ends with "N passed, M failed" like the e2e runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoData, startSandbox, type Sandbox } from '../sandbox';
import { CHROMIUM_ARGS, ensureChromium, loadPlaywright } from './lib/browser';
import { makeLogDir, step } from '../devkit/n8n/log';
import { InstallError, REPO_ROOT, ensureN8n, makeHome, parseVersions } from '../devkit/n8n/install';
import { buildAndPack } from '../devkit/n8n/pkg';
import { onInterrupt } from '../devkit/n8n/proc';
import { printFailures, printTable, type Row } from './lib/report';
import { screenshotsRow } from './lib/screenshots';
import { ensureOwner, startN8n, type RunningN8n } from './lib/server';
import { CREDENTIAL, prepareHome } from '../devkit/n8n/setup';
import { triggerPanelCheck } from './lib/triggerEditor';
import { listExamples, loadExample, pointLinksAt } from '../devkit/examples/workflows';
import { argValue } from './lib/args';
import { DESCRIPTION_HASH_FILE, writeDescriptionHash } from '../devkit/description-hash';

const EXAMPLE = 'form-submission-launch.json';
const LINK_EXAMPLE = 'link-launch-v10.json';
const DOCS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Parameters each Identify Profile By option must show, and those it must hide. */
const MATCHING: Array<{ option: string; shows: string[] }> = [
	{ option: 'Custom Field', shows: ['fieldName', 'fieldValue'] },
	{ option: 'Email', shows: ['email'] },
	{ option: 'Phone', shows: ['phone'] },
	{ option: 'Profile ID', shows: ['profileId'] },
];
const MATCH_FIELDS = ['email', 'phone', 'profileId', 'fieldName', 'fieldValue', 'customRequest'];
/** Launch's modes, named by outcome, each with a description that says when to use it. */
const LAUNCH_MODES = [
	'One Message per Item',
	'Same Message to All Items',
	'Own Data per Item, Sent in Bulk',
	'Profiles Matching a Query',
];
const DRY_RUN_NOTICE = 'Dry Run is on: this node sends nothing to Altcraft';
/** The first launchable trigger mailings of the sandbox's demo data, as the picker must show them (over 1,000 follow). */
const EXPECTED_TRIGGERS = ['Welcome series (ID 84)', 'New videos digest (ID 96)'];
/** Demo trigger mailings no API call can launch: the picker must never show them. */
const NOT_LAUNCHABLE = new Set(
	demoData.triggers
		.filter((trigger) => trigger.type !== 'api_call')
		.map((trigger) => `${trigger.name} (ID ${trigger.id})`),
);

interface Check {
	name: string;
	run: () => Promise<void>;
}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const [version] = parseVersions(argValue(args, 'n8n') ?? process.env.E2E_N8N ?? '1');
	const keep = args.includes('--keep');
	const tmp = makeLogDir('altcraft-editor');
	const shotsDir = path.join(tmp, 'screenshots');
	fs.mkdirSync(shotsDir, { recursive: true });
	const updateDocs = args.includes('--update-docs');
	const started = Date.now();
	step(`logs: ${tmp}`);

	const sandbox: Sandbox = await startSandbox();
	let server: RunningN8n | undefined;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let browser: any;
	onInterrupt(async () => {
		await browser?.close().catch(() => undefined);
		await sandbox.close();
	});
	const rows: Row[] = [];
	const pageProblems: string[] = [];
	const finish = async (): Promise<void> => {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		await sandbox.close();
	};

	try {
		const [chromium, playwright] = await Promise.all([ensureChromium(tmp), loadPlaywright(tmp)]);
		const packed = await buildAndPack(path.join(tmp, 'pack'), tmp, { skipBuild: args.includes('--skip-build') });
		const install = await ensureN8n(version, tmp);
		const home = await makeHome(install, path.join(tmp, 'home'), tmp, { N8N_SECURE_COOKIE: 'false' });
		await prepareHome(
			home,
			packed,
			sandbox,
			listExamples().map((file) => ({ id: loadExample(file).id, json: pointLinksAt(loadExample(file), sandbox.url) })),
		);
		server = await startN8n(home, 'editor');
		const cookie = await ensureOwner(server.url);
		step('owner set up through POST /rest/owner/setup');

		browser = await playwright.chromium.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = cookie.split(/=(.*)/s);
		await context.addCookies([{ name, value, url: server.url }]);
		const page = await context.newPage();
		page.setDefaultTimeout(60_000); // a loaded, shared machine: the first page load alone can take half a minute
		// n8n's own calls to the internet (banners, templates) and licensed features fail here; only
		// errors that concern the node, its parameters or its list searches count.
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		page.on('pageerror', (error: any) => pageProblems.push(`page error: ${error.message}`));
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		page.on('console', (message: any) => {
			if (message.type() === 'error' && /altcraft/i.test(message.text()))
				pageProblems.push(`console error: ${message.text()}`);
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		page.on('response', (response: any) => {
			if (
				response.status() >= 400 &&
				/\/rest\/(dynamic-node-parameters|node-types|credentials|workflows\/[^/]+\/run)/.test(response.url())
			) {
				pageProblems.push(`HTTP ${response.status()} from ${response.url()}`);
			}
		});

		const workflow = loadExample(EXAMPLE);
		const nodeName = workflow.nodes.find((node) => node.type === 'n8n-nodes-altcraft.altcraft')!.name;
		const ndv = page.locator('[data-test-id="ndv"]');
		const parameter = (name: string) =>
			ndv.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`);
		const choose = async (name: string, option: string) => {
			await parameter(name).click();
			await page
				.locator('.el-select-dropdown__item:visible')
				.filter({ has: page.getByText(option, { exact: true }) })
				.click();
		};
		const shot = async (file: string) => {
			await page.waitForTimeout(600); // dropdowns fade in
			await page.screenshot({ path: path.join(shotsDir, file) });
		};

		const checks: Check[] = [
			{
				name: 'editor: example workflow opens with the Altcraft node',
				run: async () => {
					await page.goto(`${server!.url}/workflow/${workflow.id}`);
					const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
					await node.waitFor();
					assert(
						(await node.getAttribute('data-node-type')) === 'n8n-nodes-altcraft.altcraft',
						'the canvas node is not n8n-nodes-altcraft.altcraft',
					);
					await shot('editor-canvas.png');
					await node.dblclick();
					await ndv.waitFor();
				},
			},
			{
				name: 'editor: node panel renders credential and parameters',
				run: async () => {
					for (const name of ['resource', 'operation', 'triggerMailing', 'launchMode', 'matching', 'email']) {
						await parameter(name).waitFor({ state: 'visible' });
					}
					const credential = await ndv.locator('[data-test-id="node-credentials-select"] input').inputValue();
					assert(credential === CREDENTIAL.name, `credential select shows "${credential}", not "${CREDENTIAL.name}"`);
					const fields = await ndv.locator('[data-test-id="node-parameters"]').innerText();
					for (const label of [
						'Trigger Mailing',
						'Launch Mode',
						'Identify Profile By',
						'Additional Fields',
						'Content',
					]) {
						assert(fields.includes(label), `the panel does not show "${label}"`);
					}
					await shot('editor-node-panel.png');
				},
			},
			{
				name: 'editor: Trigger Mailing "From List" lists the sandbox\'s trigger mailings',
				run: async () => {
					const before = sandbox.requests.filter((request) =>
						request.path.startsWith('/api/v1.1/campaigns/triggers/list'),
					).length;
					await ndv.locator('[data-test-id="resource-locator-triggerMailing"] [data-test-id="rlc-input"]').click();
					const items = page.locator('[data-test-id="rlc-item"]');
					await items.first().waitFor();
					// The picked item can show before the search answers (n8n 2.x): wait for the full list.
					let texts: string[] = [];
					for (const until = Date.now() + 15_000; Date.now() < until; await page.waitForTimeout(250)) {
						texts = (await items.allInnerTexts()).map((text: string) => text.trim());
						if (texts.length >= EXPECTED_TRIGGERS.length) break;
					}
					const shown = JSON.stringify(texts.slice(0, 5));
					assert(
						JSON.stringify(texts.slice(0, EXPECTED_TRIGGERS.length)) === JSON.stringify(EXPECTED_TRIGGERS),
						`the list starts ${shown}, expected ${JSON.stringify(EXPECTED_TRIGGERS)}`,
					);
					assert(
						!texts.some((text) => NOT_LAUNCHABLE.has(text)),
						`the list shows a trigger mailing no API call can launch: ${shown}`,
					);
					const firstInactive = texts.findIndex((text) => text.endsWith('— inactive'));
					assert(
						firstInactive === -1 || texts.slice(firstInactive).every((text) => text.endsWith('— inactive')),
						'an active trigger mailing is listed after an inactive one',
					);
					const listCalls = sandbox.requests.filter((request) =>
						request.path.startsWith('/api/v1.1/campaigns/triggers/list'),
					);
					assert(listCalls.length > before, 'the sandbox received no trigger list request');
					const last = listCalls[listCalls.length - 1];
					assert(last.response?.status === 200, `the sandbox answered ${last.response?.status} to the list request`);
					await shot('editor-trigger-mailing-list.png');
					await items.filter({ hasText: EXPECTED_TRIGGERS[0] }).click();
					const chosen = await ndv
						.locator('[data-test-id="resource-locator-triggerMailing"] [data-test-id="rlc-input"]')
						.evaluate((element: any) => element.value ?? element.querySelector('input')?.value); // eslint-disable-line @typescript-eslint/no-explicit-any
					assert(chosen.includes('Welcome series'), `after picking, the locator shows "${chosen}"`);
				},
			},
			{
				name: 'editor: "Execute step" launches through the sandbox',
				run: async () => {
					sandbox.reset();
					await ndv.locator('[data-test-id="node-execute-button"]').click();
					const output = ndv.locator('[data-test-id="output-panel"]');
					await output.getByText('Successful operation').first().waitFor({ timeout: 30_000 });
					assert(sandbox.launches.length === 1, `the sandbox recorded ${sandbox.launches.length} launches, expected 1`);
					const [launch] = sandbox.launches;
					assert(
						launch.triggerId === 84 && launch.target === 'john@example.com',
						`unexpected launch ${JSON.stringify({ trigger: launch.triggerId, target: launch.target })}`,
					);
					const shown = await output.innerText();
					assert(!shown.includes(sandbox.token), 'the output panel shows the API token');
					await shot('editor-execute-step.png');
				},
			},
			{
				name: 'editor: Options → Dry Run shows a notice in the panel and "Dry Run" in the subtitle',
				run: async () => {
					const panel = ndv.locator('[data-test-id="node-parameters"]');
					assert(!(await panel.innerText()).includes(DRY_RUN_NOTICE), 'the Dry Run notice shows while Dry Run is off');
					await panel.locator('input[placeholder="Add Option"]').last().click();
					await page
						.locator('[data-test-id="collection-parameter-option"]:visible')
						.filter({ hasText: /^Dry Run$/ })
						.click();
					await panel.locator('[data-test-id="parameter-input-dryRun"] .el-switch').click();
					const notice = panel.getByText(DRY_RUN_NOTICE);
					await notice.waitFor();
					await notice.scrollIntoViewIfNeeded();
					await shot('editor-dry-run-notice.png');
					await page.keyboard.press('Escape');
					await ndv.waitFor({ state: 'hidden' });
					const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
					let subtitle = '';
					for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(250)) {
						subtitle = await node.innerText();
						if (subtitle.includes('Dry Run')) break;
					}
					assert(subtitle.includes('Dry Run · Launch'), `the canvas node reads "${subtitle.replace(/\s+/g, ' ')}"`);
					await shot('editor-dry-run-canvas.png');
					// The checks after this one work in the panel again.
					await node.dblclick();
					await ndv.waitFor();
				},
			},
			{
				name: 'editor: Launch Mode names its modes by outcome, each with when to use it',
				run: async () => {
					await parameter('launchMode').click();
					const items = page.locator('.el-select-dropdown__item:visible');
					await items.first().waitFor();
					const texts = (await items.allInnerTexts()).map((text: string) => text.trim());
					for (const [index, mode] of LAUNCH_MODES.entries()) {
						assert(texts[index]?.startsWith(mode), `option ${index + 1} reads "${texts[index]}", expected "${mode}"`);
						assert(texts[index].length > mode.length + 20, `"${mode}" shows no description: "${texts[index]}"`);
					}
					await shot('editor-launch-mode.png');
					await page.keyboard.press('Escape');
				},
			},
			...MATCHING.map((mode): Check => ({
				name: `editor: Identify Profile By "${mode.option}" shows ${mode.shows.join(' + ')}`,
				run: async () => {
					await choose('matching', mode.option);
					for (const field of mode.shows) await parameter(field).waitFor({ state: 'visible' });
					for (const field of MATCH_FIELDS.filter((candidate) => !mode.shows.includes(candidate))) {
						assert((await parameter(field).count()) === 0, `"${field}" is still shown`);
					}
				},
			})),
			{
				name: 'editor: Launch Mode "Profiles Matching a Query" shows Custom Query instead of Identify Profile By',
				run: async () => {
					await choose('launchMode', 'Profiles Matching a Query');
					await parameter('customRequest').waitFor({ state: 'visible' });
					for (const field of ['matching', ...MATCH_FIELDS.filter((field) => field !== 'customRequest')]) {
						assert((await parameter(field).count()) === 0, `"${field}" is still shown`);
					}
					const text = await ndv.locator('[data-test-id="node-parameters"]').innerText();
					assert(text.includes('Every profile the query selects gets the message'), 'the query notice is missing');
					await shot('editor-matching-custom-query.png');
					await choose('launchMode', 'One Message per Item');
					await parameter('matching').waitFor({ state: 'visible' });
				},
			},
			{
				name: 'editor: v1.0 link example: Trigger Link "From List" lists the links',
				run: async () => {
					const linkExample = loadExample(LINK_EXAMPLE);
					const linkNode = linkExample.nodes.find((node) => node.type === 'n8n-nodes-altcraft.altcraft')!.name;
					// A new tab: the first one has unsaved changes (Matching), which would ask before leaving.
					const tab = await context.newPage();
					tab.setDefaultTimeout(60_000);
					// eslint-disable-next-line @typescript-eslint/no-explicit-any
					tab.on('pageerror', (error: any) => pageProblems.push(`page error: ${error.message}`));
					await tab.goto(`${server!.url}/workflow/${linkExample.id}`);
					await tab.locator(`[data-test-id="canvas-node"][data-node-name="${linkNode}"]`).dblclick();
					const panel = tab.locator('[data-test-id="ndv"]');
					await panel.waitFor();
					for (const name of ['triggerLink', 'matching', 'email', 'sendAs', 'sendFields']) {
						await panel
							.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`)
							.first()
							.waitFor({ state: 'visible' });
					}
					const labels = await panel.locator('[data-test-id="node-parameters"]').innerText();
					for (const label of [
						'Trigger Link',
						'Identify Profile By',
						'Email',
						'Send As',
						'Send Field Values',
						'Fields',
					]) {
						assert(labels.includes(label), `the panel does not show "${label}"`);
					}
					await panel.locator('[data-test-id="parameter-input-sendAs"]').click();
					const sendAs = tab.locator('.el-select-dropdown__item:visible');
					await sendAs.first().waitFor();
					const choices = (await sendAs.allInnerTexts()).join(' | ');
					for (const choice of ['MD5 Hash of the Email', 'Email As Is (Deprecated)', 'XXHash, Already Computed']) {
						assert(choices.includes(choice), `Send As lacks "${choice}": ${choices}`);
					}
					await tab.waitForTimeout(600);
					await tab.screenshot({ path: path.join(shotsDir, 'editor-link-send-as.png') });
					await tab.keyboard.press('Escape');
					const locator = panel.locator('[data-test-id="resource-locator-triggerLink"]');
					await locator.locator('[data-test-id="rlc-mode-selector"]').click();
					await tab
						.locator('.el-select-dropdown__item:visible')
						.filter({ hasText: /from list/i })
						.click();
					await locator.locator('[data-test-id="rlc-input"]').click();
					const items = tab.locator('[data-test-id="rlc-item"]');
					await items.first().waitFor();
					let texts: string[] = [];
					for (const until = Date.now() + 15_000; Date.now() < until; await tab.waitForTimeout(250)) {
						texts = (await items.allInnerTexts()).map((text: string) => text.trim());
						if (texts.length >= 2) break;
					}
					for (const expected of EXPECTED_TRIGGERS.slice(0, 2)) {
						assert(
							texts.some((text) => text.startsWith(expected)),
							`the link list ${JSON.stringify(texts)} lacks "${expected}"`,
						);
					}
					await tab.waitForTimeout(600);
					await tab.screenshot({ path: path.join(shotsDir, 'editor-trigger-link-list.png') });
					await items.filter({ hasText: EXPECTED_TRIGGERS[0] }).first().click();
					await tab.close();
				},
			},
		];

		checks.push(
			triggerPanelCheck(
				context,
				() => server!.url,
				(message) => pageProblems.push(message),
				async (tab, file) => {
					await tab.screenshot({ path: path.join(shotsDir, file) });
				},
			),
		);
		for (const check of checks) {
			const start = Date.now();
			const problemsBefore = pageProblems.length;
			const failures: string[] = [];
			try {
				await check.run();
			} catch (error) {
				failures.push((error as Error).message.split('\n')[0]);
				await page.screenshot({ path: path.join(shotsDir, `failed-${rows.length + 1}.png`) }).catch(() => undefined);
			}
			failures.push(...pageProblems.slice(problemsBefore));
			rows.push({
				version,
				example: check.name,
				ok: failures.length === 0,
				seconds: (Date.now() - start) / 1000,
				launches: sandbox.launches.length,
				failures,
				logs: [],
			});
			step(`${failures.length === 0 ? 'PASS' : 'FAIL'} ${check.name}`);
		}
	} catch (error) {
		const logs = error instanceof InstallError ? [error.logFile] : server ? [server.logFile] : [];
		rows.push({
			version,
			example: 'editor: setup',
			ok: false,
			seconds: 0,
			launches: '-',
			failures: [(error as Error).message],
			logs,
		});
	} finally {
		await finish();
	}

	for (const row of rows) if (!row.ok && server && !row.logs.includes(server.logFile)) row.logs.push(server.logFile);
	// --update-docs writes the hash below; otherwise the screenshots on file must show this description.
	if (!updateDocs) rows.push(screenshotsRow(version));
	printTable(rows);
	printFailures(rows);
	const shots = fs.readdirSync(shotsDir).filter((file) => file.endsWith('.png'));
	if (updateDocs && rows.every((row) => row.ok)) {
		fs.mkdirSync(DOCS_DIR, { recursive: true });
		for (const file of shots) fs.copyFileSync(path.join(shotsDir, file), path.join(DOCS_DIR, file));
		step(`screenshots written to ${path.relative(REPO_ROOT, DOCS_DIR)}/: ${shots.join(', ')}`);
		// dist/ is what was packed and shown in the editor: the e2e run checks the screenshots against it.
		step(`${DESCRIPTION_HASH_FILE}: ${writeDescriptionHash(REPO_ROOT)}`);
	} else {
		step(
			`screenshots: ${shotsDir}: ${shots.join(', ')}${keep || rows.some((row) => !row.ok) ? '' : ' (removed at the end: --keep keeps them, --update-docs copies them to docs/screenshots/)'}`,
		);
	}
	const passed = rows.filter((row) => row.ok).length;
	const failed = rows.length - passed;
	step(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
	if (failed > 0 || keep) step(`kept ${tmp}`);
	else fs.rmSync(tmp, { recursive: true, force: true });
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
