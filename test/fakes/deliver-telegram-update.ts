/**
 * POSTs an update to a webhook the way Telegram does (JSON body, secret in
 * `X-Telegram-Bot-Api-Secret-Token` when given) and returns the HTTP status, which decides
 * whether Telegram would deliver the update again (any non-2xx).
 */
export async function deliverUpdate(webhookUrl: string, update: unknown, secret?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  const response = await fetch(webhookUrl, { method: 'POST', headers, body: JSON.stringify(update) });
  // Drain the body so the connection is released.
  await response.arrayBuffer();
  return response.status;
}
