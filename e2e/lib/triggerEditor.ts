/**
 * The editor check of the Altcraft Trigger: its example opens, the trigger's panel shows Events,
 * Options and the setup notice, and its webhook URL (`…/<webhookId>/altcraft`) for pasting into
 * Altcraft.
 */
import { TRIGGER_EXAMPLE } from './trigger';
import { loadExample } from '../../devkit/examples/workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BrowserContext = any;

export function triggerPanelCheck(
	context: BrowserContext,
	serverUrl: () => string,
	onPageError: (message: string) => void,
	screenshot: (page: BrowserContext, file: string) => Promise<void>,
) {
	return {
		name: 'editor: Altcraft Trigger panel shows Events, Options and its webhook URL',
		run: async () => {
			const example = loadExample(TRIGGER_EXAMPLE);
			const trigger = example.nodes.find((node) => node.type === 'n8n-nodes-altcraft.altcraftTrigger')!;
			const tab = await context.newPage();
			tab.setDefaultTimeout(20_000);
			tab.on('pageerror', (error: Error) => onPageError(`page error: ${error.message}`));
			await tab.goto(`${serverUrl()}/workflow/${example.id}`);
			const node = tab.locator(`[data-test-id="canvas-node"][data-node-name="${trigger.name}"]`);
			await node.waitFor();
			await node.dblclick();
			const panel = tab.locator('[data-test-id="ndv"]');
			await panel.waitFor();
			await panel.locator('[data-test-id="parameter-input-events"]').first().waitFor({ state: 'visible' });
			// The URLs sit in a collapsed "Webhook URLs" section above the parameters.
			const toggle = panel.getByText(/webhook urls/i).first();
			if (await toggle.isVisible().catch(() => false)) await toggle.click();
			await tab.waitForTimeout(800);
			const text: string = await panel.innerText();
			for (const label of ['Events', 'Options', 'Event Capture']) {
				if (!text.includes(label)) throw new Error(`the trigger panel does not show "${label}"`);
			}
			const urlPart = `${trigger.webhookId}/altcraft`;
			if (!text.includes(urlPart)) throw new Error(`the trigger panel shows no URL ending in ${urlPart}`);
			await screenshot(tab, 'editor-trigger-panel.png');
			await tab.close();
		},
	};
}
