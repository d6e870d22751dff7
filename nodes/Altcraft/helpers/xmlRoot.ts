/**
 * Altcraft's XML bodies have the root element <xml>. The builder and the credential (which puts the
 * token into an already built body) share this one definition. Imports nothing: the credential
 * uses it too.
 */
export const XML_ROOT = 'xml';

function escapeXmlText(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Puts `<name>value</name>` first inside the root of a body built by buildXml (self-closing when empty). */
export function prependToXmlRoot(xml: string, name: string, value: string): string {
	const element = `<${name}>${escapeXmlText(value)}</${name}>`;
	const open = `<${XML_ROOT}>`;
	const empty = new RegExp(`^<${XML_ROOT}\\s*/>`);
	if (xml.startsWith(open)) return `${open}${element}${xml.slice(open.length)}`;
	if (empty.test(xml)) return xml.replace(empty, `${open}${element}</${XML_ROOT}>`);
	return xml;
}
