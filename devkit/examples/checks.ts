/**
 * What each example must do when n8n runs it: the Altcraft node's output, and what the sandbox
 * received (launch count, the body fields that matter). Checks return failure messages; an empty
 * list is a pass.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Launch, RecordedRequest, Sandbox } from '../../sandbox';
import { NODE_TYPE } from '../n8n/pkg';
import type { Workflow } from './workflows';

export interface RunEvidence {
	workflow: Workflow;
	/** The parsed `n8n execute --rawOutput` JSON (undefined if none was printed), or the run data of an in-process run. */
	run: any;
	/** `n8n execute`'s exit code; absent for a run inside this process (test/examples/). */
	exitCode?: number | null;
	/** The signal n8n died with, if it did; absent for a run inside this process. */
	signal?: NodeJS.Signals | null;
	/** A signal this n8n version dies with after a finished run (PINS in devkit/n8n/install.ts): not a failure then. */
	toleratedExitSignal?: NodeJS.Signals;
	/** What the run printed; for an in-process run, its run data as JSON. */
	stdout: string;
	stderr: string;
	sandbox: Sandbox;
}

export interface ExampleSpec {
	file: string;
	/** Short label for the table. */
	label: string;
	/** Launches the sandbox must record. */
	launches: number;
	/** Items the Altcraft node must output. */
	outputItems: number;
	/** What every output item says first: its operation's outcome verb (docs/output.md); `launched` unless set. */
	verb?: string;
	/** Which Altcraft node the common checks look at when there are several; default the first. */
	node?: string;
	check: (evidence: RunEvidence, failures: Failures) => void;
}

