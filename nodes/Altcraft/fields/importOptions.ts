import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { failItem } from '../engine/failures';
import { readResourceId, resourceField } from './resource';

/** The import's own request fields [DOC: Profile import + trigger mailing launch]. */
export const IMPORT_FIELDS: INodeProperties[] = [
	{
		displayName: 'Detect Location From IP',
		name: 'detectGeo',
		type: 'boolean',
		default: false,
		description:
			"Whether Altcraft works out the profile's location from its IP address (the profile fields _regip or _ip)",
	},
	{
		displayName: 'Launch Delay',
		name: 'launchDelay',
		type: 'fixedCollection',
		placeholder: 'Add Delay',
		// Not empty: n8n drops an empty collection, and the delay would vanish on the next change.
		default: { delay: { days: 0, hours: 0, minutes: 0 } },
		description: 'How long after the import the trigger mailing starts; 0 starts it at once',
		options: [
			{
				displayName: 'Delay',
				name: 'delay',
				values: [
					{ displayName: 'Days', name: 'days', type: 'number', default: 0, typeOptions: { minValue: 0 } },
					{ displayName: 'Hours', name: 'hours', type: 'number', default: 0, typeOptions: { minValue: 0 } },
					{ displayName: 'Minutes', name: 'minutes', type: 'number', default: 0, typeOptions: { minValue: 0 } },
				],
			},
		],
	},
	resourceField({ show: { '/matching': ['email', 'email_profile', 'phone'] } }),
	{
		displayName: 'Skip Invalid Subscriptions',
		name: 'skipInvalidSubscriptions',
		type: 'boolean',
		default: false,
		description: 'Whether invalid subscriptions are left out instead of failing the import',
	},
	{
		displayName: 'Skip Other Triggers and Scenarios',
		name: 'skipTriggers',
		type: 'boolean',
		default: false,
		description:
			"Whether the import leaves other triggers and scenarios that react to profile imports unstarted; this operation's own launch happens either way",
	},
];

function readDelay(ctx: IExecuteFunctions, itemIndex: number, value: unknown): IDataObject | undefined {
	const delay = (value as { delay?: IDataObject } | undefined)?.delay;
	if (!delay) return undefined;
	const timeout: IDataObject = {};
	for (const unit of ['days', 'hours', 'minutes']) {
		const raw = delay[unit];
		const number = raw === undefined || raw === '' ? 0 : Number(raw);
		if (!Number.isInteger(number) || number < 0) {
			failItem(
				ctx,
				itemIndex,
				`Launch Delay → ${unit[0].toUpperCase()}${unit.slice(1)} must be a whole number of 0 or more (item ${itemIndex})`,
				'Set days, hours and minutes as whole numbers, e.g. 0 days, 0 hours, 5 minutes.',
			);
		}
		timeout[unit] = number;
	}
	return Object.values(timeout).some((n) => (n as number) > 0) ? timeout : undefined;
}

/** The import flags, resource and delay of one item, as request fields (only what is set). */
export function readImportFields(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	const resourceId = readResourceId(ctx, itemIndex, fields.resourceId);
	if (resourceId !== undefined) out.resource_id = resourceId;
	if (fields.skipTriggers === true) out.skip_triggers = true;
	if (fields.skipInvalidSubscriptions === true) out.skip_invalid_subscriptions = true;
	if (fields.detectGeo === true) out.detect_geo = true;
	const timeout = readDelay(ctx, itemIndex, fields.launchDelay);
	if (timeout) out.timeout = timeout;
	return out;
}
