import { setTimeout as sleep } from 'node:timers/promises';
import { repeatWithBackoff } from '../../../platform/process/repeat-with-backoff.ts';
import { PlatformRejectedError } from '../delivery-error.ts';
import { isRecord } from '../is-record.ts';
import { createZaloBotApi, type ZaloBotConnection } from './zalo-bot-api.ts';

export interface ZaloBotPollingOptions extends ZaloBotConnection {
  /** Commits one raw update (stores it); the next update is only fetched once it resolves. */
  onUpdate(update: unknown): Promise<void>;
  /** Told about every failed call or `onUpdate` before the loop backs off and retries. */
  onError?(error: unknown): void;
  /** Long-poll duration asked of the platform; 25 s by default. */
  pollTimeoutSeconds?: number;
  /** First and longest wait after a failure; doubles in between. 1 s and 30 s by default. */
  backoffMs?: { initial: number; max: number };
}

export interface ZaloBotPolling {
  /** Aborts the request in flight, lets a running `onUpdate` finish, and resolves when the loop ended. */
  stop(): Promise<void>;
}

// Extra time over the long-poll duration before a silent connection counts as dead.
const POLL_GRACE_MS = 10_000;
const SHORT_CALL_MS = 10_000;
// The platform answers a long poll that found nothing with `ok: false, error_code: 408`.
const NOTHING_NEW = 408;
const QUICKEST_EMPTY_POLL_MS = 1000;

/**
 * Development polling. Deletes the webhook first, then calls `getUpdates` in a loop and hands each
 * update to `onUpdate`, in order. The Bot Platform's `getUpdates` has no offset: an update is gone
 * from the platform once handed out. So a failing `onUpdate` is retried with the same update, with
 * a growing pause, until it succeeds or polling stops; an update in hand when the process dies is
 * lost, which is why production uses the webhook (answered 2xx only after the commit).
 */
export function startZaloBotPolling(options: ZaloBotPollingOptions): ZaloBotPolling {
  const api = createZaloBotApi(options);
  const stopping = new AbortController();
  const signal = stopping.signal;
  const pollTimeout = options.pollTimeoutSeconds ?? 25;
  const backoff = options.backoffMs ?? { initial: 1000, max: 30_000 };

  const pause = async (ms: number) => {
    await sleep(ms, undefined, { signal }).catch(() => undefined);
  };

  // Stopping with an update in hand loses it; the platform will not hand it out again.
  async function commit(update: unknown): Promise<void> {
    const committed = await repeatWithBackoff(() => options.onUpdate(update), {
      signal,
      backoff,
      onError: options.onError,
      until: 'succeeded',
    });
    if (!committed) throw new Error('polling stopped with an update not committed');
  }

  async function run(): Promise<void> {
    let webhookDeleted = false;
    const pollOnce = async () => {
      if (!webhookDeleted) {
        await api.call('deleteWebhook', {}, { timeoutMs: SHORT_CALL_MS, signal });
        webhookDeleted = true;
      }
      let result: unknown;
      const askedAt = Date.now();
      try {
        // Sent as a string, as the platform's own examples do (unconfirmed whether it matters).
        result = await api.call(
          'getUpdates',
          { timeout: String(pollTimeout) },
          { timeoutMs: pollTimeout * 1000 + POLL_GRACE_MS, signal },
        );
      } catch (error) {
        if (error instanceof PlatformRejectedError && error.code === NOTHING_NEW) {
          // A platform answering "nothing new" at once must not be asked in a tight loop.
          if (Date.now() - askedAt < QUICKEST_EMPTY_POLL_MS) await pause(QUICKEST_EMPTY_POLL_MS);
          return;
        }
        throw error;
      }
      for (const update of updatesIn(result)) {
        if (signal.aborted) break;
        await commit(update);
      }
    };
    await repeatWithBackoff(pollOnce, { signal, backoff, onError: options.onError, until: 'stopped' });
  }

  const done = run().catch((error: unknown) => options.onError?.(error));
  return {
    stop() {
      stopping.abort();
      return done;
    },
  };
}

/** One update per call is documented; an array or an empty answer is read too. */
function updatesIn(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  return isRecord(result) && Object.keys(result).length > 0 ? [result] : [];
}
