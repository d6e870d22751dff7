import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { readRequestSettings } from '../../nodes/Altcraft/client/settings';
import { REQUEST_OPTIONS } from '../../nodes/Altcraft/fields/requestOptions';

/** The Options collection as n8n hands it to the node. */
const withOptions = (options: object) => options as IDataObject;

describe('Options → Retries', () => {
	const retries = REQUEST_OPTIONS.find((option) => option.name === 'retries')!;
	const fields = (retries.options![0] as { values: INodeProperties[] }).values;
	const panelDefault = (name: string) => fields.find((field) => field.name === name)!.default as number;

	test('what the panel shows as defaults is what a node without the group uses', () => {
		const { retry } = readRequestSettings(withOptions({}));
		expect(retry).toEqual({
			maxAttempts: panelDefault('maxAttempts'),
			initialWaitMs: panelDefault('firstWait') * 1000,
			maxWaitMs: panelDefault('maxWait') * 1000,
		});
	});

	test('the group as the panel stores it sets the policy, waits in seconds', () => {
		const { retry } = readRequestSettings(
			withOptions({ retries: { settings: { maxAttempts: 5, firstWait: 0.25, maxWait: 4 } } }),
		);
		expect(retry).toEqual({ maxAttempts: 5, initialWaitMs: 250, maxWaitMs: 4000 });
	});

	test('Dry Run is off unless switched on', () => {
		expect(readRequestSettings(withOptions({})).dryRun).toBe(false);
		expect(readRequestSettings(withOptions({ dryRun: true })).dryRun).toBe(true);
	});
});
