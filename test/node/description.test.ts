import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { resources } from '../../nodes/Altcraft/actions/router';
import { nodeSubtitle } from '../../nodes/Altcraft/actions/subtitle';
import { TRIGGER_LINK_SHAPE } from '../../nodes/Altcraft/actions/triggerMailing/launchViaLink/triggerLink';

/** What the panel shows, read from the node description as n8n gets it. */
const nodeType = new Altcraft();
const { description } = nodeType;
/** Every operation, by the resource it belongs to. */
const RESOURCE_OF: Record<string, string> = {
	launch: 'triggerMailing',
	importAndLaunch: 'triggerMailing',
	launchViaLink: 'triggerMailing',
	registerGoal: 'event',
	start: 'scenario',
	importAndStart: 'scenario',
};
const OPERATIONS = Object.keys(RESOURCE_OF);

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every property, option and collection entry, at any depth, with where it sits. */
function walk(entries: readonly Entry[], path: string[] = []): Array<{ entry: Entry; path: string }> {
	return entries.flatMap((entry) => {
		const here = [...path, 'displayName' in entry ? entry.displayName : entry.name];
		const children = [
			...(('options' in entry && Array.isArray(entry.options) ? entry.options : []) as Entry[]),
			...(('values' in entry && Array.isArray(entry.values) ? entry.values : []) as Entry[]),
		];
		return [{ entry, path: here.join(' → ') }, ...walk(children, here)];
	});
}

const everything = walk(description.properties);

/** The texts n8n renders as HTML: descriptions, hints, notices (their display name). */
function renderedTexts(): Array<{ path: string; text: string }> {
	return everything.flatMap(({ entry, path }) => {
		const texts: string[] = [];
		if ('description' in entry && typeof entry.description === 'string') texts.push(entry.description);
		if ('hint' in entry && typeof entry.hint === 'string') texts.push(entry.hint);
		if ('type' in entry && entry.type === 'notice') texts.push(entry.displayName);
		return texts.map((text) => ({ path, text }));
	});
}

/** The top-level properties one operation shows for these parameter values. */
function shown(operation: string, values: INodeParameters = {}): INodeProperties[] {
	const parameters = { resource: RESOURCE_OF[operation], operation, ...values };
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(parameters, property, null, description),
	);
}

const names = (properties: INodeProperties[]) => properties.map((property) => property.name);

