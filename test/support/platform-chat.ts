import type { SentMessage } from '../fakes/fake-telegram-server.ts';
import type { TelegramUpdateBuilder } from '../fakes/telegram-updates.ts';
import { Chat, type TelegramHarness } from './telegram-harness.ts';

/** What one delivery attempt got: an HTTP status, or why no answer came (`ECONNREFUSED`, ...). */
export type AttemptResult = number | string;

/** How one update's delivery ended, after every retry the platform made. */
export interface DeliveryOutcome {
  /** Attempts made, the last one included. */
  attempts: number;
  /** What each attempt got, in order; the last entry is how the delivery ended. */
  results: AttemptResult[];
  /** Whether the last attempt got a 2xx; false when the deadline passed first. */
  delivered: boolean;
}

/** Every delivery, and every attempt within it, as Telegram would see them. */
export interface DeliveryLog {
  /** HTTP statuses received, in order, across chats. */
  answers: number[];
  /** Attempts that got no HTTP answer (refused or broken connection, timeout). */
  unanswered: number;
  /** One entry per update delivered (or given up on), in the order the deliveries ended. */
  deliveries: DeliveryOutcome[];
}

export function createDeliveryLog(): DeliveryLog {
  return { answers: [], unanswered: 0, deliveries: [] };
}

/** Deliveries that never got a 2xx before the deadline: a platform would have lost these updates. */
export function undeliveredUpdates(log: DeliveryLog): DeliveryOutcome[] {
  return log.deliveries.filter((delivery) => !delivery.delivered);
}

/**
 * The log in figures for a test's report line: deliveries, the attempts sent again (beyond each
 * delivery's first) and what the failed attempts got, e.g. `{ ECONNREFUSED: 12, 503: 1 }`.
 */
export function summariseDeliveries(log: DeliveryLog): {
  deliveries: number;
  retries: number;
  failedAttempts: Record<string, number>;
} {
  const failedAttempts: Record<string, number> = {};
  let retries = 0;
  for (const delivery of log.deliveries) {
    retries += delivery.attempts - 1;
    const failed = delivery.delivered ? delivery.results.slice(0, -1) : delivery.results;
    for (const result of failed) failedAttempts[result] = (failedAttempts[result] ?? 0) + 1;
  }
  return { deliveries: log.deliveries.length, retries, failedAttempts };
}

/**
 * A chat whose updates are delivered the way Telegram delivers them to a webhook that is being
 * restarted: an update is sent again after a non-2xx answer or when no answer came, until a 2xx,
 * always to the webhook URL of the moment (`harness.webhookUrl`, which a test may switch like a
 * load balancer). Every attempt and each delivery's outcome is recorded in `log`; an update not
 * accepted before the deadline fails the chat, since the conversation cannot go on without it.
 */
export class PlatformChat extends Chat {
  constructor(
    harness: TelegramHarness,
    citizen: TelegramUpdateBuilder,
    private readonly log: DeliveryLog,
    private readonly giveUpAfterMs = 60_000,
  ) {
    super(harness, citizen);
  }

  override async send(update: object): Promise<SentMessage[]> {
    const before = this.messages().length;
    const outcome = await deliverLikePlatform(
      () => this.harness.webhookUrl,
      update,
      this.harness.secret,
      this.log,
      this.giveUpAfterMs,
    );
    // The conversation cannot go on without this update; the log keeps the outcome for the test.
    if (!outcome.delivered) {
      throw new Error(`update not accepted: ${outcome.attempts} attempts, got ${outcome.results.join(', ')}`);
    }
    await this.settled();
    return this.messages().slice(before);
  }

  /** A whole crime tip, from /start to the confirmation; resolves with the receipt message. */
  async submitCrimeTip(): Promise<SentMessage> {
    await this.send(this.citizen.start());
    await this.press('Tiếng Việt');
    await this.press('Tố giác tội phạm');
    await this.press('Ma túy');
    await this.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await this.press('Hôm nay');
    await this.text('Không rõ');
    await this.press('Bỏ qua');
    await this.press('Bỏ qua');
    const review = await this.press('Ẩn danh');
    if (!review.at(-1)?.text.includes('Vui lòng kiểm tra lại thông tin'))
      throw new Error(`no review: ${review.map((m) => m.text).join(' | ')}`);
    const answer = await this.press('Gửi tin');
    const receipt = answer.find((m) => m.text.includes('Mã tra cứu:'));
    if (!receipt) throw new Error(`no receipt: ${answer.map((m) => m.text).join(' | ')}`);
    return receipt;
  }

  /** Messages of this chat that carry a receipt code. */
  receipts(): SentMessage[] {
    return this.messages().filter((m) => m.text.includes('Mã tra cứu:'));
  }
}

/**
 * Delivers one update as Telegram does: again after a non-2xx answer or when no answer came
 * (refused or reset connection while a process restarts, timeout), with backoff, until a 2xx or
 * until `giveUpAfterMs` has passed, each time to `webhookUrl()` of the moment. Records every attempt
 * and how the delivery ended in `log`; never throws, so a test asserts on the log.
 */
export async function deliverLikePlatform(
  webhookUrl: () => string,
  update: object,
  secret: string,
  log: DeliveryLog,
  giveUpAfterMs = 60_000,
): Promise<DeliveryOutcome> {
  const deadline = Date.now() + giveUpAfterMs;
  const results: AttemptResult[] = [];
  for (let attempt = 0; ; attempt++) {
    const result = await post(webhookUrl(), update, secret);
    results.push(result);
    if (typeof result === 'number') log.answers.push(result);
    else log.unanswered++;
    const delivered = typeof result === 'number' && result >= 200 && result < 300;
    if (delivered || Date.now() > deadline) {
      const outcome = { attempts: results.length, results, delivered };
      log.deliveries.push(outcome);
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
  }
}

/** One delivery attempt: the HTTP status, or the reason no answer came. */
async function post(webhookUrl: string, update: object, secret: string): Promise<AttemptResult> {
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return failureReason(error);
  }
}

/** `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET` (socket closed mid-answer), `TimeoutError`, ... */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (cause instanceof Error) return cause.message;
  return error.name === 'Error' || error.name === 'TypeError' ? error.message : error.name;
}
