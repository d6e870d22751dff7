import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parameterReader } from '../../../engine/parameters';
import { checkEmail, checkPhone, checkPresent } from '../../../engine/validators';

/**
 * The channel of a subscription and the contact each one needs [DOC: Add or edit subscription;
 * Subscription object]: email → `email`, SMS → `phone`, push → `provider` + `subscription_id`,
 * Telegram → `cc_data.id`, WhatsApp → `cc_data.phone`.
 */
export type Channel = 'email' | 'sms' | 'push' | 'telegram_bot' | 'whatsapp';

const on = (...channels: Channel[]) => ({ show: { channel: channels } });

export const CHANNEL_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Push', value: 'push' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Telegram', value: 'telegram_bot' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
	},
	{
		displayName: 'Subscription Email',
		name: 'subscriptionEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. john@example.com',
		description: 'The address the subscription sends to',
		displayOptions: on('email'),
	},
	{
		displayName: 'Subscription Phone',
		name: 'subscriptionPhone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +79000000000',
		description: 'The number the subscription sends to, in international format',
		displayOptions: on('sms', 'whatsapp'),
	},
	{
		displayName: 'Push Provider',
		name: 'pushProvider',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. androidfirebase',
		displayOptions: on('push'),
	},
	{
		displayName: 'Push Subscription ID',
		name: 'pushSubscriptionId',
		type: 'string',
		default: '',
		required: true,
		description: "The device's subscription ID from the push provider (subscription_id)",
		displayOptions: on('push'),
	},
	{
		displayName: 'Telegram Chat ID',
		name: 'telegramChatId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 123456789',
		description: 'The chat ID of the profile with your Telegram bot, sent in cc_data',
		displayOptions: on('telegram_bot'),
	},
];

const EMAIL_HINT = 'Give the subscription one email address, e.g. {{ $json.email }}.';

/** The channel and its contact fields of one item, checked. */
export function channelReader(ctx: IExecuteFunctions): (itemIndex: number) => IDataObject {
	const channel = ctx.getNodeParameter('channel', 0) as Channel;
	const email = parameterReader(ctx, 'subscriptionEmail', '');
	const phone = parameterReader(ctx, 'subscriptionPhone', '');
	const provider = parameterReader(ctx, 'pushProvider', '');
	const subscriptionId = parameterReader(ctx, 'pushSubscriptionId', '');
	const chatId = parameterReader(ctx, 'telegramChatId', '');
	return (itemIndex) => {
		switch (channel) {
			case 'email':
				return { channel, email: checkEmail(ctx, itemIndex, email(itemIndex), EMAIL_HINT, 'Subscription Email') };
			case 'sms':
				return { channel, phone: checkPhone(ctx, itemIndex, phone(itemIndex), 'Subscription Phone') };
			case 'whatsapp':
				return { channel, cc_data: { phone: checkPhone(ctx, itemIndex, phone(itemIndex), 'Subscription Phone') } };
			case 'push':
				return {
					channel,
					provider: checkPresent(ctx, itemIndex, 'Push Provider', provider(itemIndex)),
					subscription_id: checkPresent(ctx, itemIndex, 'Push Subscription ID', subscriptionId(itemIndex)),
				};
			case 'telegram_bot': {
				const raw = chatId(itemIndex);
				const id = checkPresent(ctx, itemIndex, 'Telegram Chat ID', raw);
				// [DOC] The sample sends the chat ID as a number: keep digits as one.
				return { channel, cc_data: { id: /^-?\d{1,15}$/.test(id) ? Number(id) : id } };
			}
		}
	};
}
