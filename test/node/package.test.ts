/**
 * The built package as n8n gets it: package.json + dist/. `npm test` builds first; run
 * `npm run build` before running this file on its own.
 */
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';
import { json, launchParams, useSandbox } from '../helpers/fixture';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NODE_FILE = 'dist/nodes/Altcraft/Altcraft.node.js';
const TRIGGER_FILE = 'dist/nodes/AltcraftTrigger/AltcraftTrigger.node.js';
const CREDENTIAL_FILE = 'dist/credentials/AltcraftApi.credentials.js';

function assertBuilt() {
	const missing = [NODE_FILE, CREDENTIAL_FILE].filter((file) => !existsSync(join(ROOT, file)));
	if (missing.length > 0) {
		throw new Error(
			`dist/ is not built (missing ${missing.join(', ')}): run \`npm run build\` first (\`npm test\` does it).`,
		);
	}
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

const ctx = useSandbox();

beforeAll(assertBuilt);

describe('package.json', () => {
	test('names the package as an n8n community node package, MIT licensed, shipping only dist', () => {
		expect(pkg.name).toBe('n8n-nodes-altcraft');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
	});

	test('its n8n section uses API version 1 and lists the built node and credential, which exist', () => {
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.nodes).toEqual([NODE_FILE, TRIGGER_FILE]);
		expect(pkg.n8n.credentials).toEqual([CREDENTIAL_FILE]);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(file).toMatch(/^dist\//);
			expect(existsSync(join(ROOT, file))).toBe(true);
		}
	});

	test('it depends on nothing at run time but n8n-workflow, provided by n8n, and runs no install scripts', () => {
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg).not.toHaveProperty('dependencies');
		expect(pkg).not.toHaveProperty('optionalDependencies');
		expect(pkg).not.toHaveProperty('bundleDependencies');
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
			expect(pkg.scripts ?? {}).not.toHaveProperty(script);
		}
	});
});

