import type { Opts } from 'telegraf/types';
import { createTelegramApi, type TelegramConnection } from './telegram-api.ts';

/** An update kind Telegram may be asked to deliver (`message`, `callback_query`, …). */
export type TelegramUpdateKind = NonNullable<Opts<'setWebhook'>['allowed_updates']>[number];

export interface TelegramWebhookRegistration extends TelegramConnection {
  /** The public HTTPS address of the webhook endpoint. */
  url: string;
  /** Echoed by Telegram in `X-Telegram-Bot-Api-Secret-Token`; 1–256 of `A-Z a-z 0-9 _ -`. */
  secretToken: string;
  /** Defaults to the kinds the parser reads: message, edited_message, callback_query. */
  allowedUpdates?: readonly TelegramUpdateKind[];
  /** Concurrent webhook connections Telegram may open; 40 by default (Telegram allows 1–100). */
  maxConnections?: number;
  timeoutMs?: number;
}

const DEFAULT_ALLOWED_UPDATES: readonly TelegramUpdateKind[] = [
  'message',
  'edited_message',
  'callback_query',
];
const secretTokenPattern = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Points Telegram at the webhook. Never sets `drop_pending_updates`: the updates waiting at
 * Telegram during a deploy may be reports. Throws a `RangeError` for a secret token Telegram would
 * refuse, and `PlatformRejectedError` / `NetworkError` when the call fails.
 */
export async function registerTelegramWebhook(registration: TelegramWebhookRegistration): Promise<void> {
  if (!secretTokenPattern.test(registration.secretToken)) {
    throw new RangeError('the webhook secret token must be 1-256 characters of A-Z a-z 0-9 _ -');
  }
  const maxConnections = registration.maxConnections ?? 40;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
    throw new RangeError('max_connections must be an integer from 1 to 100');
  }
  const api = createTelegramApi(registration);
  await api.call(
    'setWebhook',
    {
      url: registration.url,
      secret_token: registration.secretToken,
      allowed_updates: [...(registration.allowedUpdates ?? DEFAULT_ALLOWED_UPDATES)],
      max_connections: maxConnections,
    },
    { timeoutMs: registration.timeoutMs ?? 10_000 },
  );
}
