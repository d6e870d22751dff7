import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as event from './actions/event';
import * as profile from './actions/profile';
import { router } from './actions/router';
import * as scenario from './actions/scenario';
import * as segment from './actions/segment';
import * as triggerMailing from './actions/triggerMailing';
import { searchDatabases } from './methods/databaseSearch';
import { searchResources, searchTriggerLinks, searchTriggerMailings } from './methods/listSearch';
import { getDatabaseFields, searchSegments } from './methods/namedLists';
import { searchScenarios } from './methods/scenarioSearch';

export class Altcraft implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altcraft',
		name: 'altcraft',
		icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
		group: ['output'],
		version: 1,
		// Written out because n8n's scan reads the subtitle only as a literal; test/node/description.test.ts
		// holds it to nodeSubtitle(resources), which says how it is built.
		subtitle:
			'={{ ($parameter["options"] && $parameter["options"]["dryRun"] === true ? "Dry Run · " : "") + ($parameter["resource"] === "triggerMailing" && $parameter["operation"] === "launch" ? "Launch" : $parameter["resource"] === "triggerMailing" && $parameter["operation"] === "importAndLaunch" ? "Import Profile and Launch" : $parameter["resource"] === "triggerMailing" && $parameter["operation"] === "launchViaLink" ? "Launch via Trigger Link" : $parameter["resource"] === "event" && $parameter["operation"] === "registerGoal" ? "Register Goal" : $parameter["resource"] === "scenario" && $parameter["operation"] === "start" ? "Start" : $parameter["resource"] === "scenario" && $parameter["operation"] === "importAndStart" ? "Import Profile and Start" : $parameter["resource"] === "profile" && $parameter["operation"] === "createOrUpdate" ? "Create or Update" : $parameter["resource"] === "profile" && $parameter["operation"] === "delete" ? "Delete" : $parameter["resource"] === "profile" && $parameter["operation"] === "get" ? "Get" : $parameter["resource"] === "profile" && $parameter["operation"] === "setSubscription" ? "Set Subscription" : $parameter["resource"] === "segment" && $parameter["operation"] === "addProfile" ? "Add Profile" : $parameter["resource"] === "segment" && $parameter["operation"] === "removeProfile" ? "Remove Profile" : $parameter["operation"]) + ($parameter["launchMode"] === "audience" ? ": Same Message to All" : $parameter["launchMode"] === "batch" ? ": Bulk" : $parameter["launchMode"] === "query" ? ": Query" : "") }}',
		description:
			'Launch Altcraft trigger mailings, keep profiles and subscriptions in step, register goals, start scenarios and manage static segments',
		defaults: { name: 'Altcraft' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altcraftApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'triggerMailing',
				options: [
					{ name: 'Event', value: 'event' },
					{ name: 'Profile', value: 'profile' },
					{ name: 'Scenario', value: 'scenario' },
					{ name: 'Segment', value: 'segment' },
					{ name: 'Trigger Mailing', value: 'triggerMailing' },
				],
			},
			...triggerMailing.description,
			...event.description,
			...profile.description,
			...scenario.description,
			...segment.description,
		],
	};

	methods = {
		listSearch: {
			searchTriggerMailings,
			searchResources,
			searchTriggerLinks,
			searchDatabases,
			searchScenarios,
			searchSegments,
		},
		loadOptions: { getDatabaseFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
