import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { translate } from '../../platform/text/translate.ts';
import { type ConsoleUser, type OfficerRole, readUnitScope } from '../access/console-user.ts';
import { tokenHash } from '../accounts/random-token.ts';
import { recordAuthEvent } from '../accounts/record-auth-event.ts';
import { applyCaseAction } from '../reports/apply-case-action.ts';
import type { OfficerTelegramCommand } from './officer-telegram-command.ts';
import { type AlertBot, type OfficerTelegramDeps, telegramUserHash } from './officer-telegram-deps.ts';
import { normalizeLinkCode } from './telegram-link-code.ts';

/** The Bot API call the webhook's 200 (or the polling loop) makes for the officer: null for none. */
export type OfficerAnswer = Record<string, unknown> | null;

/** Refusals of a press with their own text; the rest read "cannot be done from Telegram". */
const pressRefusals = new Set([
  'not_linked',
  'deactivated',
  'forbidden',
  'not_found',
  'conflict',
  'wrong_state',
]);

/** Refused link attempts from one Telegram account in the last hour before it is told to wait. */
const refusedLinksPerHour = 5;

interface LinkedOfficer {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  active: boolean;
}

/**
 * Carries out an officer's Telegram command and gives the answer to send: linking with a console
 * code, unlinking, or Accept on an alert, which takes the report for the pressing officer through
 * `applyCaseAction`, the console's own path, with that officer's unit scope (another unit's report
 * is not found, a deactivated account is refused, a report changed since the push is a conflict).
 * An update handled before (a redelivery) does nothing again. Nothing here is logged with the
 * Telegram account or the code.
 */
