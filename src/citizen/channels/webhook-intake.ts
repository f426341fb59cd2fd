import type { Logger } from 'pino';
import type { ChannelAdapter } from './channel-adapter.ts';

/** What committing a platform payload gave: a new event, or a redelivery of one already stored. */
export type RecordResult =
  | { kind: 'recorded'; platformKey: string; chatKey: string | null; webhookAnswer: WebhookAnswer }
  | { kind: 'duplicate'; platformKey: string; webhookAnswer: WebhookAnswer };

/** The platform call the webhook's 200 answer carries (see `ChannelAdapter.webhookAnswer`). */
export type WebhookAnswer = Record<string, unknown> | null;

/** The intake as a channel's webhook and polling see it: commit a raw payload, then announce it. */
export interface WebhookIntake {
  record(adapter: ChannelAdapter, raw: Buffer): Promise<RecordResult>;
  /** After the commit: processing starts at once (the sweep would find it anyway). */
  recorded(result: RecordResult): void;
  logger: Logger;
}
