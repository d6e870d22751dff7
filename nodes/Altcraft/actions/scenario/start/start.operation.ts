import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { launchModeField } from '../../../fields/bulk';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { launchMatchingProperties } from '../../../fields/matching';
import { ATTACHMENTS_FIELD, messageInputs } from '../../../fields/message';
import { SUBSCRIPTION_RESOURCE_FIELD, launchBody, singleLaunchReader } from '../../../fields/payload';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { SCENARIO_FIELD, scenarioIdReader } from '../../../fields/scenario';
import { SUBSCRIPTION_FILTER_FIELD } from '../../../fields/subscriptionFilter';
import { digest } from '../../../helpers/hash';

/** Altcraft "Engage profile in scenario", as the developer guide writes the path (the user guide adds a slash). */
const START_PATH = '/api/v1.1/workflows/start';

const show = { resource: ['scenario'], operation: ['start'] };

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	SCENARIO_FIELD,
	// [DOC] workflows/start takes the four modes of a trigger launch, or custom_request without
	// matching: as in Launch, the query is a mode of its own, not a way to identify one profile.
	launchModeField('Whom each item starts in the scenario', [
		{
			name: 'One Profile per Item',
			value: 'eachItem',
			description: 'Each item names one profile, found by Identify Profile By. For a form, a webhook or a CRM event.',
		},
		{
			name: 'Profiles Matching a Query',
			value: 'query',
			description: 'Every profile a query over profile data selects is started; the items name no profiles',
		},
	]),
	...launchMatchingProperties({
		recipient: 'How Altcraft finds the profile to start in the scenario',
		query:
			"Which profiles are started in the scenario: a query over their profile data in MongoDB syntax. Every profile it matches is started. Altcraft's name: custom_request.",
	}),
	{
		displayName:
			'Every profile the query selects is started. Each item sends its query and two items may not send the same one: let one item run it (Settings → Execute Once) unless the query depends on the item',
		name: 'queryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { launchMode: ['query'] } },
	},
	...messageInputs(),
	additionalFieldsCollection([ATTACHMENTS_FIELD, SUBSCRIPTION_RESOURCE_FIELD, SUBSCRIPTION_FILTER_FIELD]),
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
			const call = await client.call({ method: 'POST', url: START_PATH, body, itemIndex, requestId });
			return successJson({ started: true }, { ...target.summary, scenarioId: id }, call);
		},
	});
}
