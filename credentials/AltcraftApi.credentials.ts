import type {
	IAuthenticate,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { API_URL_EXPRESSION } from '../nodes/Altcraft/transport/apiUrl';
import { applyToken } from '../nodes/Altcraft/transport/token';

const failWhenBodyErrorIs = (code: number | undefined, message: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	// `undefined` is how n8n's rule sees an answer without an `error` field: not the Altcraft API.
	properties: { key: 'error', value: code as number, message },
});

const TOKEN_REQUIRED = 'Altcraft error 401: token required. Enter the API token of your Altcraft account.';
const INVALID_TOKEN =
	'Altcraft error 403: invalid token or no access. Check the API token, and that its role may read and launch trigger mailings.';
const TARIFF_LIMIT = 'Altcraft error 402: the tariff limit of the account is reached.';
const BAD_REQUEST = 'Altcraft error 400: incorrect request. Check that the API URL is the API host of your account.';
const NOT_FOUND =
	'The API URL answered 404: it does not lead to the Altcraft API. Enter the API host of your account, e.g. https://example.altcraft.com.';
const UNAVAILABLE = 'Altcraft is unavailable right now (HTTP 5xx or 429). Try the test again later.';
const NOT_ALTCRAFT =
	'The API URL did not answer like the Altcraft API (no error code in the answer). Enter the API host of your account, e.g. https://example.altcraft.com.';

export class AltcraftApi implements ICredentialType {
	name = 'altcraftApi';

	displayName = 'Altcraft API';

	icon: Icon = {
		light: 'file:../nodes/Altcraft/altcraft.svg',
		dark: 'file:../nodes/Altcraft/altcraft.dark.svg',
	};

	documentationUrl = 'https://github.com/altcraft-n8n/n8n-nodes-altcraft#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.altcraft.com',
			description:
				'The API host of your Altcraft account: the shared cloud host or your own on-premise host, with its port if it has one. A trailing slash or /api/v1.1 is removed.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API token from Altcraft (Settings → API tokens) whose role may launch trigger mailings',
		},
		{
			displayName: 'Send Token In',
			name: 'authPlacement',
			type: 'options',
			default: 'body',
			options: [
				{
					name: 'Authorization Header (Bearer)',
					value: 'header',
					description: 'Authorization: Bearer &lt;token&gt;, accepted by newer Altcraft versions',
				},
				{
					name: 'Request Body',
					value: 'body',
					description: 'A token field in the JSON or XML body, as the Altcraft API documentation shows',
				},
			],
		},
		{
			displayName: 'Tracking Domains',
			name: 'trackingDomains',
			type: 'string',
			default: '',
			placeholder: 'e.g. trk.example.org, *.example.org',
			description:
				"Hosts of your account's v1.0 trigger links that may receive the API token: a POST to a trigger link carries it. Separate hosts with commas; *.example.org allows every subdomain. The API URL's host is always allowed; a link on any other host is refused before anything is sent. GET launches send no token and need no entry.",
		},
	];

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) =>
		applyToken(
			String(credentials.apiToken ?? ''),
			credentials.authPlacement === 'header' ? 'header' : 'body',
			requestOptions,
		);

	test: ICredentialTestRequest = {
		request: {
			baseURL: API_URL_EXPRESSION,
			url: '/api/v1.1/campaigns/triggers/list',
			method: 'POST',
			body: {},
			// A redirect would carry the token to wherever it points; the answer then has no error code
			// and fails the test as "not the Altcraft API".
			disableFollowRedirect: true,
			// n8n drops the HTTP answer from the error it raises for a 4xx/5xx, and with it Altcraft's
			// error code: taking every answer as it comes lets the rules below judge it by its body.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			failWhenBodyErrorIs(401, TOKEN_REQUIRED),
			failWhenBodyErrorIs(403, INVALID_TOKEN),
			failWhenBodyErrorIs(402, TARIFF_LIMIT),
			failWhenBodyErrorIs(400, BAD_REQUEST),
			failWhenBodyErrorIs(404, NOT_FOUND),
			failWhenBodyErrorIs(429, UNAVAILABLE),
			failWhenBodyErrorIs(500, UNAVAILABLE),
			failWhenBodyErrorIs(502, UNAVAILABLE),
			failWhenBodyErrorIs(503, UNAVAILABLE),
			failWhenBodyErrorIs(504, UNAVAILABLE),
			failWhenBodyErrorIs(undefined, NOT_ALTCRAFT),
		],
	};
}
