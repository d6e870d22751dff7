/** The Altcraft sandbox: what tests, e2e, the demo and the bench import. */
export { startSandbox } from './server';
export { DEMO_TOKEN, demoData } from './demo-data';
export type {
	SandboxDatabase,
	SandboxPixel,
	SandboxProfile,
	SandboxResource,
	SandboxScenario,
	SandboxSegment,
	SandboxSubscription,
	SandboxTrigger,
} from './demo-data';
export { md5Hex, xxh64Hex } from './profiles';
export type { Fault, Launch, Operation, RecordedRequest, Sandbox, SandboxOptions } from './types';
export { SandboxHooks, SANDBOX_ACCOUNT_ID, type HookDelivery, type HookEventBody, type HookSettings } from './hooks';
