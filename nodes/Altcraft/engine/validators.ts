import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { failItem } from './failures';
import { checkKeys } from './keys';

/** A single value as text; a list or an object from an expression is refused, not stringified. */
export function scalar(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		failItem(
			ctx,
			itemIndex,
			`${label} is ${Array.isArray(value) ? 'a list' : 'an object'}, not one value (item ${itemIndex})`,
			`Give ${label} one value, e.g. {{ $json.email }} rather than a whole list or object.`,
		);
	}
	return String(value).trim();
}

export function checkPresent(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	const result = scalar(ctx, itemIndex, label, value);
	if (result === '') {
		failItem(
			ctx,
			itemIndex,
			`${label} is empty for item ${itemIndex}`,
			`Set ${label}, or filter out items that have none before this node.`,
		);
	}
	return result;
}

const WHOLE_NUMBER = /^\d+$/;

/** Altcraft's IDs (trigger mailings, resources, databases) are whole numbers. */
export function isWholeNumber(text: string): boolean {
	return WHOLE_NUMBER.test(text);
}

/** A required ID: present and a whole number, else refused with the list as the way to be sure. */
export function checkId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	example: string,
): number {
	const id = checkPresent(ctx, itemIndex, label, value);
	if (!isWholeNumber(id)) {
		failItem(
			ctx,
			itemIndex,
			`${label} "${id}" is not a ${label.toLowerCase()} ID (item ${itemIndex})`,
			`A ${label.toLowerCase()} ID is a whole number, e.g. ${example}. Pick the ${label.toLowerCase()} from the list to be sure.`,
		);
	}
	return Number(id);
}

const EMAIL = /^[^\s@;,<>"()[\]]+@[^\s@;,<>"()[\]]+\.[^\s@;,<>"()[\]]+$/;
const PHONE = /^\+?\d{7,15}$/;

const MANY_EMAILS_HINT =
	'Altcraft takes one email address per launch; a list separated by ; or , is one invalid address and nothing is sent. Use Launch Mode "Same Message to All Items" for many recipients.';

/** `hint` replaces the advice for operations where the audience mode does not apply. */
export function checkEmail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	hint?: string,
	label = 'Email',
): string {
	const email = scalar(ctx, itemIndex, label, value);
	if (email === '') {
		failItem(
			ctx,
			itemIndex,
			`${label} is empty for item ${itemIndex}`,
			hint ?? 'Set Email, e.g. {{ $json.email }}, or filter out items without an email before this node.',
		);
	}
	if (!EMAIL.test(email)) {
		failItem(ctx, itemIndex, `"${email}" is not one valid email address (item ${itemIndex})`, hint ?? MANY_EMAILS_HINT);
	}
	return email;
}

export function checkPhone(ctx: IExecuteFunctions, itemIndex: number, value: unknown, label = 'Phone'): string {
	const raw = scalar(ctx, itemIndex, label, value);
	const phone = raw.replace(/[\s().-]/g, '');
	if (raw === '') {
		failItem(
			ctx,
			itemIndex,
			`${label} is empty for item ${itemIndex}`,
			`Set ${label}, e.g. {{ $json.phone }}, or filter out items without a phone.`,
		);
	}
	if (!PHONE.test(phone)) {
		failItem(
			ctx,
			itemIndex,
			`"${raw}" is not a phone number (item ${itemIndex})`,
			'Use the international format with 7 to 15 digits, e.g. +79000000000.',
		);
	}
	return phone;
}

/** A JSON object typed in the UI, or given by an expression; anything else is refused before sending. */
export function readJsonObject(ctx: IExecuteFunctions, itemIndex: number, label: string, value: unknown): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? {} : JSON.parse(value);
		} catch (error) {
			failItem(
				ctx,
				itemIndex,
				`${label} is not valid JSON (item ${itemIndex}): ${(error as Error).message}`,
				`Write ${label} as a JSON object, e.g. {"key": "value"}.`,
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		failItem(
			ctx,
			itemIndex,
			`${label} must be a JSON object (item ${itemIndex})`,
			`Write ${label} as a JSON object in braces, e.g. {"key": "value"}.`,
		);
	}
	return checkKeys(ctx, itemIndex, label, parsed as IDataObject);
}