describe('dist JavaScript', () => {
	const sources = () =>
		filesUnder(DIST)
			.filter((file) => file.endsWith('.js'))
			.map((file) => [relative(ROOT, file), readFileSync(file, 'utf8')] as const);

	test('bundles fast-xml-parser instead of requiring it (n8n would hand it an older copy)', () => {
		const files = sources();
		expect(files.map(([name]) => name).sort()).toEqual([CREDENTIAL_FILE, NODE_FILE, TRIGGER_FILE].sort());
		for (const [name, text] of files) {
			expect({ name, requiresFastXmlParser: /require\(\s*["']fast-xml-parser["']\s*\)/.test(text) }).toEqual({
				name,
				requiresFastXmlParser: false,
			});
		}
		const node = files.find(([name]) => name === NODE_FILE)![1];
		expect(node).toMatch(/XMLParser/);
	});

	test('reads no process.env', () => {
		for (const [name, text] of sources()) {
			expect({ name, readsProcessEnv: /process\s*\.\s*env/.test(text) }).toEqual({ name, readsProcessEnv: false });
		}
	});
});

describe('the built files load where only n8n-workflow is installed', () => {
	let folder: string;

	beforeAll(() => {
		// A package folder as n8n installs it (package.json + dist), whose node_modules holds only
		// n8n-workflow. Node resolves the symlink to the real folder, so n8n-workflow finds its own
		// dependencies; a bare require from dist finds nothing else.
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'altcraft-pkg-')));
		cpSync(DIST, join(folder, 'dist'), { recursive: true });
		writeFileSync(join(folder, 'package.json'), JSON.stringify(pkg, null, 2));
		mkdirSync(join(folder, 'node_modules'));
		symlinkSync(join(ROOT, 'node_modules', 'n8n-workflow'), join(folder, 'node_modules', 'n8n-workflow'), 'dir');
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	test('dist requires nothing but n8n-workflow and Node built-ins, and its classes describe the node', () => {
		const probe = join(folder, 'probe.js');
		writeFileSync(
			probe,
			`
const Module = require('node:module');
const path = require('node:path');
const dist = path.join(__dirname, 'dist') + path.sep;
const required = new Set();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	if (parent && parent.filename && parent.filename.startsWith(dist) && !request.startsWith('.') && !path.isAbsolute(request)) {
		required.add(request);
	}
	return resolveFilename.call(this, request, parent, ...rest);
};
const { Altcraft } = require('./${NODE_FILE}');
const { AltcraftApi } = require('./${CREDENTIAL_FILE}');
const node = new Altcraft();
const credential = new AltcraftApi();
const d = node.description;
process.stdout.write(JSON.stringify({
	required: [...required].sort(),
	workflowFrom: require.resolve('n8n-workflow'),
	node: {
		name: d.name,
		usableAsTool: d.usableAsTool,
		credentials: d.credentials,
		properties: d.properties.length,
		icon: d.icon,
		execute: typeof node.execute,
		listSearch: Object.keys((node.methods && node.methods.listSearch) || {}).sort(),
	},
	credential: {
		name: credential.name,
		properties: credential.properties.map((p) => p.name),
		test: Boolean(credential.test && credential.test.request),
		authenticate: typeof credential.authenticate,
		icon: credential.icon,
	},
}));
`,
		);
		const env = { ...process.env };
		delete env.NODE_PATH;
		delete env.NODE_OPTIONS;
		const out = execFileSync(process.execPath, [probe], { cwd: folder, env, encoding: 'utf8' });
		const result = JSON.parse(out);

		const packages = result.required.filter((id: string) => !isBuiltin(id));
		expect(packages).toEqual(['n8n-workflow']);
		expect(result.workflowFrom).toBe(realpathSync(require.resolve('n8n-workflow')));

		expect(result.node).toEqual({
			name: 'altcraft',
			usableAsTool: true,
			credentials: [{ name: 'altcraftApi', required: true }],
			properties: expect.any(Number),
			icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
			execute: 'function',
			listSearch: expect.arrayContaining(['searchResources', 'searchTriggerMailings']),
		});
		expect(result.node.properties).toBeGreaterThan(0);
		expect(result.credential).toEqual({
			name: 'altcraftApi',
			properties: ['apiUrl', 'apiToken', 'authPlacement', 'trackingDomains'],
			test: true,
			authenticate: 'function',
			icon: { light: 'file:../nodes/Altcraft/altcraft.svg', dark: 'file:../nodes/Altcraft/altcraft.dark.svg' },
		});
	});
});

describe('n8n-core PackageDirectoryLoader, as n8n loads an installed package', () => {
	async function load() {
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		return loader;
	}

	test('knows the node type n8n-nodes-altcraft.altcraft and the credential altcraftApi, with icons that exist', async () => {
		const loader = await load();
		expect(loader.packageName).toBe('n8n-nodes-altcraft');
		expect(Object.keys(loader.known.nodes)).toEqual(['altcraft', 'altcraftTrigger']);
		expect(`${loader.packageName}.${loader.nodeTypes.altcraft.type.description.name}`).toBe(
			'n8n-nodes-altcraft.altcraft',
		);
		expect(loader.known.nodes.altcraft.sourcePath).toBe(NODE_FILE);
		expect(Object.keys(loader.known.credentials)).toEqual(['altcraftApi']);
		expect(loader.known.credentials.altcraftApi.supportedNodes).toEqual(['altcraft']);
		expect(loader.credentialTypes.altcraftApi.sourcePath).toBe(CREDENTIAL_FILE);

		const description = loader.nodeTypes.altcraft.type.description as INodeType['description'] & {
			iconUrl?: { light: string; dark: string };
		};
		const credential = loader.credentialTypes.altcraftApi.type as { iconUrl?: { light: string; dark: string } };
		for (const iconUrl of [description.iconUrl, credential.iconUrl]) {
			expect(iconUrl).toBeDefined();
			expect(iconUrl!.light).not.toBe(iconUrl!.dark);
			for (const url of [iconUrl!.light, iconUrl!.dark]) {
				const file = join(ROOT, url.replace(`icons/${loader.packageName}/`, ''));
				expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
			}
		}
	});

	test('the loaded node class launches a trigger mailing through the engine', async () => {
		const loader = await load();
		const nodeType = loader.nodeTypes.altcraft.type as INodeType;
		const result = await ctx.run(launchParams(), json({ email: 'john@example.com' }), { nodeType });
		expect(result.error).toBeUndefined();
		expect(ctx.sandbox.launches).toHaveLength(1);
		expect(ctx.sandbox.launches[0]).toMatchObject({
			version: '1.1',
			triggerId: 84,
			matching: 'email',
			target: 'john@example.com',
		});
		expect(ctx.sandbox.requests[0].body.token).toBe(ctx.sandbox.token);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ launched: true, triggerMailingId: 84, response: { error: 0 } });
	});
});
