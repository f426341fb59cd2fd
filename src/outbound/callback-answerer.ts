import type { Logger } from 'pino';
import type { Channel } from '../engine/channel.ts';
import type { ChannelSender } from './channel-sender.ts';
import { PlatformRejectedError } from './delivery-error.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** A pressed button to answer (Telegram's `answerCallbackQuery`), so its spinner stops. */
export interface CallbackAnswer {
  channel: Channel;
  callbackQueryId: string;
}

export interface CallbackAnswerer {
  /** Answers after the commit of the turns that read the presses; best effort, in order. */
  answer(answers: readonly CallbackAnswer[]): void;
  /** Stops answering; answers still queued are dropped. */
  stop(): Promise<void>;
}

/**
 * Answers button presses from memory, right after the commit of their turns, within the channel's
 * overall send limit (a few at a time, each slot reserved only when it is its turn, so replies get
 * their share of the limit). An answer is a courtesy to
 * the citizen's app (a spinner stops), not part of the record: it is not stored, one still queued
 * after `lifetimeMs` is dropped (Telegram refuses answers to old presses, and a late answer would
 * only take the place of a reply), and a crash loses the few in memory. Kept in the outbox with
 * the replies, answers once outnumbered them a third to two and queued for minutes under load.
 */
export function createCallbackAnswerer(options: {
  senders: ReadonlyMap<Channel, ChannelSender>;
  limiters: ReadonlyMap<Channel, RateLimiter>;
  logger: Logger;
  lifetimeMs: number;
  /** Most answers waiting; beyond it the oldest are dropped. */
  maxQueued: number;
}): CallbackAnswerer {
  type Queued = CallbackAnswer & { until: number };
  let queue: Queued[] = [];
  const lanes = new Set<Promise<void>>();
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let stopped = false;

  /** A wait that `stop` cuts short. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          waits.delete(wait);
          resolve();
        }, ms),
        resolve,
      };
      waits.add(wait);
    });

  const sendOne = async (item: Queued) => {
    const sender = options.senders.get(item.channel);
    if (!sender) return;
    const limiter = options.limiters.get(item.channel);
    const waitMs = limiter ? limiter.reserve(null) : 0;
    try {
      if (waitMs > 0) await pause(waitMs);
      if (stopped || Date.now() >= item.until) return;
      await sender.send('', { type: 'answer_callback', callbackQueryId: item.callbackQueryId });
    } catch (error) {
      if (error instanceof PlatformRejectedError && error.code === 429) {
        limiter?.pause((error.retryAfterSeconds ?? 1) * 1000);
        queue.unshift(item);
      } else {
        options.logger.debug(
          { err: error instanceof Error ? error.name : 'unknown' },
          'callback answer failed',
        );
      }
    } finally {
      limiter?.sent(null);
    }
  };

  const lane = async () => {
    for (let item = queue.shift(); item && !stopped; item = queue.shift()) {
      if (Date.now() < item.until) await sendOne(item);
    }
  };

  const startLanes = () => {
    while (lanes.size < lanesAtOnce && queue.length > lanes.size) {
      const running: Promise<void> = lane().finally(() => {
        lanes.delete(running);
        if (!stopped && queue.length > 0) startLanes();
      });
      lanes.add(running);
    }
  };

  return {
    answer(answers) {
      if (stopped || answers.length === 0) return;
      const until = Date.now() + options.lifetimeMs;
      queue.push(...answers.map((answer) => ({ ...answer, until })));
      if (queue.length > options.maxQueued) queue = queue.slice(queue.length - options.maxQueued);
      startLanes();
    },
    async stop() {
      stopped = true;
      queue = [];
      for (const wait of waits) {
        clearTimeout(wait.timer);
        wait.resolve();
      }
      waits.clear();
      await Promise.all(lanes);
    },
  };
}

/** Answers in flight at once: enough that one slow call does not hold the others back. */
const lanesAtOnce = 4;
