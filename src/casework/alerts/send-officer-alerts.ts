import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformRejectedError } from '../../citizen/channels/delivery-error.ts';
import type { TelegramApi } from '../../citizen/channels/telegram/telegram-api.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { type AlertFacts, renderOfficerAlert } from './render-officer-alert.ts';

export interface AlertSender {
  pool: PgPool;
  cipher: FieldCipher;
  api: TelegramApi;
  /** The console's public address for the Open button; null leaves the button out. */
  consoleUrl: string | null;
  /** Pause between two pushes, so alerts take a small share of the bot's ~30 messages a second. */
  spacingMs: number;
}

/** A leased alert with the report as it stands now and where to push it. */
interface ClaimedAlert extends AlertFacts {
  id: string;
  attempts: number;
  chatEnc: Buffer | null;
  language: string | null;
  deliverable: boolean;
}

const leaseMs = 60_000;
const maxAttempts = 8;

/**
 * One round of pushes: up to `limit` due alerts, leased so another worker skips them, each sent
 * with the report as it stands now. An alert whose officer is no longer linked, active or in the
 * report's unit, or whose report is closed, is marked failed unsent. A refusal Telegram will
 * repeat (the officer blocked the bot) fails it; a 429, 5xx or network error retries it later,
 * up to 8 attempts. Returns how many alerts it claimed.
 */
export async function sendOfficerAlerts(sender: AlertSender, now: Date, limit: number): Promise<number> {
  const { rows } = await sender.pool.query<ClaimedAlert>(
    `WITH claimed AS (
       UPDATE officer_alert SET lease_until = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM officer_alert
                      WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                      ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, officer_id, report_id, kind, attempts)
     SELECT c.id, c.kind, c.attempts, c.report_id AS "reportId", l.chat_enc AS "chatEnc", l.language,
            (l.officer_id IS NOT NULL AND o.active AND o.unit_id = r.unit_id
              AND r.status NOT IN ('transferred', 'closed')) AS deliverable,
            r.register_number AS "registerNumber", r.category, r.priority, r.next_due_at AS "nextDueAt",
            r.version, (r.assignee_id IS NULL) AS unassigned
       FROM claimed c JOIN report r ON r.id = c.report_id JOIN officer o ON o.id = c.officer_id
       LEFT JOIN officer_telegram_link l ON l.officer_id = c.officer_id
      ORDER BY c.id`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
  for (const [index, alert] of rows.entries()) {
    if (index > 0) await sleep(sender.spacingMs);
    await deliver(sender, alert, now);
  }
  return rows.length;
}

async function deliver(sender: AlertSender, alert: ClaimedAlert, now: Date): Promise<void> {
  const settle = (status: 'sent' | 'failed' | 'pending', error: string | null, retryAt?: Date) =>
    sender.pool.query(
      `UPDATE officer_alert SET status = $2::"OutboundStatus", last_error = $3, lease_until = NULL,
              sent_at = $4, next_attempt_at = COALESCE($5, next_attempt_at)
        WHERE id = $1`,
      [alert.id, status, error, status === 'sent' ? new Date() : null, retryAt ?? null],
    );
  if (!alert.deliverable || alert.chatEnc === null) return void (await settle('failed', 'not_deliverable'));
  const language: Language = alert.language === 'en' ? 'en' : 'vi';
  const message = renderOfficerAlert(alert, language, now, sender.consoleUrl);
  try {
    await sender.api.call(
      'sendMessage',
      { chat_id: sender.cipher.decrypt(alert.chatEnc), ...message },
      { timeoutMs: 10_000 },
    );
    await settle('sent', null);
  } catch (error) {
    const retryable = !(error instanceof PlatformRejectedError) || error.retryable;
    const code = error instanceof PlatformRejectedError ? `rejected ${error.code}` : 'network';
    if (!retryable || alert.attempts >= maxAttempts) return void (await settle('failed', code));
    const waitSeconds =
      error instanceof PlatformRejectedError && error.retryAfterSeconds
        ? error.retryAfterSeconds
        : Math.min(300, 2 ** alert.attempts);
    await settle('pending', code, new Date(Date.now() + waitSeconds * 1000));
  }
}
