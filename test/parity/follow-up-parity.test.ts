import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';
import type { ParityChannel } from './parity-channel.ts';
import { parityChannels } from './parity-channels.ts';
import { type ParityOfficer, startParityOfficer } from './parity-officer.ts';
import {
  answerAtMenu,
  answerAtStatusCheck,
  followUpExchange,
  markedTipSent,
  nothingArrives,
  questionArrives,
  reporterMarkers,
  ScriptRun,
} from './parity-scripts.ts';
import { readChannelParts } from './read-channel-parts.ts';
import { type FollowUpThread, readFollowUpThread } from './read-follow-up-thread.ts';

/** What every channel must store and show alike, by round trip. */
interface FollowUpResult {
  threads: Record<string, Omit<FollowUpThread['followUps'][number], 'notified'>[]>;
  /** The question as the open chat showed it, register numbers masked. */
  arrived: string[];
}
const results = new Map<string, FollowUpResult>();

/** Zalo OA answers a user only within 7 days of their last message; the other channels always. */
const windowCloses = new Set(['zalo_oa']);

/**
 * Officer → reporter → officer on every channel: an officer's question (the casework function the
 * console calls) reaches the reporter's chat, or waits for their status check where the reply
 * window has closed; the reporter's plain answer lands on the report. Neither side sees the
 * other's identity.
 */
describe.concurrent.each(parityChannels)('the follow-up round trip over $name', (entry) => {
  const { name } = entry;
  let channel: ParityChannel;
  let officer: ParityOfficer;
  const result: FollowUpResult = { threads: {}, arrived: [] };
  beforeAll(async () => {
    channel = await entry.start();
    officer = await startParityOfficer(channel);
    results.set(name, result);
  }, 60_000);
  afterAll(async () => {
    await officer?.close();
    await channel?.stop();
  });

  const roundTrip = async (silentDays: number) => {
    const run = new ScriptRun(await channel.newChat({ name: reporterMarkers.name }));
    const scripted = async (script: () => Promise<void>) => {
      try {
        await script();
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\n--- transcript ---\n${run.outcome.transcript.join('\n')}`,
        );
      }
    };
    await scripted(() => markedTipSent(run));
    const registerNumber = run.outcome.registerNumbers[0] ?? '';
    const code = run.outcome.receiptCodes[0] ?? '';
    const routed = await officer.route(registerNumber);
    if (silentDays > 0) {
      const pool = createPgPool(channel.databaseUrl, 1);
      try {
        await pool.query(
          `UPDATE reporter SET last_interaction_at = now() - make_interval(days => $2)
            WHERE id = (SELECT reporter_id FROM report WHERE id = $1)`,
          [routed.reportId, silentDays],
        );
      } finally {
        await pool.end();
      }
    }
    const closed = silentDays >= 7 && windowCloses.has(name);
    const asked = await officer.ask(routed, followUpExchange.question);
    expect(asked).toMatchObject({ asked: { delivery: closed ? 'waiting' : 'sent' } });
    const before = run.outcome.transcript.length;
    if (closed) {
      await scripted(() => nothingArrives(run));
      await scripted(() => answerAtStatusCheck(run, code));
    } else {
      await scripted(() => questionArrives(run, { registerNumber, unitName: routed.unitName }));
      result.arrived = run.outcome.transcript.slice(before + 1, before + 2);
      await scripted(() => answerAtMenu(run));
    }

    // The answer is on the report, the question answered, and the unit's queue marks it.
    const thread = await readFollowUpThread(channel.databaseUrl, registerNumber);
    expect(thread).toEqual({
      followUps: [
        { direction: 'to_reporter', text: followUpExchange.question, answered: true, notified: !closed },
        { direction: 'from_reporter', text: followUpExchange.answer, answered: false, notified: false },
      ],
      newInformation: true,
    });

    // The officer reads the answer, and nothing that identifies the reporter.
    const view = await officer.readCase(routed);
    expect(view?.followUps.map((f) => [f.direction, f.text, f.answeredAt !== null])).toEqual([
      ['to_reporter', followUpExchange.question, true],
      ['from_reporter', followUpExchange.answer, false],
    ]);
    const parts = await readChannelParts(channel.databaseUrl, channel.protection, registerNumber);
    expect(parts.phone).toBe(reporterMarkers.phone);
    expect(parts.chatId).not.toBe('');
    const officerSide = JSON.stringify(view);
    for (const marker of [
      parts.chatId,
      reporterMarkers.phone,
      reporterMarkers.phone.slice(3),
      reporterMarkers.name,
    ])
      expect(officerSide).not.toContain(marker);
    // The reporter read the unit's name (with the question sent to the chat), never the officer's.
    const reporterSide = run.outcome.transcript.join('\n');
    if (!closed) expect(reporterSide).toContain(routed.unitName);
    expect(reporterSide).not.toContain(officer.displayName);
    expect(reporterSide).not.toContain(routed.user.username);
    expect(reporterSide).not.toContain(officer.username);
    return thread.followUps.map(({ notified: _, ...followUp }) => followUp);
  };

  it.sequential('takes an officer question to an open chat and the answer typed at the menu to the report', async () => {
    result.threads.open = await roundTrip(0);
  }, 120_000);

  it.sequential(windowCloses.has(name)
    ? 'keeps the question for the status check after 8 silent days, and takes the answer there'
    : 'still sends the question after 8 silent days (no reply window here)', async () => {
    result.threads.silent = await roundTrip(8);
  }, 120_000);
});

describe('every channel', () => {
  it('stored the same threads and showed the same question as Telegram', () => {
    const reference = results.get('telegram');
    expect(reference?.arrived).toHaveLength(1);
    expect(reference?.arrived[0]).toContain(followUpExchange.question);
    expect(Object.keys(reference?.threads ?? {}).sort()).toEqual(['open', 'silent']);
    for (const [name, result] of results)
      expect({ channel: name, ...result }).toEqual({ channel: name, ...reference });
    expect([...results.keys()].sort()).toEqual(parityChannels.map(({ name }) => name).sort());
  });
});
