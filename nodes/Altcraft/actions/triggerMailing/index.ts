import type { INodeProperties } from 'n8n-workflow';
import { resourceDescription } from '../../fields/display';
import type { AltcraftResource } from '../node.type';
import * as importAndLaunch from './importAndLaunch/importAndLaunch.operation';
import * as launch from './launch/launch.operation';
import * as launchViaLink from './launchViaLink/launchViaLink.operation';

/** The operations of Trigger Mailing, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	launch,
	importAndLaunch,
	launchViaLink,
};

export const description: INodeProperties[] = resourceDescription('triggerMailing', operations);
