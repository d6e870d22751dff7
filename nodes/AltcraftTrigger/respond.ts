/** Writing the answer to Altcraft ourselves, so that n8n neither adds a body nor starts a run for refusals. */
import type { IWebhookFunctions } from 'n8n-workflow';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

export function answer(res: Response, status: number, text: string): void {
	if (res.headersSent || res.writableEnded) return;
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(text);
}
