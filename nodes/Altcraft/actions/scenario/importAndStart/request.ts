import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readOptionalDatabase } from '../../../fields/database';
import { importItemReader, type ImportItem } from '../../../fields/importItem';
import type { ImportRequest } from '../../../fields/importRun';
import { scenarioIdReader } from '../../../fields/scenario';

/** Altcraft "Import and engage profile in scenario" and its batch and task variants. */
export const IMPORT_START_PATH = '/api/v1.1/workflows/import_and_start';
export const IMPORT_START_BATCH_PATH = '/api/v1.1/workflows/import_and_start_batch';
export const IMPORT_START_BATCH_TASK_PATH = '/api/v1.1/workflows/import_and_start_batch_task';

/** What a request of this operation shares besides the profiles it carries. */
interface ScenarioImportRequest extends ImportRequest {
	scenarioId: number;
	/** [DOC] not in the table, sent by the newer example; [INF] without it the scenario's database is used. */
	dbId?: number;
}

type ScenarioImportItem = ImportItem & { request: ScenarioImportRequest };

/** The request-level fields: the scenario is `workflow_id` here, `id` in workflows/start [DOC]. */
export function requestFields(request: ScenarioImportRequest): IDataObject {
	return {
		workflow_id: request.scenarioId,
		...(request.dbId !== undefined ? { db_id: request.dbId } : {}),
		...request.fields,
		...request.message.fields,
	};
}

/** Reads one item: the import's parts (fields/importItem.ts), the scenario and the optional database. */
export function itemReader(ctx: IExecuteFunctions, xml: boolean): (itemIndex: number) => ScenarioImportItem {
	const scenarioId = scenarioIdReader(ctx);
	const readImport = importItemReader(ctx, xml);
	return (itemIndex) => {
		const item = readImport(itemIndex);
		const request: ScenarioImportRequest = {
			scenarioId: scenarioId(itemIndex),
			dbId: readOptionalDatabase(ctx, itemIndex, item.additional.database),
			fields: item.fields,
			message: item.message,
		};
		return { ...item, request };
	};
}
