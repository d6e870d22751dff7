import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { createLaunchClient } from '../../../client/launch';
import { failItem } from '../../../engine/failures';
import { checkAllThenSend } from '../../../engine/items';
import { successJson } from '../../../engine/output';
import { parameterReader } from '../../../engine/parameters';
import { checkPresent, isWholeNumber } from '../../../engine/validators';
import { databaseField, databaseIdReader } from '../../../fields/database';
import { additionalFieldsCollection, optionsCollection, withDisplay } from '../../../fields/display';
import { readDateTime } from '../../../fields/expiration';
import { identifyProfileFields } from '../../../fields/identifyProfile';
import { targetReader } from '../../../fields/matching';
import { DRY_RUN_NOTICE, REQUEST_OPTIONS } from '../../../fields/requestOptions';
import { digest } from '../../../helpers/hash';
import { GOAL_PROPERTIES, MORE_GOALS_FIELD, goalsReader } from './goals';
import { PIXEL_DATA_INPUT, pixelDataReader } from './pixelData';

/** Altcraft "Goals and goal values registration". */
const GOALS_REGISTER_PATH = '/api/v1.1/goals/register';

const show = { resource: ['event'], operation: ['registerGoal'] };

const ADDITIONAL_FIELDS: INodeProperties[] = [
	{
		displayName: 'Event Time',
		name: 'eventTime',
		type: 'dateTime',
		default: '',
		description:
			"When the profile reached the goal (date); empty: when Altcraft receives it. A time without a time zone uses the workflow's time zone.",
	},
	MORE_GOALS_FIELD,
	{
		displayName: 'Skip Triggers and Scenarios',
		name: 'skipTriggers',
		type: 'boolean',
		default: false,
		description: 'Whether triggers and scenarios that react to this event are left unstarted',
	},
	{
		displayName: 'Test Event',
		name: 'isTest',
		type: 'boolean',
		default: false,
		description: 'Whether Altcraft marks the event as a test',
	},
	{
		displayName: 'Update Profile',
		name: 'enrichProfile',
		type: 'boolean',
		default: true,
		description:
			"Whether the event updates the profile's data, as Altcraft does by default. Turn off to only record the goal.",
	},
];

const properties: INodeProperties[] = [
	DRY_RUN_NOTICE,
	databaseField(true, 'The profile database the profile is in'),
	{
		displayName: 'Pixel ID',
		name: 'pixelId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1',
		description:
			"The ID of the pixel the goal belongs to, as Altcraft's pixel settings show it. Altcraft has no API to list pixels.",
	},
	// [DOC] goals/register takes these five modes; no subscription resource.
	...identifyProfileFields(['email', 'email_profile', 'phone', 'profile_id', 'custom'], {
		description: 'How Altcraft finds the profile that reached the goal',
	}),
	...GOAL_PROPERTIES,
	...PIXEL_DATA_INPUT,
	additionalFieldsCollection(ADDITIONAL_FIELDS),
	optionsCollection(REQUEST_OPTIONS),
];

export const option: INodePropertyOptions = {
	name: 'Register Goal',
	value: 'registerGoal',
	action: 'Register goal',
	description: 'Record that a profile reached a goal, e.g. an order paid with its amount',
};

export const description = withDisplay(properties, show);

function readPixelId(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number {
	const text = checkPresent(ctx, itemIndex, 'Pixel ID', value);
	if (!isWholeNumber(text)) {
		failItem(
			ctx,
			itemIndex,
			`Pixel ID "${text}" is not a whole number (item ${itemIndex})`,
			"A pixel ID is a whole number, e.g. 1, as Altcraft's pixel settings show it.",
		);
	}
	return Number(text);
}

/** The flags of Additional Fields, sent only when set; Update Profile also when on (the user chose it). */
function flags(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	if (fields.skipTriggers === true) out.skip_triggers = true;
	if (fields.isTest === true) out.is_test = true;
	if (typeof fields.enrichProfile === 'boolean') out.enrich_profile = fields.enrichProfile;
	return out;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createLaunchClient(this);
	const database = databaseIdReader(this);
	const pixel = parameterReader(this, 'pixelId');
	const readTarget = targetReader(this);
	const readGoals = goalsReader(this);
	const readPixelData = pixelDataReader(this);
	const additionalFields = parameterReader<IDataObject>(this, 'additionalFields', {});
	return checkAllThenSend(this, {
		count: this.getInputData().length,
		concurrency: client.settings.maxParallel,
		check: (itemIndex) => {
			const fields = additionalFields(itemIndex);
			const dbId = database(itemIndex);
			const pixelId = readPixelId(this, itemIndex, pixel(itemIndex));
			const target = readTarget(itemIndex);
			const goals = readGoals(itemIndex, fields);
			const pixelData = readPixelData(itemIndex);
			const date = readDateTime(this, itemIndex, 'Event Time', fields.eventTime);
			const body: IDataObject = {
				db_id: dbId,
				pixel_id: pixelId,
				...target.params,
				...goals,
				...(date ? { date } : {}),
				...(pixelData ? { pixel_data: pixelData } : {}),
				...flags(fields),
			};
			client.checkSendable(itemIndex, body);
			const goalList = (goals.goals as IDataObject[] | undefined) ?? [goals];
			return { body, facts: { ...target.summary, databaseId: dbId, pixelId, goals: goalList } };
		},
		send: async ({ items: [itemIndex], value: { body, facts } }) => {
			// From the request's content: one Idempotency Key over items still registers each event.
			const requestId = client.requestId(itemIndex, `goal-${body.pixel_id}`, digest([body]));
			const call = await client.call({ method: 'POST', url: GOALS_REGISTER_PATH, body, itemIndex, requestId });
			return successJson({ registered: true }, facts, call);
		},
	});
}
