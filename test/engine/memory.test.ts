import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { MAX_STORED, REMEMBER_MS, sentMemory } from '../../nodes/Altcraft/engine/memory';

/** The memory of sent profiles on its own: what it keeps, for how long, and how much. */
let workflows = 0;
function context(staticData: IDataObject, workflowId = `wf-memory-${++workflows}`) {
	return {
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: 'node-1', name: 'Altcraft' }),
	} as unknown as IExecuteFunctions;
}
const fingerprint = (i: number) => i.toString(16).padStart(16, '0');
const T0 = Date.UTC(2026, 0, 15, 10, 30);

describe('the memory of sent profiles', () => {
	test('what one execution records, the next finds in the saved static data, for at least a day', () => {
		const saved: IDataObject = {};
		sentMemory(context(saved), () => T0).record([fingerprint(1), fingerprint(2)]);
		const copy = JSON.parse(JSON.stringify(saved)) as IDataObject;
		const later = (ms: number) => sentMemory(context(structuredClone(copy)), () => T0 + ms);
		expect(later(REMEMBER_MS - 1).has(fingerprint(1))).toBe(true);
		expect(later(REMEMBER_MS - 1).has(fingerprint(3))).toBe(false);
		// Kept in hourly slots: gone once the slot's last possible record is a day old.
		expect(later(REMEMBER_MS + 60 * 60 * 1000).has(fingerprint(1))).toBe(false);
	});

	test("the process remembers a workflow's records without its static data (manual runs)", () => {
		const workflowId = 'wf-memory-manual';
		sentMemory(context({}, workflowId), () => T0).record([fingerprint(7)]);
		expect(sentMemory(context({}, workflowId), () => T0 + 1000).has(fingerprint(7))).toBe(true);
		expect(sentMemory(context({}, 'wf-memory-other'), () => T0 + 1000).has(fingerprint(7))).toBe(false);
		expect(sentMemory(context({}, workflowId), () => T0 + REMEMBER_MS + 2 * 60 * 60 * 1000).has(fingerprint(7))).toBe(
			false,
		);
	});

	test('the static data is bounded: past the cap the oldest records go first', () => {
		const saved: IDataObject = {};
		const memory = sentMemory(context(saved), () => T0);
		const old = Array.from({ length: MAX_STORED / 2 }, (_, i) => fingerprint(i));
		sentMemory(context(saved), () => T0 - 2 * 60 * 60 * 1000).record(old);
		memory.record(Array.from({ length: MAX_STORED }, (_, i) => fingerprint(MAX_STORED + i)));
		const slots = (saved.altcraftSent as { slots: Record<string, string> }).slots;
		const total = Object.values(slots).reduce((sum, text) => sum + text.length / 16, 0);
		expect(total).toBe(MAX_STORED);
		const reread = sentMemory(context(structuredClone(saved), 'wf-memory-fresh'), () => T0);
		expect(reread.has(fingerprint(0))).toBe(false);
		expect(reread.has(fingerprint(2 * MAX_STORED - 1))).toBe(true);
	});

	test('damaged static data is ignored, not trusted', () => {
		const memory = sentMemory(context({ altcraftSent: { v: 1, slots: { nonsense: 42, 12: null } } }), () => T0);
		expect(memory.has(fingerprint(1))).toBe(false);
	});
});