export async function handleOfficerTelegramUpdate(
  deps: OfficerTelegramDeps,
  bot: AlertBot,
  command: OfficerTelegramCommand,
): Promise<OfficerAnswer> {
  const userHash = telegramUserHash(deps.protection, command.userId);
  const seen = await deps.pool.query(
    'SELECT 1 FROM officer_telegram_update WHERE bot = $1 AND update_id = $2',
    [bot, command.updateId],
  );
  const { ask } = command;
  const pressId = ask.kind === 'accept' || ask.kind === 'unknown_press' ? ask.callbackQueryId : null;
  if (seen.rowCount) return pressId ? { method: 'answerCallbackQuery', callback_query_id: pressId } : null;

  const say = (key: string, params?: Record<string, string | number>) =>
    translate(command.language, { key: `alerts.${key}`, ...(params ? { params } : {}) });
  const message = (text: string): OfficerAnswer => ({ method: 'sendMessage', chat_id: command.chatId, text });
  const pressAnswer = (text: string): OfficerAnswer => ({
    method: 'answerCallbackQuery',
    callback_query_id: pressId,
    text,
    show_alert: true,
  });
  const done = (client: PgClient | null, outcome: string) =>
    (client ?? deps.pool).query(
      `INSERT INTO officer_telegram_update (bot, update_id, outcome, user_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [bot, command.updateId, outcome, userHash],
    );

  switch (ask.kind) {
    case 'link': {
      const outcome = await inTransaction(deps.pool, {}, (client) =>
        link(
          client,
          deps,
          { bot, userHash, chatId: command.chatId, language: command.language },
          ask.code,
        ).then(async (result) => {
          await done(client, result.outcome);
          return result;
        }),
      );
      return message(
        outcome.outcome === 'linked' ? say('linked', { unit: outcome.unitName }) : say(outcome.outcome),
      );
    }
    case 'unlink': {
      const outcome = await inTransaction(deps.pool, {}, async (client) => {
        const { rows } = await client.query<{ officer_id: string }>(
          'DELETE FROM officer_telegram_link WHERE user_hash = $1 RETURNING officer_id',
          [userHash],
        );
        const officerId = rows[0]?.officer_id;
        if (officerId)
          await recordAuthEvent(client, {
            kind: 'telegram_unlinked',
            officerId,
            at: deps.clock(),
            detail: { bot, reason: 'telegram' },
          });
        const result = officerId ? 'unlinked' : 'not_linked';
        await done(client, result);
        return result;
      });
      return message(say(outcome));
    }
    case 'accept': {
      const outcome = await accept(deps, userHash, ask.reportId, ask.version);
      await done(null, outcome.result);
      return pressAnswer(
        'register' in outcome
          ? say('accepted', { register: outcome.register })
          : say(`refused_${pressRefusals.has(outcome.result) ? outcome.result : 'other'}`),
      );
    }
    case 'unknown_press':
      await done(null, 'unknown_press');
      return pressAnswer(say('refused_unknown_press'));
    case 'other':
      await done(null, 'help');
      return message(say('help'));
  }
}

async function link(
  client: PgClient,
  deps: OfficerTelegramDeps,
  who: { bot: AlertBot; userHash: string; chatId: string; language: string },
  typed: string,
): Promise<
  { outcome: 'linked'; unitName: string } | { outcome: 'unknown_code' | 'linked_elsewhere' | 'wait' }
> {
  const now = deps.clock();
  const refused = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM officer_telegram_update
      WHERE user_hash = $1 AND outcome IN ('unknown_code', 'wait') AND received_at > $2`,
    [who.userHash, new Date(now.getTime() - 3600_000)],
  );
  if (Number(refused.rows[0]?.n) >= refusedLinksPerHour) return { outcome: 'wait' };
  const { rows } = await client.query<{ officer_id: string; unit_name: string | null }>(
    `DELETE FROM officer_telegram_code c USING officer o LEFT JOIN police_unit u ON u.id = o.unit_id
      WHERE c.code_hash = $1 AND c.expires_at > $2 AND o.id = c.officer_id AND o.active
        AND o.role IN ('officer', 'unit_lead', 'supervisor')
      RETURNING c.officer_id, u.name AS unit_name`,
    [tokenHash(normalizeLinkCode(typed)), now],
  );
  const found = rows[0];
  if (!found) {
    await recordAuthEvent(client, {
      kind: 'telegram_link_refused',
      officerId: null,
      at: now,
      detail: { bot: who.bot, reason: 'code' },
    });
    return { outcome: 'unknown_code' };
  }
  const other = await client.query(
    'SELECT 1 FROM officer_telegram_link WHERE user_hash = $1 AND officer_id <> $2',
    [who.userHash, found.officer_id],
  );
  if (other.rowCount) {
    await recordAuthEvent(client, {
      kind: 'telegram_link_refused',
      officerId: found.officer_id,
      at: now,
      detail: { bot: who.bot, reason: 'linked_elsewhere' },
    });
    return { outcome: 'linked_elsewhere' };
  }
  await client.query(
    `INSERT INTO officer_telegram_link (officer_id, user_hash, chat_enc, bot, language, linked_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (officer_id) DO UPDATE SET user_hash = EXCLUDED.user_hash, chat_enc = EXCLUDED.chat_enc,
       bot = EXCLUDED.bot, language = EXCLUDED.language, linked_at = EXCLUDED.linked_at`,
    [found.officer_id, who.userHash, deps.protection.cipher.encrypt(who.chatId), who.bot, who.language, now],
  );
  await recordAuthEvent(client, {
    kind: 'telegram_linked',
    officerId: found.officer_id,
    at: now,
    detail: { bot: who.bot },
  });
  return { outcome: 'linked', unitName: found.unit_name ?? '' };
}

async function accept(
  deps: OfficerTelegramDeps,
  userHash: string,
  reportId: string,
  version: number,
): Promise<{ result: 'accepted'; register: string } | { result: string }> {
  const { rows } = await deps.pool.query<LinkedOfficer>(
    `SELECT o.id, o.username, o.display_name AS "displayName", o.role, o.unit_id AS "unitId", o.active
       FROM officer_telegram_link l JOIN officer o ON o.id = l.officer_id WHERE l.user_hash = $1`,
    [userHash],
  );
  const officer = rows[0];
  if (!officer) return { result: 'not_linked' };
  if (!officer.active) return { result: 'deactivated' };
  if (officer.role !== 'officer' && officer.role !== 'unit_lead') return { result: 'forbidden' };
  const user: ConsoleUser = {
    officerId: officer.id,
    username: officer.username,
    displayName: officer.displayName,
    role: officer.role,
    unitId: officer.unitId,
    units: await readUnitScope(deps.pool, officer),
    // Audit rows name where an action came from; a Telegram press has no console session.
    sessionId: 'telegram',
  };
  const outcome = await applyCaseAction(deps.cases, user, reportId, version, {
    type: 'assign',
    assigneeId: officer.id,
  });
  if ('refused' in outcome) return { result: outcome.refused };
  const register = await deps.pool.query<{ register_number: string }>(
    'SELECT register_number FROM report WHERE id = $1',
    [reportId],
  );
  return { result: 'accepted', register: register.rows[0]?.register_number ?? '' };
}
