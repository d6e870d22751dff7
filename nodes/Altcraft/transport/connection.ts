import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { redactor } from './answer';
import { normalizeApiUrl } from './apiUrl';
import { apiHostRule, parseHostList, type HostRule } from './hosts';
import type { TokenPlacement } from './token';

export const CREDENTIAL_TYPE = 'altcraftApi';

export type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** What the transport needs from the credential, read once per execution context. */
export interface Connection {
	baseUrl: string;
	/** Takes the API token out of any text shown in errors or outputs. */
	redact: (text: string) => string;
	/** Hosts a request carrying the token may go to: the API host and the tracking domains. */
	tokenHosts: HostRule[];
	/** Tracking Domains entries that are not host names (named when a host is refused). */
	invalidHosts: string[];
	/** Where the credential puts the token: shown, masked, by a dry run. */
	placement: TokenPlacement;
	/**
	 * The decrypted credential, handed to `httpRequestWithAuthentication` with every request:
	 * without it n8n reads the credential again for each one, in a real n8n a database lookup and
	 * a decryption. n8n reads it without an item index (as for item 0), as here, so every request
	 * gets what n8n would have read.
	 */
	credential: ICredentialsDecrypted;
}

const connections = new WeakMap<Context, Promise<Connection>>();

async function readConnection(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeApiUrl(String(credentials.apiUrl ?? ''));
	if (baseUrl === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Altcraft credential has no API URL', {
			description:
				'Open the Altcraft credential and enter the API host of your account, e.g. https://example.altcraft.com.',
		});
	}
	const { rules, invalid } = parseHostList(String(credentials.trackingDomains ?? ''));
	const apiHost = apiHostRule(baseUrl);
	return {
		baseUrl,
		redact: redactor(String(credentials.apiToken ?? '')),
		tokenHosts: apiHost ? [apiHost, ...rules] : rules,
		invalidHosts: invalid,
		placement: credentials.authPlacement === 'header' ? 'header' : 'body',
		credential: credentialFor(ctx, credentials),
	};
}

/** The shape n8n-core's own routing node passes: the node's credential reference and the data. */
function credentialFor(ctx: Context, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data };
}

/** The credential's part in every request of this execution context, read on first use. */
export function connection(ctx: Context): Promise<Connection> {
	let found = connections.get(ctx);
	if (!found) {
		found = readConnection(ctx);
		// A failed read is not kept: the next call reports it again.
		found.catch(() => connections.delete(ctx));
		connections.set(ctx, found);
	}
	return found;
}
