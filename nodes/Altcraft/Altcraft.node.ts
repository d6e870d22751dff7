import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resources, router } from './actions/router';
import { nodeSubtitle } from './actions/subtitle';
import * as profile from './actions/profile';
import * as segment from './actions/segment';
import * as triggerMailing from './actions/triggerMailing';
import { searchResources, searchTriggerLinks, searchTriggerMailings } from './methods/listSearch';
import { getDatabaseFields, searchDatabases, searchSegments } from './methods/namedLists';

/**
 * The Resource choice. Outside the class description: n8n's lint sees only Resource among its
 * literal properties and, missing that the subtitle is built (actions/subtitle.ts), asks for its
 * default one.
 */
const RESOURCE: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'triggerMailing',
	// Trigger Mailing first (the default), the others alphabetical.
	options: [
		{ name: 'Trigger Mailing', value: 'triggerMailing' },
		{ name: 'Profile', value: 'profile' },
		{ name: 'Segment', value: 'segment' },
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
		properties: [RESOURCE, ...triggerMailing.description, ...profile.description, ...segment.description],
	};

	methods = {
		listSearch: { searchTriggerMailings, searchResources, searchTriggerLinks, searchDatabases, searchSegments },
		loadOptions: { getDatabaseFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
