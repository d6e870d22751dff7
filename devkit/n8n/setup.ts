/** A user folder ready to run the examples: package installed, sandbox credential and workflows imported. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from '../../sandbox';
import { InstallError, n8n, type N8nHome } from './install';
import { installIntoUserFolder, type Packed } from './pkg';

/** What a home needs of the sandbox: where it is and its token (the bench runs it in another process). */
type SandboxAddress = Pick<Sandbox, 'url' | 'token'>;

export const CREDENTIAL = { id: 'altcraftSandbox1', name: 'Altcraft sandbox' };

export function credentialFile(dir: string, sandbox: SandboxAddress): string {
	const file = path.join(dir, 'credentials.json');
	const credential = {
		...CREDENTIAL,
		type: 'altcraftApi',
		data: { apiUrl: sandbox.url, apiToken: sandbox.token, authPlacement: 'body' },
	};
	fs.writeFileSync(file, JSON.stringify([credential], null, 2));
	return file;
}

/** A user folder with the package installed, the credential and the given workflows imported. */
export async function prepareHome(
	home: N8nHome,
	packed: Packed,
	sandbox: SandboxAddress,
	workflows: Array<{ id: string; json: unknown }>,
): Promise<void> {
	await installIntoUserFolder(packed, home.userFolder, home.logDir);
	const importDir = path.join(home.userFolder, 'import');
	const workflowDir = path.join(importDir, 'workflows');
	fs.mkdirSync(workflowDir, { recursive: true });
	const creds = await n8n(
		home,
		['import:credentials', `--input=${credentialFile(importDir, sandbox)}`],
		'import-credentials',
	);
	if (creds.code !== 0) throw new InstallError('n8n import:credentials failed', creds.logFile);
	for (const workflow of workflows)
		fs.writeFileSync(path.join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow.json, null, 2));
	const imported = await n8n(home, ['import:workflow', '--separate', `--input=${workflowDir}`], 'import-workflows');
	if (imported.code !== 0) throw new InstallError('n8n import:workflow failed', imported.logFile);
}
