import type { OutboundPayload } from '../../citizen/channels/outbound-payload.ts';
import { replyWindowOpen } from '../../citizen/channels/reply-window-open.ts';
import { renderReply } from '../../intake/outbound/render-reply.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import { normalizeText } from '../../platform/text/normalize-text.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';

export const maxQuestionLength = 2000;

export interface QuestionWriter {
  pool: PgPool;
  /** Encrypts the message to the reporter (outbound payloads are stored encrypted). */
  cipher: FieldCipher;
  now: Date;
}

export type AskQuestionResult =
  /** `sent`: queued to the reporter's chat; `waiting`: the window is closed, the status check shows it. */
  | { asked: { followUpId: string; delivery: 'sent' | 'waiting' } }
  | { refused: 'not_found' | 'forbidden' | 'invalid' };

/**
 * An officer's or unit lead's question to the reporter of a report of their unit, in one
 * transaction: the follow-up, its event and audit row, and, while the channel's reply window is
 * open, a message to the reporter's chat naming the register number and the unit (never the
 * officer, never the tip). Otherwise the question waits for the reporter's next status check.
 */
export async function askReporterQuestion(
  writer: QuestionWriter,
  user: ConsoleUser,
  reportId: string,
  rawText: string,
): Promise<AskQuestionResult> {
  if (user.units.length === 0 || !isUuid(reportId)) return { refused: 'not_found' };
  const text = normalizeText(rawText).trim();
  const { now } = writer;
  return inTransaction(writer.pool, {}, async (client) => {
    // The report first: another unit's answers 404 whatever the role.
    const { rows } = await client.query<{
      register_number: string;
      unit_name: string;
      reporter_id: string;
      channel: Channel;
      language: string;
      last_interaction_at: Date;
    }>(
      `SELECT r.register_number, u.name AS unit_name, p.id AS reporter_id, p.channel, p.language,
              p.last_interaction_at
         FROM report r JOIN police_unit u ON u.id = r.unit_id JOIN reporter p ON p.id = r.reporter_id
        WHERE r.id = $1 AND r.unit_id = ANY($2::text[])`,
      [reportId, user.units],
    );
    const report = rows[0];
    if (!report) return { refused: 'not_found' };
    if (user.role !== 'officer' && user.role !== 'unit_lead') return { refused: 'forbidden' };
    if (text.length === 0 || text.length > maxQuestionLength) return { refused: 'invalid' };
    const open = replyWindowOpen(report.channel, report.last_interaction_at, now);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO follow_up (id, report_id, direction, text, created_at, notified_at)
       VALUES (gen_random_uuid(), $1, 'to_reporter', $2, $3, $4) RETURNING id`,
      [reportId, text, now, open ? now : null],
    );
    const followUpId = inserted.rows[0]?.id;
    if (!followUpId) throw new Error('the question was not stored');
    await client.query(
      `INSERT INTO report_event (report_id, kind, actor, at, detail)
       VALUES ($1, 'question_asked', $2, $3, jsonb_build_object('followUpId', $4::text))`,
      [reportId, `officer:${user.officerId}`, now, followUpId],
    );
    if (open) {
      const language = report.language === 'en' ? 'en' : 'vi';
      const payload: OutboundPayload = {
        type: 'reply',
        reply: renderReply(
          {
            text: [
              {
                key: 'follow_up.officer_question',
                params: { register: report.register_number, unit: report.unit_name, question: text },
              },
              { key: 'follow_up.answer_hint' },
            ],
          },
          language,
        ),
      };
      // No report id: that column is the receipt's unique key (one receipt per report).
      await client.query(
        `INSERT INTO outbound_message (channel, reporter_id, purpose, payload_enc, created_at)
         VALUES ($1::"Channel", $2, 'officer_question', $3, $4)`,
        [report.channel, report.reporter_id, writer.cipher.encrypt(JSON.stringify(payload)), now],
      );
    }
    await appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'report.question',
      reportId,
      detail: { followUpId, delivery: open ? 'sent' : 'waiting' },
    });
    return { asked: { followUpId, delivery: open ? 'sent' : 'waiting' } };
  });
}