export class Failures {
	readonly list: string[] = [];
	add(message: string): void {
		this.list.push(message);
	}
	equal(label: string, actual: unknown, expected: unknown): void {
		if (!isDeepStrictEqual(actual, expected))
			this.add(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
	truthy(label: string, value: unknown): void {
		if (!value) this.add(label);
	}
}

export function nodeItems(run: any, nodeName: string): any[] | undefined {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	return runs?.[0]?.data?.main?.[0];
}

function altcraftNodeName(workflow: Workflow, name?: string): string {
	const node = workflow.nodes.find((candidate) => candidate.type === NODE_TYPE && (!name || candidate.name === name));
	if (!node) throw new Error(`${workflow.name} has no ${NODE_TYPE} node`);
	return node.name;
}

function launchRequests(sandbox: Sandbox): RecordedRequest[] {
	return sandbox.requests.filter(
		(request) =>
			/^\/api\/v1\.1\/campaigns\/triggers\/(start|import_and_start)/.test(request.path) ||
			request.path.startsWith('/trg/'),
	);
}

/** n8n died with the signal its version is known to die with on exit, after it printed a finished, successful run. */
export function crashedAfterFinishedRun(evidence: RunEvidence): boolean {
	return (
		evidence.exitCode === null &&
		!!evidence.signal &&
		evidence.signal === evidence.toleratedExitSignal &&
		evidence.run?.finished === true &&
		evidence.run?.status === 'success'
	);
}

/** What an output item says happened first, per operation (docs/output.md). */
const OUTCOME_VERBS = [
	'launched',
	'imported',
	'updated',
	'found',
	'deleted',
	'subscribed',
	'added',
	'removed',
	'registered',
	'started',
];

/**
 * The Altcraft node's output: the expected count, one success item per input item in the output
 * convention (docs/output.md: no `error` key, Altcraft's answer under `response`, paired with its own input).
 */
function altcraftOutputChecks(spec: ExampleSpec, run: any, name: string, failures: Failures): void {
	const items = nodeItems(run, name);
	if (!items) {
		failures.add(`node "${name}" produced no output`);
	} else {
		failures.equal(`"${name}" output items`, items.length, spec.outputItems);
		items.forEach((item, index) => {
			const json = item.json ?? {};
			if ('error' in json || item.error) failures.add(`output item ${index} is a failure: ${JSON.stringify(json)}`);
			if (json.response?.error !== 0)
				failures.add(`output item ${index}: Altcraft answered ${JSON.stringify(json.response)}`);
			const verb = spec.verb ?? OUTCOME_VERBS.find((candidate) => candidate in json);
			if (!verb || !(verb in json))
				failures.add(`output item ${index} does not say what happened (${spec.verb ?? OUTCOME_VERBS.join(', ')})`);
			// A read (Get: `found`) carries no Request-ID; every data-changing call does.
			if (verb !== 'found' && !json.requestId && !json.request?.requestId)
				failures.add(`output item ${index} has no Request-ID`);
			failures.equal(`output item ${index} pairedItem`, item.pairedItem, { item: index });
		});
	}
}

/** Checks every example gets: a clean run, Altcraft's success in every output item of its Altcraft node (if it has one), no token leak. */
export function commonChecks(spec: ExampleSpec, evidence: RunEvidence, failures: Failures): void {
	const { run, sandbox } = evidence;
	if (!run) {
		failures.add('n8n printed no run JSON');
		return;
	}
	const error = run.data?.resultData?.error;
	if (error)
		failures.add(
			`the run failed: ${error.message ?? JSON.stringify(error)}${error.description ? ` (${error.description})` : ''}`,
		);
	if ('exitCode' in evidence && evidence.exitCode !== 0 && !crashedAfterFinishedRun(evidence))
		failures.add(`n8n execute exited ${evidence.exitCode ?? evidence.signal}`);
	const name = evidence.workflow.nodes.find((candidate) => candidate.type === NODE_TYPE)?.name;
	if (name === undefined) {
		// A workflow that only receives (the Altcraft Trigger's): its spec checks its own nodes' output.
		if (spec.outputItems !== 0)
			failures.add(`${evidence.workflow.name} has no ${NODE_TYPE} node to output ${spec.outputItems} items`);
	} else {
		altcraftOutputChecks(spec, run, name, failures);
	}
	failures.equal('launches recorded by the sandbox', sandbox.launches.length, spec.launches);
	for (const request of sandbox.requests) {
		const status = request.response?.status;
		if (status === undefined || status >= 400) {
			failures.add(
				`sandbox answered ${status ?? 'nothing'} to ${request.method} ${request.path}: ${JSON.stringify(request.response?.body)}`,
			);
		}
		if (request.response?.duplicate) failures.add(`sandbox saw a duplicate of ${request.method} ${request.path}`);
	}
	const ids = launchRequests(sandbox).map((request) => request.requestId);
	if (ids.some((id) => !id)) failures.add('a launch request had no Request-ID header');
	if (new Set(ids).size !== ids.length) failures.add('two launch requests shared a Request-ID');
	const token = sandbox.token;
	if (evidence.stdout.includes(token)) failures.add('the API token appears in the run output');
	if (evidence.stderr.includes(token)) failures.add("the API token appears in n8n's log output");
}

const JOHN = '6606e08f10bcdd88297057a7';
const JANE = 'abcdefghijklmnqrstuvwxyz';
/** The profile of Altcraft's Delete profile and Get profile data examples (example@example.com). */
const EXAMPLE_PROFILE = '5f33d33ece94481aa9382110';

function altcraftItems(evidence: RunEvidence, node?: string): any[] {
	return nodeItems(evidence.run, altcraftNodeName(evidence.workflow, node)) ?? [];
}

function profileCalls(sandbox: Sandbox, path: string): RecordedRequest[] {
	return sandbox.requests.filter((request) => request.path === path);
}

/** Data-changing profile calls carry a Request-ID each, none shared. */
function checkRequestIds(f: Failures, requests: RecordedRequest[]): void {
	const ids = requests.map((request) => request.requestId);
	f.truthy(`every data-changing request has a Request-ID (${JSON.stringify(ids)})`, ids.every(Boolean));
	f.equal('Request-IDs are distinct', new Set(ids).size, ids.length);
}

/** A value as plain JSON (the sandbox's parsed objects are compared by content, not prototype). */
function plain(value: unknown): unknown {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function byTarget(launches: Launch[]): Launch[] {
	return [...launches].sort((a, b) => String(a.target).localeCompare(String(b.target)));
}

export const SPECS: ExampleSpec[] = [
	{
		file: 'form-submission-launch.json',
		label: 'form → launch for the email',
		launches: 1,
		outputItems: 1,
		check({ sandbox, ...evidence }, f) {
			const [launch] = sandbox.launches;
			if (!launch) return;
			f.equal('trigger', launch.triggerId, 84);
			f.equal('matching', launch.body.matching, 'email');
			f.equal('email', launch.body.email, 'john@example.com');
			f.equal('profiles reached', launch.profiles, [JOHN]);
			f.equal('content', launch.body.content, { first_name: 'John', topic: 'Tutorials' });
			f.equal('custom_data', launch.body.custom_data, { source: 'n8n form' });
			f.equal('token in JSON body (authPlacement body)', launch.body.token, sandbox.token);
			const [item] = altcraftItems({ sandbox, ...evidence });
			f.equal('output launched', item?.json?.launched, true);
			f.equal('output email', item?.json?.email, 'john@example.com');
			f.equal('output triggerMailingId', item?.json?.triggerMailingId, 84);
		},
	},
	{
		file: 'schedule-audience-launch.json',
		label: 'schedule + rows → one audience launch',
		launches: 1,
		outputItems: 4,
		check({ sandbox, ...evidence }, f) {
			const [launch] = sandbox.launches;
			if (!launch) return;
			f.equal('trigger', launch.triggerId, 96);
			f.equal('matching (none: custom_request)', launch.body.matching, undefined);
			f.equal('custom_request', launch.body.custom_request, {
				email: { $in: ['john@example.com', 'jane@example.com', 'ivan+news@example.org'] },
			});
			f.equal('profiles reached', launch.profiles.length, 3);
			f.equal('content', launch.body.content, { email_title: 'New videos on your favorite channels' });
			f.equal('subscription_filter (not sent with a query)', launch.body.subscription_filter, undefined);
			const items = altcraftItems({ sandbox, ...evidence });
			f.equal(
				'output: each row its recipient (jane twice: two rows, one profile in the query)',
				items.map((item) => item.json?.email),
				['john@example.com', 'jane@example.com', 'ivan+news@example.org', 'jane@example.com'],
			);
			for (const item of items) {
				f.equal('output request (profiles, items)', [item.json?.request?.profiles, item.json?.request?.items], [3, 4]);
				f.equal('output launched (an audience answer does not tell per profile)', item.json?.launched, null);
			}
		},
	},
	{
		file: 'link-launch-v10.json',
		label: 'v1.0 trigger link, POST with fields',
		launches: 2,
		outputItems: 2,
		check({ sandbox, ...evidence }, f) {
			const key = '9800d34551adffb078387a3a64c9e5a50240105b57dd8d66';
			const requests = launchRequests(sandbox);
			for (const request of requests) {
				f.equal('method', request.method, 'POST');
				f.truthy(`path ${request.path} is the trigger's link`, request.path.startsWith(`/trg/${key}/`));
				f.truthy(
					`the token is not in the URL (${request.path})`,
					!request.path.includes(sandbox.token) && !Object.values(request.query).includes(sandbox.token),
				);
				f.equal('token in the POST body', request.body?.token, sandbox.token);
			}
			const ivanRequest = requests.find((request) => request.path.includes('ivan'));
			f.truthy(
				`"+" of ivan+news@ is URL-encoded (${ivanRequest?.path})`,
				ivanRequest?.path.includes('ivan%2Bnews%40example.org'),
			);
			const [ivan, john] = byTarget(sandbox.launches);
			if (!ivan || !john) return;
			for (const launch of [ivan, john]) {
				f.equal('version', launch.version, '1.0');
				f.equal('trigger', launch.triggerId, 84);
				f.equal('matching', launch.matching, 'email');
			}
			f.equal('ivan target', ivan.target, 'ivan+news@example.org');
			f.equal('ivan profiles', ivan.profiles, ['6606e08f10bcdd88297057a8']);
			f.equal('ivan fields', ivan.body?.fields, [{ name: 'FirstName', value: 'Ivan', option: 1 }]);
			f.equal('john target', john.target, 'john@example.com');
			f.equal('john profiles', john.profiles, [JOHN]);
			f.equal('john fields', john.body?.fields, [{ name: 'FirstName', value: 'Johnny', option: 1 }]);
			const items = altcraftItems({ sandbox, ...evidence });
			f.equal(
				'output order (input order kept)',
				items.map((item) => item.json?.profileIdentifier),
				['john@example.com', 'ivan+news@example.org'],
			);
			for (const item of items) {
				f.truthy('output does not show the whole link key', !JSON.stringify(item.json).includes(key));
			}
		},
	},
	{
		file: 'xml-request-format.json',
		label: 'XML request format, custom field',
		launches: 2,
		outputItems: 2,
		check({ sandbox, ...evidence }, f) {
			const requests = launchRequests(sandbox);
			for (const request of requests) {
				f.equal('request format', request.format, 'xml');
				f.truthy(
					`content-type is XML (${request.headers['content-type']})`,
					/xml/.test(String(request.headers['content-type'])),
				);
				f.truthy('XML body has a <token> element', /<token>[^<]+<\/token>/.test(request.rawBody));
				f.truthy('XML body has <matching>custom</matching>', request.rawBody.includes('<matching>custom</matching>'));
				f.truthy(
					'XML body has <field_name>CRM_ID</field_name>',
					request.rawBody.includes('<field_name>CRM_ID</field_name>'),
				);
			}
			const [first, second] = byTarget(sandbox.launches);
			if (!first || !second) return;
			f.equal('first launch target', first.target, '123420');
			f.equal('first launch profiles', first.profiles, [JOHN]);
			f.equal('first launch content.order_id', String(first.body.content?.order_id), 'A-1001');
			f.equal('second launch target', second.target, '123421');
			f.equal('second launch profiles', second.profiles, [JANE]);
			f.equal('second launch content.order_total', String(second.body.content?.order_total), '35.00');
			const items = altcraftItems({ sandbox, ...evidence });
			f.equal(
				'output order (input order kept)',
				items.map((item) => item.json?.fieldValue),
				[123420, 123421],
			);
			f.equal(
				'output response.error_text (parsed from the XML answer)',
				items[0]?.json?.response?.error_text,
				'Successful operation',
			);
		},
	},
	{
		file: 'binary-attachment.json',
		label: 'attachment from binary (CSV)',
		launches: 1,
		outputItems: 1,
		check({ sandbox }, f) {
			const [launch] = sandbox.launches;
			if (!launch) return;
			f.equal('email', launch.body.email, 'john@example.com');
			const attach = launch.body.attach;
			f.equal('attachments', Array.isArray(attach) ? attach.length : attach, 1);
			const [file] = Array.isArray(attach) ? attach : [];
			if (!file) return;
			f.equal('attachment name', file.name, 'order-10025.csv');
			const match = /^data:([^;]+);base64,(.*)$/.exec(String(file.data));
			f.truthy(`attachment is a base64 data URL (${String(file.data).slice(0, 40)}…)`, match);
			if (!match) return;
			f.equal('attachment MIME type', match[1], 'text/csv');
			const csv = Buffer.from(match[2], 'base64').toString('utf8');
			f.truthy(
				`the CSV has a header and both lines (${JSON.stringify(csv.slice(0, 120))})`,
				/sku/.test(csv) && csv.includes('SKU-1') && csv.includes('Paper filters'),
			);
			f.equal('content', launch.body.content, { order_id: '10025' });
		},
	},
	{
		file: 'import-and-launch-form.json',
		label: 'form → import profile + launch',
		launches: 1,
		outputItems: 1,
		check({ sandbox, ...evidence }, f) {
			const [request] = launchRequests(sandbox);
			f.equal('endpoint', request?.path, '/api/v1.1/campaigns/triggers/import_and_start');
			const [launch] = sandbox.launches;
			if (!launch) return;
			f.equal('trigger_id', launch.body.trigger_id, 84);
			f.equal('matching', launch.body.matching, 'email');
			f.equal('email (match key)', launch.body.email, 'nina@example.com');
			f.equal('profile data', launch.body.data, {
				Source: 'n8n form',
				email: 'nina@example.com',
				_fname: 'Nina',
				_lname: 'Petrova',
				subscriptions: [{ resource_id: 24, channel: 'email', email: 'nina@example.com', status: 'subscribed' }],
			});
			f.equal('content', launch.body.content, { first_name: 'Nina' });
			f.equal('custom_data', launch.body.custom_data, { source: 'n8n form' });
			f.truthy(
				`Request-ID from the Idempotency Key (${request?.requestId})`,
				String(request?.requestId).startsWith('import-84-nina@example.com-'),
			);
			const [item] = altcraftItems({ sandbox, ...evidence });
			const answered = request?.response?.body?.profile_id;
			f.truthy(`sandbox answered a profile_id (${answered})`, typeof answered === 'string' && answered.length === 24);
			f.equal('output imported, launched', [item?.json?.imported, item?.json?.launched], [true, true]);
			f.equal('output profileId', item?.json?.profileId, answered);
		},
	},
	{
		file: 'bulk-launch.json',
		label: '2,500 rows → 3 bulk launches, own custom data',
		launches: 2500,
		outputItems: 2500,
		check({ sandbox, ...evidence }, f) {
			const requests = launchRequests(sandbox);
			f.equal(
				'requests',
				requests.map((request) => request.path),
				Array(3).fill('/api/v1.1/campaigns/triggers/start_batch'),
			);
			f.equal(
				'profiles per request',
				requests.map((request) => request.body?.data?.length).sort(),
				[1000, 1000, 500].sort(),
			);
			const first = requests.find((request) => request.body?.data?.[0]?.email === 'john@example.com');
			f.truthy('the first rows are in one request', first);
			if (!first) return;
			f.equal('trigger_id', first.body.trigger_id, 84);
			f.equal('matching', first.body.matching, 'email');
			f.equal('content (once per request)', first.body.content, { email_title: 'Your order is on its way' });
			f.equal("john's element", first.body.data[0], {
				email: 'john@example.com',
				custom_data: { order_id: 'A-1001', total: 49.9, items: 2 },
			});
			f.equal("jane's element", first.body.data[1], {
				email: 'jane@example.com',
				custom_data: { order_id: 'A-1002', total: 12.5, items: 1 },
			});
			const items = altcraftItems({ sandbox, ...evidence });
			f.equal(
				'output: each row its request (number, profiles)',
				[items[0], items[999], items[1000], items[2499]].map((item) => [
					item?.json?.request?.number,
					item?.json?.request?.profiles,
				]),
				[
					[1, 1000],
					[1, 1000],
					[2, 1000],
					[3, 500],
				],
			);
			f.equal('output email of the first row', items[0]?.json?.email, 'john@example.com');
			f.equal('output profilesLaunched of the first request', items[0]?.json?.request?.profilesLaunched, 2);
			// Email matching: the answer's profile IDs cannot be matched to rows, and the item says so.
			f.equal('output launched (not told per row with email matching)', items[0]?.json?.launched, null);
			f.truthy('output note says why', typeof items[0]?.json?.note === 'string');
			f.equal('output response without the result list', items[0]?.json?.response?.result, undefined);
		},
	},
	{
		// Runs from the Altcraft Trigger's pinned events (a webhook trigger cannot start a manual run);
		// the e2e run sends it real action hooks instead (e2e/lib/trigger.ts).
		file: 'trigger-bounce-and-click.json',
		label: 'Altcraft Trigger events → hard bounce and click branches',
		launches: 0,
		outputItems: 0,
		check({ sandbox, run }, f) {
			f.equal('requests to Altcraft', sandbox.requests.length, 0);
			f.equal(
				'events from the trigger (its pinned data)',
				nodeItems(run, 'Altcraft Trigger')?.map((item) => item.json?.event_type),
				['hbounce', 'click'],
			);
			const bounced = nodeItems(run, 'Mark Address as Bounced') ?? [];
			f.equal(
				'the hard bounce branch',
				bounced.map((item) => item.json),
				[
					{
						email: 'john@example.com',
						email_md5: 'd4c74594d841139328695756648b6bd6',
						profile_id: JOHN,
						status: 'hard_bounce',
						bounced_at: '2024-05-06T10:00:01.123Z',
					},
				],
			);
			const clicked = nodeItems(run, 'Notify About Click') ?? [];
			f.equal(
				'the click branch',
				clicked.map((item) => item.json),
				[{ text: `Profile ${JANE} clicked https://www.example.com/pricing (campaign 84)`, channel: '#sales' }],
			);
			f.equal(
				'paired items (each branch to its event)',
				[...bounced, ...clicked].map((item) => item.pairedItem),
				[{ item: 0 }, { item: 0 }],
			);
		},
	},
	{
		file: 'shop-order-register-goal.json',
		label: 'shop order paid → Register Goal with the amount',
		launches: 0,
		outputItems: 2,
		verb: 'registered',
		check({ sandbox, ...evidence }, f) {
			const requests = sandbox.requests.filter((request) => request.path === '/api/v1.1/goals/register');
			f.equal('goals/register requests', requests.length, 2);
			const [first] = requests;
			f.equal('first request', first?.body && { ...first.body, token: undefined }, {
				token: undefined,
				db_id: 1,
				pixel_id: 1,
				matching: 'email',
				email: 'john@example.com',
				goal: 'purchase',
				value: 49.9,
				date: '2026-01-15T09:24:00Z',
				pixel_data: { order_id: 'A-1001', items: 2, currency: 'EUR' },
			});
			f.equal(
				'Request-IDs from the order IDs',
				requests.map((request) => String(request.requestId).split('-').slice(0, 4).join('-')),
				['goal-1-A-1001', 'goal-1-A-1002'],
			);
			f.equal("john's goals", plain(sandbox.profile(JOHN)?.goals), [
				{ pixel_id: 1, goal: 'purchase', value: 49.9, date: '2026-01-15T09:24:00Z' },
			]);
			f.equal("jane's goals", plain(sandbox.profile(JANE)?.goals), [
				{ pixel_id: 1, goal: 'purchase', value: 12.5, date: '2026-01-15T10:02:00Z' },
			]);
			const items = altcraftItems({ sandbox, ...evidence });
			f.equal(
				'output registered, email, first goal',
				items.map((item) => [item.json?.registered, item.json?.email, item.json?.goals?.[0]?.value]),
				[
					[true, 'john@example.com', 49.9],
					[true, 'jane@example.com', 12.5],
				],
			);
			f.equal(
				'output pairedItem',
				items.map((item) => item.pairedItem),
				[{ item: 0 }, { item: 1 }],
			);
		},
	},
	{
		file: 'crm-lead-start-scenario.json',
		label: 'CRM lead qualified → import the lead and start a scenario',
		launches: 0,
		outputItems: 1,
		verb: 'started',
		check({ sandbox, ...evidence }, f) {
			const [request] = sandbox.requests.filter(
				(candidate) => candidate.path === '/api/v1.1/workflows/import_and_start',
			);
			f.truthy('a workflows/import_and_start request', request);
			if (!request) return;
			f.equal('workflow_id', request.body.workflow_id, 10);
			f.equal('matching', request.body.matching, 'email');
			f.equal('email (match key)', request.body.email, 'olga.lead@example.com');
			f.equal('profile data', request.body.data, {
				CRM_ID: 987001,
				email: 'olga.lead@example.com',
				phones: ['+79001112233'],
				_fname: 'Olga',
				_lname: 'Smirnova',
			});
			f.equal('content', request.body.content, { deal_name: 'Annual Pro plan', manager: 'Anna' });
			f.equal('custom_data', request.body.custom_data, { lead_id: 'L-2041' });
			f.truthy(
				`Request-ID from the Idempotency Key (${request.requestId})`,
				String(request.requestId).startsWith('scenario-import-10-L-2041-2026-01-15T09:30:00Z-'),
			);
			const answered = request.response?.body?.profile_id;
			f.equal(
				'the scenario started the imported profile',
				sandbox.operations.map((operation) => [operation.scenarioId, operation.profiles]),
				[[10, [answered]]],
			);
			const [item] = altcraftItems({ sandbox, ...evidence });
			f.equal('output started', item?.json?.started, true);
			f.equal('output scenarioId', item?.json?.scenarioId, 10);
			f.equal('output profileId', item?.json?.profileId, answered);
			f.equal('output pairedItem', item?.pairedItem, { item: 0 });
		},
	},
	{
		file: 'profiles-crm-bulk.json',
		label: 'CRM rows → Create or Update (bulk)',
		launches: 0,
		outputItems: 3,
		check({ sandbox, ...evidence }, f) {
			const requests = profileCalls(sandbox, '/api/v1.1/profiles/import_batch');
			f.equal('one import_batch request', requests.length, 1);
			checkRequestIds(f, requests);
			const [request] = requests;
			if (!request) return;
			f.equal(
				'db_id, matching, skip_triggers',
				[request.body.db_id, request.body.matching, request.body.skip_triggers],
				[1, 'email', true],
			);
			f.equal("john's element (nested subscription)", request.body.data?.[0], {
				CRM_ID: 123420,
				email: 'john@example.com',
				_fname: 'John',
				subscriptions: [{ channel: 'email', email_data: { email: 'john@example.com' }, resource_id: 24 }],
			});
			const items = altcraftItems({ sandbox, ...evidence });
			const answered = request.response?.body?.result?.map((entry: { profile_id: string }) => entry.profile_id);
			f.equal(
				'output: imported, one per row',
				items.map((item) => item.json?.imported),
				[true, true, true],
			);
			f.equal(
				'output profile IDs = the answer, by position',
				items.map((item) => item.json?.profileId),
				answered,
			);
			f.equal('john kept his profile', answered?.[0], JOHN);
			f.equal(
				'pairing',
				items.map((item) => item.pairedItem),
				[{ item: 0 }, { item: 1 }, { item: 2 }],
			);
		},
	},
	{
		file: 'profiles-form-then-launch.json',
		label: 'form → Create or Update → Launch',
		launches: 1,
		outputItems: 1,
		node: 'Create or update profile',
		check({ sandbox, ...evidence }, f) {
			const [request] = profileCalls(sandbox, '/api/v1.1/profiles/import');
			checkRequestIds(f, request ? [request] : []);
			f.equal('profile data', request?.body?.data, {
				email: 'olga@example.com',
				_fname: 'Olga',
				subscriptions: [{ resource_id: 24, channel: 'email', email: 'olga@example.com', status: 'subscribed' }],
			});
			const profileId = request?.response?.body?.profile_id;
			const [created] = altcraftItems({ sandbox, ...evidence }, 'Create or update profile');
			f.equal('output imported + profileId', [created?.json?.imported, created?.json?.profileId], [true, profileId]);
			const [launch] = sandbox.launches;
			if (!launch) return;
			f.equal(
				'launched by the new profile ID',
				[launch.body.matching, launch.body.profile_id],
				['profile_id', profileId],
			);
			f.equal('reached the new profile', launch.profiles, [profileId]);
			f.equal('content', launch.body.content, { first_name: 'Olga' });
			const [launched] = altcraftItems({ sandbox, ...evidence }, 'Launch welcome mailing');
			f.equal('launch output paired to the form item', launched?.pairedItem, { item: 0 });
		},
	},
	{
		file: 'profiles-deletion-request.json',
		label: 'deletion request → Get → Delete',
		launches: 0,
		outputItems: 1,
		node: 'Delete profile',
		check({ sandbox, ...evidence }, f) {
			f.equal(
				'requests: get, then delete',
				sandbox.requests.map((request) => request.path),
				['/api/v1.1/profiles/get/', '/api/v1.1/profiles/delete'],
			);
			const [found] = altcraftItems({ sandbox, ...evidence }, 'Get profile');
			f.equal('get output', [found?.json?.found, found?.json?.profileId], [true, EXAMPLE_PROFILE]);
			const [deletion] = profileCalls(sandbox, '/api/v1.1/profiles/delete');
			checkRequestIds(f, deletion ? [deletion] : []);
			f.equal('deleted by profile ID', deletion?.body?.profile_id, EXAMPLE_PROFILE);
			f.equal('the profile is gone', sandbox.profile(EXAMPLE_PROFILE), undefined);
			const [deleted] = altcraftItems({ sandbox, ...evidence }, 'Delete profile');
			f.equal('delete output', [deleted?.json?.deleted, deleted?.json?.profileId], [true, EXAMPLE_PROFILE]);
		},
	},
	{
		file: 'segments-churned-customers.json',
		label: 'churned customers → Remove from segment, Add to segment',
		launches: 0,
		outputItems: 2,
		node: 'Add to win-back segment',
		check({ sandbox, ...evidence }, f) {
			const removes = profileCalls(sandbox, '/api/v1.1/profiles/segstatic/remove');
			const adds = profileCalls(sandbox, '/api/v1.1/profiles/segstatic/add');
			checkRequestIds(f, [...removes, ...adds]);
			f.equal('removed from 5', removes.map((request) => [request.body.segment_id, request.body.profile_id]).sort(), [
				[5, JOHN],
				[5, JANE],
			]);
			f.equal(
				'added to 2 by the profile ID Remove output (no second lookup)',
				adds.map((request) => request.body.profile_id).sort(),
				[JOHN, JANE],
			);
			f.equal('lookups: one per customer', profileCalls(sandbox, '/api/v1.1/profiles/get/').length, 2);
			// The sandbox's copy comes from another realm than the expectation: compare as JSON.
			f.equal('john now in segment 2 only', JSON.stringify(sandbox.profile(JOHN)?.segments), '[2]');
			const removed = altcraftItems({ sandbox, ...evidence }, 'Remove from VIP segment');
			f.equal(
				'remove output',
				removed.map((item) => [item.json?.removed, item.json?.lookedUp]),
				[
					[true, true],
					[true, true],
				],
			);
			const added = altcraftItems({ sandbox, ...evidence }, 'Add to win-back segment');
			f.equal(
				'add output',
				added.map((item) => [item.json?.added, item.json?.lookedUp, item.json?.segmentId]),
				[
					[true, false, 2],
					[true, false, 2],
				],
			);
		},
	},
];

export function specFor(file: string): ExampleSpec | undefined {
	return SPECS.find((spec) => spec.file === file);
}
