/** The built trigger as n8n loads it from the package (dist/, after `npm run build`). */
import { resolve } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';
import { DOC_DELIVERED } from './events';
import { startTrigger } from './harness';

test('n8n-core loads n8n-nodes-altcraft.altcraftTrigger as a POST webhook trigger that receives a batch', async () => {
	const loader = new PackageDirectoryLoader(resolve(__dirname, '../..'));
	await loader.loadAll();
	const type = loader.nodeTypes.altcraftTrigger.type as INodeType;
	const { description } = type;
	expect(description.group).toEqual(['trigger']);
	expect(description.inputs).toEqual([]);
	expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', name: 'default' })]);
	expect(description.credentials).toBeUndefined();
	const trigger = await startTrigger({ events: ['*'], options: {} }, { nodeType: type });
	try {
		expect(await trigger.post([DOC_DELIVERED])).toMatchObject({ status: 200, text: 'OK' });
		expect(trigger.items()).toHaveLength(1);
	} finally {
		await trigger.close();
	}
});
