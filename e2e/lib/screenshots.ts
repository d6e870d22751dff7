/**
 * The table row that says whether the screenshots in docs/screenshots/ were taken from the node
 * description built in dist/ (the one packed). The e2e run, which CI runs, and the editor test
 * check it, so that `npm test` needs no browser and a stale screenshot still fails CI.
 */
import { staleScreenshots } from '../../devkit/description-hash';
import { REPO_ROOT } from '../../devkit/n8n/install';
import { step } from '../../devkit/n8n/log';
import type { Row } from './report';

export function screenshotsRow(version: string): Row {
	let stale: string | undefined;
	try {
		stale = staleScreenshots(REPO_ROOT);
	} catch (error) {
		stale = (error as Error).message;
	}
	step(`screenshots: ${stale ? 'FAIL (older than the node description)' : 'PASS'}`);
	return {
		version,
		example: 'docs/screenshots/ show this description',
		ok: !stale,
		seconds: 0,
		launches: '-',
		failures: stale ? [stale] : [],
		logs: [],
	};
}
