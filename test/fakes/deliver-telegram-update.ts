import type { FakeTelegramServer } from './fake-telegram-server.ts';

/**
 * POSTs an update to a webhook the way Telegram does (JSON body, secret in
 * `X-Telegram-Bot-Api-Secret-Token` when given) and returns the HTTP status, which decides
 * whether Telegram would deliver the update again (any non-2xx). Given the fake Telegram, a 200
 * answer naming a Bot API method is run there, as Telegram runs it.
 */
export async function deliverUpdate(
  webhookUrl: string,
  update: unknown,
  secret?: string,
  telegram?: FakeTelegramServer,
): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  const response = await fetch(webhookUrl, { method: 'POST', headers, body: JSON.stringify(update) });
  // Read the whole body so the connection is released.
  const body = await response.text();
  if (telegram && response.status === 200) await telegram.runWebhookAnswer(body);
  return response.status;
}
