import { readFileSync } from 'node:fs';
import type { ParityChat, ParityReply } from './parity-channel.ts';

/** What one script left behind: the register numbers it got and what the citizen read. */
export interface ScriptOutcome {
  registerNumbers: string[];
  receiptCodes: string[];
  /** Every reply text, codes and numbers masked, so channels can be compared line by line. */
  transcript: string[];
}

const receiptCode = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/g;
const registerNumber = /TB-\d{4}-\d{6}/g;

// How a channel without buttons presents options: numbered lines and a hint to type the number.
const hintKeys = ['choices.type_number'];
const optionHints = new Set(
  ['vi', 'en'].flatMap((language) => {
    const texts = JSON.parse(
      readFileSync(new URL(`../../locales/${language}/messages.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
    return hintKeys.map((key) => texts[key]);
  }),
);

/**
 * A reply as every channel must word it: what differs by nature between runs (codes, register
 * numbers, dates) masked, and how the channel presents options (numbered lines) left out.
 */
export function mask(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\d{1,2}\. /.test(line) && !optionHints.has(line))
    .join('\n')
    .trimEnd()
    .replace(receiptCode, '<code>')
    .replace(registerNumber, '<register>')
    .replace(/\d{2}\/\d{2}\/\d{4}/g, '<date>');
}

/** Runs a script against a chat, recording the replies. */
export class ScriptRun {
  readonly outcome: ScriptOutcome = { registerNumbers: [], receiptCodes: [], transcript: [] };
  constructor(private readonly chat: ParityChat) {}

  private record(replies: ParityReply[]): ParityReply[] {
    for (const reply of replies) {
      this.outcome.transcript.push(mask(reply.text));
      this.outcome.registerNumbers.push(...(reply.text.match(registerNumber) ?? []));
      this.outcome.receiptCodes.push(...(reply.text.match(receiptCode) ?? []));
    }
    return replies;
  }

  async start() {
    return this.record(await this.chat.start());
  }
  async say(text: string) {
    this.outcome.transcript.push(`> ${text}`);
    return this.record(await this.chat.say(text));
  }
  async choose(label: string) {
    this.outcome.transcript.push(`> [${label}]`);
    return this.record(await this.chat.choose(label));
  }
}

function textOf(replies: ParityReply[]): string {
  return replies.map((r) => r.text).join('\n');
}

function expectIn(replies: ParityReply[], fragment: string): void {
  const text = textOf(replies);
  if (!text.includes(fragment)) throw new Error(`expected "${fragment}" in: ${text}`);
}

/** A crime tip typed the long way round: place by province and ward names without diacritics. */
export async function crimeTip(run: ScriptRun): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Tố giác tội phạm');
  await run.choose('Ma túy');
  await run.say('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
  await run.choose('Hôm nay');
  await run.say('ha noi');
  expectIn(await run.say('ba dinh'), 'Phường Ba Đình');
  await run.say('Một thanh niên đi xe máy biển 29A1-12345');
  await run.choose('Bỏ qua');
  const review = await run.choose('Ẩn danh');
  expectIn(review, 'Vui lòng kiểm tra lại thông tin');
  expectIn(await run.choose('Gửi tin'), 'Mã tra cứu:');
}

/** A trafficking report where someone is in danger now: the emergency numbers come at once. */
export async function traffickingWithDanger(run: ScriptRun): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Báo tin mua bán người');
  const danger = await run.choose('Có');
  expectIn(danger, '113');
  expectIn(danger, '111');
  await run.choose('Người thân');
  await run.choose('Không rõ');
  await run.choose('cơ sở lừa đảo');
  await run.say('Em trai tôi sang Campuchia làm việc ở sòng bạc, bị giữ lại và không được về.');
  await run.choose('Campuchia');
  await run.choose('Trong tuần này');
  await run.choose('Giải cứu');
  await run.choose('Đưa về nước');
  await run.choose('Xong');
  await run.choose('Bỏ qua');
  expectIn(await run.choose('Ẩn danh'), 'Vui lòng kiểm tra lại thông tin');
  expectIn(await run.choose('Gửi tin'), 'Mã tra cứu:');
}

/** Status of a report by its receipt code, typed loosely (lower case, spaces). */
export async function statusCheck(run: ScriptRun, code: string): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Tra cứu kết quả');
  expectIn(await run.say(code.toLowerCase().replaceAll('-', ' ')), 'Tình trạng:');
}

/** Information added to a sent report by its receipt code. */
export async function addInformation(run: ScriptRun, code: string): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Bổ sung thông tin');
  expectIn(await run.say(code), 'Tin số');
  expectIn(await run.say('Người bán thường đến lúc 21 giờ, đi xe máy màu đỏ.'), 'Đã bổ sung');
  expectIn(await run.choose('Xong'), 'Cảm ơn bạn');
}

/** A report begun, cancelled, and begun again from the menu. */
export async function cancelAndRestart(run: ScriptRun): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Tố giác tội phạm');
  await run.choose('Trộm cắp');
  expectIn(await run.choose('Hủy'), 'Bạn muốn làm gì?');
  expectIn(await run.choose('Tố giác tội phạm'), 'loại tội phạm nào');
  expectIn(await run.choose('Lừa đảo'), 'Hãy mô tả sự việc');
}

/** Wrong answers get a clear message and change nothing; the citizen then leaves. */
export async function wrongInputs(run: ScriptRun): Promise<void> {
  await run.start();
  await run.choose('Tiếng Việt');
  await run.choose('Tố giác tội phạm');
  expectIn(await run.say('xyz không có trong danh sách'), 'Xin vui lòng chọn');
  await run.choose('Cờ bạc');
  expectIn(await run.say('ab'), 'quá ngắn');
  expectIn(await run.say('99'), 'quá ngắn');
  expectIn(await run.choose('Hủy'), 'Bạn muốn làm gì?');
}

/** A new chat that opens with a greeting typed, as Zalo users do: the language question, no error. */
export async function greetingFirst(run: ScriptRun): Promise<void> {
  const greeted = await run.say('Xin chào');
  expectIn(greeted, 'Vui lòng chọn ngôn ngữ');
  if (greeted.length !== 1 || textOf(greeted).includes('Xin vui lòng chọn'))
    throw new Error(`expected the language question alone, got: ${textOf(greeted)}`);
  expectIn(await run.choose('Tiếng Việt'), 'Bạn muốn làm gì?');
}

/** A new chat that opens with "tra cuu CODE": the status at once. */
export async function statusTypedFirst(run: ScriptRun, code: string): Promise<void> {
  expectIn(await run.say(`tra cuu ${code.toLowerCase()}`), 'Tình trạng:');
}