describe('texts n8n renders as HTML', () => {
	test('no raw angle brackets: they would be swallowed as markup', () => {
		// The one markup n8n asks for (its lint rule for pickers that load options): a link, meant as one.
		const pickerLink = 'using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';
		const offending = renderedTexts().filter(({ text }) => /[<>]/.test(text.replace(pickerLink, '')));
		expect(offending).toEqual([]);
		expect(TRIGGER_LINK_SHAPE).not.toMatch(/[<>]/);
	});

	test("no description leads with an API name or Altcraft's option numbers", () => {
		const offending = renderedTexts().filter(
			({ text }) => /^(Option \d|\(?[a-z]+_[a-z_]+\)?[ :])/.test(text) || /\(Altcraft: /.test(text),
		);
		expect(offending).toEqual([]);
		for (const apiName of ['(skip_triggers)', '(skip_invalid_subscriptions)', '(resource_id)', '(subscriptions)']) {
			expect(renderedTexts().filter(({ text }) => text.includes(apiName))).toEqual([]);
		}
	});

	test('every parameter a user sets has a display name, and every option a name', () => {
		for (const { entry, path } of everything) {
			if ('displayName' in entry) expect(entry.displayName.trim()).not.toBe('');
			else expect({ path, name: entry.name }).toEqual({ path, name: expect.stringMatching(/\S/) });
		}
	});
});

describe('Launch Mode says when to use which', () => {
	test.each(['launch', 'importAndLaunch', 'start', 'importAndStart'])(
		'%s: the choice and every mode have a description',
		(operation) => {
			const mode = shown(operation).find((property) => property.name === 'launchMode')!;
			expect(mode.description).toMatch(/\w/);
			for (const option of mode.options as INodePropertyOptions[]) expect(option.description).toMatch(/\w/);
		},
	);

	test('Launch names its modes by outcome and points to Import Profile and Launch', () => {
		const mode = shown('launch').find((property) => property.name === 'launchMode')!;
		expect((mode.options as INodePropertyOptions[]).map(({ name, value }) => [name, value])).toEqual([
			['One Message per Item', 'eachItem'],
			['Same Message to All Items', 'audience'],
			['Own Data per Item, Sent in Bulk', 'batch'],
			['Profiles Matching a Query', 'query'],
		]);
		expect(mode.description).toMatch(/Import Profile and Launch/);
	});

	test('Custom Query belongs to the query mode: no Identify Profile By there, and no query elsewhere', () => {
		expect(names(shown('launch', { launchMode: 'query' }))).toEqual(
			expect.arrayContaining(['customRequest', 'queryNotice']),
		);
		expect(names(shown('launch', { launchMode: 'query' }))).not.toContain('matching');
		expect(names(shown('launch', { launchMode: 'query', matching: 'email' }))).not.toContain('email');
		for (const launchMode of ['eachItem', 'audience', 'batch']) {
			const properties = shown('launch', { launchMode, matching: 'email' });
			expect(names(properties)).not.toContain('customRequest');
			const matching = properties.find((property) => property.name === 'matching')!;
			expect((matching.options as INodePropertyOptions[]).map((option) => option.value)).not.toContain('customQuery');
		}
	});

	test('Scenario → Start mirrors the Launch: a custom query is a Launch Mode of its own', () => {
		const mode = shown('start').find((property) => property.name === 'launchMode')!;
		expect((mode.options as INodePropertyOptions[]).map(({ name, value }) => [name, value])).toEqual([
			['One Profile per Item', 'eachItem'],
			['Profiles Matching a Query', 'query'],
		]);
		const query = names(shown('start', { launchMode: 'query', matching: 'email' }));
		expect(query).toEqual(expect.arrayContaining(['customRequest', 'queryNotice']));
		expect(query).not.toContain('matching');
		expect(query).not.toContain('email');
		const each = shown('start', { launchMode: 'eachItem', matching: 'email' });
		expect(names(each)).not.toContain('customRequest');
		const matching = each.find((property) => property.name === 'matching')!;
		expect((matching.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'custom',
			'email',
			'phone',
			'profile_id',
		]);
	});

	test('in Bulk, the shared and the per-recipient custom data have names a person tells apart', () => {
		const labels = shown('launch', { launchMode: 'batch' }).map((property) => property.displayName);
		expect(labels).toEqual(expect.arrayContaining(['Custom Data for All Recipients', 'Recipient Custom Data']));
		expect(labels).not.toContain('Custom Data');
		expect(shown('launch', { launchMode: 'eachItem' }).map((property) => property.displayName)).toContain(
			'Custom Data',
		);
	});
});

describe('one vocabulary: Identify Profile By', () => {
	test.each(OPERATIONS)('%s finds its profile through "Identify Profile By"', (operation) => {
		const matching = shown(operation).filter((property) => property.name === 'matching');
		expect(matching.map((property) => property.displayName)).toEqual(['Identify Profile By']);
	});

	test('no parameter is called "Matching" any more', () => {
		expect(everything.filter(({ entry }) => 'displayName' in entry && entry.displayName === 'Matching')).toEqual([]);
	});

	test("the link: one Email field and Send As (the email's MD5 hash by default)", () => {
		const byDefault = shown('launchViaLink');
		expect(names(byDefault)).toEqual(expect.arrayContaining(['matching', 'email', 'sendAs']));
		expect(names(byDefault)).not.toContain('emailHash');
		const sendAs = byDefault.find((property) => property.name === 'sendAs')!;
		expect(sendAs.default).toBe('md5');
		expect((sendAs.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'md5',
			'email',
			'givenMd5',
			'givenXxh',
		]);
		// An already computed hash is the exception, with its own field instead of Email.
		const given = names(shown('launchViaLink', { sendAs: 'givenXxh' }));
		expect(given).toContain('emailHash');
		expect(given).not.toContain('email');
	});
});

describe('Dry Run you cannot miss', () => {
	test.each(OPERATIONS)('%s: a notice shows while Options → Dry Run is on, and only then', (operation) => {
		expect(names(shown(operation, { options: { dryRun: true } }))).toContain('dryRunNotice');
		expect(names(shown(operation, { options: { dryRun: false } }))).not.toContain('dryRunNotice');
		expect(names(shown(operation, { options: {} }))).not.toContain('dryRunNotice');
	});

	test.each([
		['profile', 'createOrUpdate'],
		['profile', 'get'],
		['profile', 'delete'],
		['profile', 'setSubscription'],
		['segment', 'addProfile'],
		['segment', 'removeProfile'],
	])('%s → %s: the same notice while Dry Run is on, and only then', (resource, operation) => {
		expect(names(shown(operation, { resource, options: { dryRun: true } }))).toContain('dryRunNotice');
		expect(names(shown(operation, { resource, options: { dryRun: false } }))).not.toContain('dryRunNotice');
	});

	/** The subtitle as n8n's canvas evaluates it for these parameters. */
	function subtitle(parameters: INodeParameters): string {
		const node: INode = {
			id: '1',
			name: 'Altcraft',
			type: 'n8n-nodes-altcraft.altcraft',
			typeVersion: 1,
			position: [0, 0],
			parameters,
		};
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType as INodeType,
			getByNameAndVersion: () => nodeType as INodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return String(workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {}));
	}

	test('the subtitle written out in Altcraft.node.ts is the one built from the operations (paste it there if not)', () => {
		expect(description.subtitle).toBe(nodeSubtitle(resources));
	});

	test.each([
		[{ operation: 'launch', launchMode: 'eachItem' }, 'Launch'],
		[{ operation: 'launch', launchMode: 'batch', options: { dryRun: true } }, 'Dry Run · Launch: Bulk'],
		[{ operation: 'launch', launchMode: 'audience', options: { dryRun: false } }, 'Launch: Same Message to All'],
		[{ operation: 'launch', launchMode: 'query', options: {} }, 'Launch: Query'],
		[{ operation: 'importAndLaunch', launchMode: 'batch' }, 'Import Profile and Launch: Bulk'],
		[{ operation: 'launchViaLink', options: { dryRun: true } }, 'Dry Run · Launch via Trigger Link'],
		[{ resource: 'event', operation: 'registerGoal', options: { dryRun: true } }, 'Dry Run · Register Goal'],
		[{ resource: 'scenario', operation: 'start', launchMode: 'query' }, 'Start: Query'],
		[{ resource: 'scenario', operation: 'importAndStart', launchMode: 'batch' }, 'Import Profile and Start: Bulk'],
		[
			{ resource: 'profile', operation: 'createOrUpdate', launchMode: 'batch', options: { dryRun: true } },
			'Dry Run · Create or Update: Bulk',
		],
		[{ resource: 'segment', operation: 'removeProfile' }, 'Remove Profile'],
	])('subtitle for %j: %s', (parameters, expected) => {
		expect(subtitle({ resource: 'triggerMailing', ...parameters })).toBe(expected);
	});
});

