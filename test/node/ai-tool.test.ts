import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { INode } from 'n8n-workflow';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { json, useSandbox } from '../helpers/fixture';

const ctx = useSandbox();

interface AgentTool {
	schema: { shape: Record<string, { description?: string }> };
	invoke(args: object): Promise<unknown>;
}

// What a user sets up when an AI agent may launch the welcome mailing: the agent fills the email
// and a personal line; everything else is fixed in the node.
const parameters = {
	resource: 'triggerMailing',
	operation: 'launch',
	triggerMailing: { __rl: true, mode: 'id', value: '84' },
	matching: 'email',
	email: "={{ $fromAI('email', 'Email address of the customer to welcome', 'string') }}",
	content: 'fields',
	contentValues: {
		values: [
			{ name: 'greeting', value: "={{ $fromAI('greeting', 'One friendly sentence for the customer', 'string') }}" },
		],
	},
};

test('the node declares itself usable as an AI tool', () => {
	expect(new Altcraft().description.usableAsTool).toBe(true);
	expect(new Altcraft().description.description).toMatch(/Launch Altcraft trigger mailings/);
});

test('as a tool, the agent sees exactly the $fromAI inputs as its schema', async () => {
	const node: INode = {
		id: 'a',
		name: 'Welcome Mail',
		type: 'n8n-nodes-altcraft.altcraft',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	let invokedWith: unknown;
	// LangChain's zod types are too deep for the checker: the tool as the agent uses it.
	const tool = createNodeAsTool({
		node,
		nodeType: new Altcraft(),
		handleToolInvocation: async (args) => {
			invokedWith = args;
			return 'ok';
		},
	}).response as unknown as AgentTool;
	const schema = tool.schema.shape;
	expect(Object.keys(schema).sort()).toEqual(['email', 'greeting']);
	expect(schema.email.description).toBe('Email address of the customer to welcome');
	await tool.invoke({ email: 'john@example.com', greeting: 'Welcome aboard!' });
	expect(invokedWith).toMatchObject({ email: 'john@example.com', greeting: 'Welcome aboard!' });
});

test("the agent's arguments launch the trigger mailing", async () => {
	const result = await ctx.run(parameters, json({ email: 'john@example.com', greeting: 'Welcome aboard!' }));
	expect(result.error).toBeUndefined();
	expect(ctx.sandbox.requests[0].body).toMatchObject({
		id: 84,
		email: 'john@example.com',
		content: { greeting: 'Welcome aboard!' },
	});
	expect(result.items[0].json).toMatchObject({ launched: true, email: 'john@example.com', response: { error: 0 } });
});

test('a bad argument from the agent comes back as an error it can read and correct', async () => {
	const result = await ctx.run(parameters, json({ email: 'john at example dot com', greeting: 'Hi' }));
	expect(result.error?.message).toMatch(/"john at example dot com" is not one valid email address/);
	expect(ctx.sandbox.requests).toHaveLength(0);
});
