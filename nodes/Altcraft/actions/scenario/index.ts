import type { INodeProperties } from 'n8n-workflow';
import { resourceDescription } from '../../fields/display';
import type { AltcraftResource } from '../node.type';
import * as importAndStart from './importAndStart/importAndStart.operation';
import * as start from './start/start.operation';

/** The operations of Scenario, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	start,
	importAndStart,
};

export const description: INodeProperties[] = resourceDescription('scenario', operations);
