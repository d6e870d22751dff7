import type { INodeProperties } from 'n8n-workflow';
import { resourceDescription } from '../../fields/display';
import type { AltcraftResource } from '../node.type';
import * as registerGoal from './registerGoal/registerGoal.operation';

/** The operations of Event, in the order of its Operation list: one line each. */
export const operations: AltcraftResource = {
	registerGoal,
};

export const description: INodeProperties[] = resourceDescription('event', operations);