describe('collections that do not vanish', () => {
	// n8n drops an empty collection value: an added group with an empty default disappears on the next change.
	test('every group inside Options or Additional Fields starts with a value', () => {
		const groups = description.properties
			.filter((property) => property.type === 'collection')
			.flatMap((collection) => (collection.options as INodeProperties[]).map((option) => ({ collection, option })))
			.filter(({ option }) => option.type === 'collection' || option.type === 'fixedCollection');
		expect(groups.length).toBeGreaterThan(0);
		for (const { collection, option } of groups) {
			expect({
				where: `${collection.displayName} → ${option.displayName}`,
				empty: Object.keys(option.default as object).length === 0,
			}).toEqual({
				where: `${collection.displayName} → ${option.displayName}`,
				empty: false,
			});
		}
	});

	test("Request Retries names itself beside n8n's Retry On Fail", () => {
		const retries = everything.find(({ entry }) => 'name' in entry && entry.name === 'retries')!
			.entry as INodeProperties;
		expect(retries.displayName).toBe('Request Retries');
		expect(retries.description).toMatch(/Retry On Fail/);
		expect(retries.default).toEqual({ settings: { maxAttempts: 3, firstWait: 0.5, maxWait: 30 } });
	});
});

test("a subscription's resource is picked from the list, like Subscription Resource", () => {
	const subscriptions = description.properties.find((property) => property.name === 'subscriptions')!;
	const [subscription] = subscriptions.options as INodePropertyCollection[];
	const resource = subscription.values.find((value) => value.name === 'resourceId')!;
	expect(resource.type).toBe('resourceLocator');
	expect(resource.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	expect(resource.modes?.[0].typeOptions?.searchListMethod).toBe('searchResources');
});
