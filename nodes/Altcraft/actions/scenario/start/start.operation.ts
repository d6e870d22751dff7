import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { outcome } from '../../../client/outcome';
import { checkAllThenSend } from '../../../engine/items';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { LAUNCH_MATCHING, MATCH_KEY_PROPERTIES, matchingField } from '../../../fields/matching';
import { ATTACHMENTS_FIELD, messageInputs } from '../../../fields/message';
import { launchBody, singleLaunchReader } from '../../../fields/payload';
import { REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { resourceField } from '../../../fields/resource';
import { SCENARIO_FIELD, scenarioIdReader } from '../../../fields/scenario';
import { SUBSCRIPTION_FILTER_FIELD } from '../../../fields/subscriptionFilter';
import { digest } from '../../../helpers/hash';

/** Altcraft "Engage profile in scenario", as the developer guide writes the path (the user guide adds a slash). */
export const START_PATH = '/api/v1.1/workflows/start';

const show = { resource: ['scenario'], operation: ['start'] };

const properties: INodeProperties[] = [
	SCENARIO_FIELD,
	// [DOC] workflows/start takes the four modes of a trigger launch, or custom_request without matching.
	matchingField(LAUNCH_MATCHING, undefined, 'How Altcraft finds the profile(s) to start in the scenario'),
	...MATCH_KEY_PROPERTIES,
	...messageInputs(),
	additionalFieldsCollection([
		ATTACHMENTS_FIELD,
		resourceField({ show: { '/matching': ['email', 'phone'] } }),
		SUBSCRIPTION_FILTER_FIELD,
	]),
	optionsCollection(REQUEST_OPTIONS),
];

export const option: INodePropertyOptions = {
	name: 'Start',
	value: 'start',
	action: 'Start scenario for profile',
	description: 'Start an automation scenario for a profile (or the profiles a query selects)',
};

export const description = withDisplay(properties, show);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const scenarioId = scenarioIdReader(this);
	const readLaunch = singleLaunchReader(client);
	return checkAllThenSend(this, {
		count: this.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const id = scenarioId(itemIndex);
			return { id, ...readLaunch(itemIndex, { id }) };
		},
		send: async ({ items: [itemIndex], value: { id, target, payload } }) => {
			// The scenario is `id` here, `workflow_id` in import_and_start [DOC].
			const body = await launchBody(client, itemIndex, { id, ...target.params }, payload);
			// The recipient is part of the ID: one Idempotency Key for many items still starts each.
			const requestId = client.requestId(itemIndex, `scenario-${id}`, digest([target.params]));
			const response = await client.request({ method: 'POST', url: START_PATH, body, itemIndex, requestId });
			return outcome('started', { ...target.summary, scenarioId: id }, response, requestId);
		},
	});
}
