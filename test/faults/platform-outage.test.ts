import { describe, expect, it } from 'vitest';
import { deliverUpdate } from '../fakes/deliver-telegram-update.ts';
import type { InjectedFailure } from '../fakes/fake-telegram-server.ts';
import { eventually } from '../support/eventually.ts';
import { reachReview } from '../support/reach-review.ts';
import { Chat, newCitizen } from '../support/telegram-harness.ts';
import { useTelegramHarness } from '../support/use-telegram-harness.ts';

/** Chats that reach their review together and send just as the platform goes down. */
const chats = 50;
const outageMs = 25_000;
/** The retry_after of the outage's 429 answers. */
const retryAfterSeconds = 5;
/** How soon after the platform recovers (beyond its retry_after) every receipt must be out. */
const recoveryBudgetMs = 10_000;

const harness = useTelegramHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });

const receiptOf = (chat: Chat) => chat.messages().find((m) => m.text.includes('Mã tra cứu'));

const outages: [string, InjectedFailure[]][] = [
  ['429 and 5xx in turn', [{ code: 429, retryAfter: retryAfterSeconds }, { code: 500 }]],
  ['5xx only', [{ code: 500 }]],
];

describe('a platform outage of 25 s under concurrent tips', () => {
  it.each(outages)(
    `%s: every receipt is delivered within ${recoveryBudgetMs / 1000} s of recovery, beyond retry_after`,
    { timeout: 240_000 },
    async (name, failures) => {
      const all = Array.from({ length: chats }, () => new Chat(harness, newCitizen()));
      await Promise.all(all.map(reachReview));

      // The platform goes down; every chat sends its report and one more message during the
      // outage, so each receipt has a reply before it and one behind it in its chat's order.
      const callsBefore = harness.fake.calls.length;
      harness.fake.failFor(outageMs, failures);
      const recoveredAt = Date.now() + outageMs;
      const statuses = await Promise.all(
        all.map(async (chat) => {
          const submit = await deliverUpdate(
            harness.webhookUrl,
            chat.citizen.callbackQuery(chat.callbackData('Gửi tin')),
            harness.secret,
            harness.fake,
          );
          const more = await deliverUpdate(harness.webhookUrl, chat.citizen.text('cảm ơn'), harness.secret);
          return [submit, more];
        }),
      );
      expect(statuses.flat().every((status) => status === 200)).toBe(true);

      const retryAfterMs = failures.some((f) => f.code === 429) ? retryAfterSeconds * 1000 : 0;
      const budget = recoveredAt + retryAfterMs + recoveryBudgetMs;
      await eventually(
        () => all.filter((chat) => receiptOf(chat) === undefined).length,
        (missing) => missing === 0 || Date.now() > budget + 30_000,
        outageMs + 90_000,
      );
      const lateness = all.map((chat) => (receiptOf(chat)?.at ?? Number.POSITIVE_INFINITY) - recoveredAt);
      const stats = {
        chats,
        delivered: lateness.filter(Number.isFinite).length,
        worstAfterRecoveryMs: Math.max(...lateness),
        medianAfterRecoveryMs: [...lateness].sort((a, b) => a - b)[Math.floor(chats / 2)],
        failedAnswers: harness.fake.calls
          .slice(callsBefore)
          .filter((c) => c.status === 429 || c.status === 500).length,
      };
      process.stdout.write(`platform outage, ${name}: ${JSON.stringify(stats)}\n`);
      expect(stats.delivered).toBe(chats);
      expect(stats.worstAfterRecoveryMs).toBeLessThanOrEqual(retryAfterMs + recoveryBudgetMs);
      // Nothing is left behind: every chat's messages went out.
      for (const chat of all) await chat.settled();
    },
  );
});
