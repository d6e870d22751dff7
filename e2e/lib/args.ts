/** `--name value` or `--name=value` from a command line; undefined when absent. */
export function argValue(args: string[], name: string): string | undefined {
	const inline = args.find((arg) => arg.startsWith(`--${name}=`));
	if (inline) return inline.slice(name.length + 3);
	const at = args.indexOf(`--${name}`);
	return at === -1 ? undefined : args[at + 1];
}
