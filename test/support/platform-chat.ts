import type { SentMessage } from '../fakes/fake-telegram-server.ts';
import type { TelegramUpdateBuilder } from '../fakes/telegram-updates.ts';
import { Chat, type TelegramHarness } from './telegram-harness.ts';

/** Every delivery attempt, as Telegram would see it: an HTTP status or no answer at all. */
export interface DeliveryLog {
  /** HTTP statuses received, in order, across chats. */
  answers: number[];
  /** Attempts that got no HTTP answer (refused or broken connection, timeout). */
  unanswered: number;
}

export function createDeliveryLog(): DeliveryLog {
  return { answers: [], unanswered: 0 };
}

/**
 * A chat whose updates are delivered the way Telegram delivers them to a webhook that is being
 * restarted: an update is sent again after a non-2xx answer or when no answer came, until a 2xx,
 * always to the webhook URL of the moment (`harness.webhookUrl`, which a test may switch like a
 * load balancer). Every answer is recorded in `log`, so a test can count the non-2xx ones.
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
    await deliverLikePlatform(
      () => this.harness.webhookUrl,
      update,
      this.harness.secret,
      this.log,
      this.giveUpAfterMs,
    );
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
 * Delivers one update as Telegram does: again after a non-2xx answer or when no answer came, with
 * backoff, until a 2xx, each time to `webhookUrl()` of the moment. Records every attempt in `log`.
 */
export async function deliverLikePlatform(
  webhookUrl: () => string,
  update: object,
  secret: string,
  log: DeliveryLog,
  giveUpAfterMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let attempt = 0; ; attempt++) {
    const status = await post(webhookUrl(), update, secret);
    if (status === null) log.unanswered++;
    else log.answers.push(status);
    if (status !== null && status >= 200 && status < 300) return;
    if (Date.now() > deadline) throw new Error(`update not accepted within ${giveUpAfterMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
  }
}

/** One delivery attempt: the HTTP status, or null when no answer came. */
async function post(webhookUrl: string, update: object, secret: string): Promise<number | null> {
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}
