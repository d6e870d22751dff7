import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** How to fix each Altcraft error code: the part of the message a user acts on. */
function describeAltcraftError(code: number, errorText: string): string {
	const text = errorText.toLowerCase();
	if (code === 401) {
		return 'The request carried no API token. Open the Altcraft credential and enter the API token.';
	}
	if (code === 403) {
		return 'The API token is invalid, or its role has no access to this action. Check the token in the Altcraft credential and the role it belongs to in Altcraft.';
	}
	if (code === 402) {
		return 'The tariff limit of your Altcraft account is reached. Raise the limit or wait for the next period.';
	}
	if (code === 409) {
		return 'More than one profile matches. Set Identify Profile By to something that selects one profile, e.g. Profile ID.';
	}
	if (/not active|inactive|deactivat/.test(text)) {
		return 'The trigger mailing is not active. Activate it in Altcraft, then run the node again.';
	}
	if (/api call|api_call|trigger type|event/.test(text)) {
		return 'Only trigger mailings whose event is "when using a special API call" can be launched by the API. Pick such a trigger mailing or change its event in Altcraft.';
	}
	if (code === 404 || /not found/.test(text)) {
		return 'Altcraft did not find what the request names. Check the trigger mailing ID (or the trigger link) and that it belongs to this account.';
	}
	if (code === 400) {
		return 'Altcraft rejected the request parameters. The error text names the parameter; fix it in the node and run again.';
	}
	return 'See the error text from Altcraft. If it persists, check the request in the node and the Altcraft API documentation.';
}

interface ApiFailure {
	/** HTTP status of the answer. */
	status: number;
	/** Altcraft's `error` code, or the HTTP status when the body had none. */
	code: number;
	errorText: string;
	description?: string;
	itemIndex?: number;
	/** What is safe to show downstream: never the request (it may hold the token). */
	response?: JsonObject;
}

export function altcraftApiError(node: INode, failure: ApiFailure): NodeApiError {
	const error = new NodeApiError(
		node,
		{ ...(failure.response ?? {}), httpCode: String(failure.status) } as JsonObject,
		{
			message: `Altcraft error ${failure.code}: ${failure.errorText}`,
			description: failure.description ?? describeAltcraftError(failure.code, failure.errorText),
			httpCode: String(failure.status),
			itemIndex: failure.itemIndex,
		},
	);
	return error;
}
