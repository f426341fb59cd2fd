import { repeatWithBackoff } from '../../../platform/process/repeat-with-backoff.ts';
import { isRecord } from '../is-record.ts';
import { callbackAnswerCall } from './callback-answer-call.ts';
import { readTelegramUpdateKey } from './read-telegram-update-key.ts';
import { createTelegramApi, type TelegramConnection } from './telegram-api.ts';

export interface TelegramPollingOptions extends TelegramConnection {
  /**
   * Commits one raw update (stores it); the next update is only fetched once it resolves. It may
   * resolve to the Bot API call a webhook's 200 would carry (an object with `method`), which is
   * then made; otherwise a press is answered plainly.
   */
  onUpdate(update: unknown): Promise<unknown>;
  /** Told about every failed call or `onUpdate` before the loop backs off and retries. */
  onError?(error: unknown): void;
  /** Long-poll duration asked of Telegram; 25 s by default. */
  pollTimeoutSeconds?: number;
  /** First and longest wait after a failure; doubles in between. 1 s and 30 s by default. */
  backoffMs?: { initial: number; max: number };
}

export interface TelegramPolling {
  /** Aborts the request in flight, lets a running `onUpdate` finish, and resolves when the loop ended. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
// Extra time over the long-poll duration before a silent connection counts as dead.
const POLL_GRACE_MS = 10_000;
const SHORT_CALL_MS = 10_000;

/**
 * Development long polling. Deletes the webhook first (keeping pending updates), then calls
 * `getUpdates` in a loop and hands updates to `onUpdate` one at a time, in order. The offset moves
 * past an update only after its `onUpdate` resolved, so a failed or interrupted update is fetched
 * again; every error is reported to `onError` and retried after a growing pause. A button press is
 * answered (`answerCallbackQuery`) once committed.
 */
export function startTelegramPolling(options: TelegramPollingOptions): TelegramPolling {
  const api = createTelegramApi(options);
  const stopping = new AbortController();
  const signal = stopping.signal;
  const pollTimeout = options.pollTimeoutSeconds ?? 25;
  const backoff = options.backoffMs ?? { initial: 1000, max: 30_000 };

  async function run(): Promise<void> {
    let webhookDeleted = false;
    let offset: number | undefined;
    let offsetSentToTelegram: number | undefined;
    const pollOnce = async () => {
      if (!webhookDeleted) {
        // Without drop_pending_updates: the backlog may hold reports not yet seen.
        await api.call('deleteWebhook', {}, { timeoutMs: SHORT_CALL_MS, signal });
        webhookDeleted = true;
      }
      const updates = await api.call(
        'getUpdates',
        {
          timeout: pollTimeout,
          allowed_updates: [...ALLOWED_UPDATES],
          ...(offset === undefined ? {} : { offset }),
        },
        { timeoutMs: pollTimeout * 1000 + POLL_GRACE_MS, signal },
      );
      offsetSentToTelegram = offset;
      for (const update of updates) {
        if (signal.aborted) break;
        const { platformKey } = readTelegramUpdateKey(update);
        const answer = await options.onUpdate(update);
        offset = Number(platformKey) + 1;
        runAnswer(isRecord(answer) ? answer : callbackAnswerCall(update));
      }
    };
    await repeatWithBackoff(pollOnce, { signal, backoff, onError: options.onError, until: 'stopped' });
    // Tell Telegram which updates are committed, or it hands them out again on the next start.
    if (offset !== undefined && offset !== offsetSentToTelegram) {
      await api
        .call('getUpdates', { offset, limit: 1, timeout: 0 }, { timeoutMs: SHORT_CALL_MS })
        .catch((error: unknown) => options.onError?.(error));
    }
  }

  // A committed update gets the call a webhook's answer would carry (a button press its answer) at
  // once; a failed answer only leaves a spinner or a missing notice, so it is reported, not retried.
  const answering = new Set<Promise<void>>();
  function runAnswer(call: Record<string, unknown> | null): void {
    if (!call || typeof call.method !== 'string') return;
    const { method, ...payload } = call;
    const answer: Promise<void> = api
      .call(method as 'answerCallbackQuery', payload as never, { timeoutMs: SHORT_CALL_MS })
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => answering.delete(answer));
    answering.add(answer);
  }

  // Stopping waits for the answers under way too.
  const done = run()
    .then(() => Promise.all(answering))
    .then(() => undefined);
  return {
    stop() {
      stopping.abort();
      return done;
    },
  };
}
