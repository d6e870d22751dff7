import type { AltcraftResource } from './node.type';

/** The Launch Modes the subtitle names; the per-item mode goes unnamed. */
const MODES: Record<string, string> = { audience: 'Same Message to All', batch: 'Bulk', query: 'Query' };

/**
 * The node's subtitle on the canvas: "Dry Run · " while Options → Dry Run is on (a test switch
 * left on must show where the workflow is drawn), the operation as its list names it, and the
 * Launch Mode, e.g. "Dry Run · Launch: Bulk". Built from the resources; Altcraft.node.ts carries
 * the result written out (n8n's scan reads only a literal subtitle), and a test fails with the
 * new text to paste there when an operation is added or renamed.
 */
export function nodeSubtitle(resources: Record<string, AltcraftResource>): string {
	const dryRun = '$parameter["options"] && $parameter["options"]["dryRun"] === true ? "Dry Run · " : ""';
	const operation =
		Object.entries(resources)
			.flatMap(([resource, operations]) =>
				Object.values(operations).map(
					({ option }) =>
						`$parameter["resource"] === ${JSON.stringify(resource)} && $parameter["operation"] === ${JSON.stringify(option.value)} ? ${JSON.stringify(option.name)} : `,
				),
			)
			.join('') + '$parameter["operation"]';
	const mode =
		Object.entries(MODES)
			.map(
				([value, name]) => `$parameter["launchMode"] === ${JSON.stringify(value)} ? ${JSON.stringify(`: ${name}`)} : `,
			)
			.join('') + '""';
	return `={{ (${dryRun}) + (${operation}) + (${mode}) }}`;
}
