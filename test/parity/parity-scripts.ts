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
  async shareLocation(latitude: number, longitude: number) {
    if (!this.chat.shareLocation) throw new Error('this channel cannot send a location');
    this.outcome.transcript.push(`> [location ${latitude}, ${longitude}]`);
    return this.record(await this.chat.shareLocation(latitude, longitude));
  }
  async sendPhoto(caption: string) {
    if (!this.chat.sendPhoto) throw new Error('this channel takes no files');
    this.outcome.transcript.push(`> [photo: ${caption}]`);
    return this.record(await this.chat.sendPhoto(caption));
  }
  /** What reached the chat unasked since the last verb (an officer's question). */
  async received() {
    this.outcome.transcript.push('> [waits]');
    return this.record(await this.chat.received());
  }
}

function textOf(replies: ParityReply[] | undefined): string {
  return (replies ?? []).map((r) => r.text).join('\n');
}

function expectIn(replies: ParityReply[] | undefined, fragment: string): void {
  const text = textOf(replies);
  if (!text.includes(fragment)) throw new Error(`expected "${fragment}" in: ${text}`);
}

function expectNotIn(replies: ParityReply[] | undefined, fragment: string): void {
  const text = textOf(replies);
  if (text.includes(fragment)) throw new Error(`did not expect "${fragment}" in: ${text}`);
}

function expectOption(replies: ParityReply[] | undefined, label: string): void {
  const options = replies?.at(-1)?.options ?? [];
  if (!options.includes(label))
    throw new Error(`expected the option "${label}" among: ${options.join(' | ')}`);
}

/** Opens a new chat, picks the language, then `entry` from the menu; returns what `entry` brought. */
async function openMenu(run: ScriptRun, language: 'Tiếng Việt' | 'English', entry: string) {
  await run.start();
  await run.choose(language);
  return run.choose(entry);
}

/** The questions of a crime tip, from opening the chat to the review, in the order they are asked. */
export type TipStep =
  | 'open'
  | 'language'
  | 'menu'
  | 'category'
  | 'description'
  | 'when'
  | 'place'
  | 'ward'
  | 'people'
  | 'evidence'
  | 'anonymity'
  | 'contact'
  | 'review';

/** An answer to each step, in order; what the bot says to an answer is the next question. */
export type TipAnswers = [step: TipStep, answer: (run: ScriptRun) => Promise<ParityReply[]>][];

export const tipDescription = 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.';

/** A crime tip told in full: the place by province and ward typed without diacritics, a phone typed. */
export const fullTip: TipAnswers = [
  ['open', (r) => r.start()],
  ['language', (r) => r.choose('Tiếng Việt')],
  ['menu', (r) => r.choose('Tố giác tội phạm')],
  ['category', (r) => r.choose('Ma túy')],
  ['description', (r) => r.say(tipDescription)],
  ['when', (r) => r.choose('Hôm nay')],
  ['place', (r) => r.say('ha noi')],
  ['ward', (r) => r.say('ba dinh')],
  ['people', (r) => r.say('Một thanh niên đi xe máy biển 29A1-12345')],
  ['evidence', (r) => r.choose('Bỏ qua')],
  ['anonymity', (r) => r.choose('Giữ bí mật')],
  ['contact', (r) => r.say('0912 345 678')],
  ['review', (r) => r.choose('Gửi tin')],
];

const quickAnswers: Partial<Record<TipStep, (run: ScriptRun) => Promise<ParityReply[]>>> = {
  place: (r) => r.say('Không rõ'),
  people: (r) => r.choose('Bỏ qua'),
  anonymity: (r) => r.choose('Ẩn danh'),
};

/** The shortest crime tip: the place not known, nothing optional given, sent anonymously. */
export const quickTip: TipAnswers = fullTip
  .filter(([step]) => step !== 'ward' && step !== 'contact')
  .map(([step, answer]) => [step, quickAnswers[step] ?? answer]);

/**
 * Gives `answers` in order, from the step `from` (default: opening the chat) up to the step
 * `until`, which is then the question asked (default: all of them, so the tip is sent). Returns
 * what the bot said to each answer, by the step answered: `said.when` holds the place question.
 */
export async function answerTip(
  run: ScriptRun,
  answers: TipAnswers,
  range: { from?: TipStep; until?: TipStep } = {},
): Promise<Partial<Record<TipStep, ParityReply[]>>> {
  for (const step of [range.from, range.until]) {
    if (step && !answers.some(([s]) => s === step)) throw new Error(`these answers have no step "${step}"`);
  }
  const said: Partial<Record<TipStep, ParityReply[]>> = {};
  let answering = range.from === undefined;
  for (const [step, answer] of answers) {
    if (step === range.until) break;
    if (step === range.from) answering = true;
    if (answering) said[step] = await answer(run);
  }
  return said;
}

/** A crime tip told in full, confidential with a typed phone, reviewed and sent. */
export async function crimeTip(run: ScriptRun): Promise<void> {
  const said = await answerTip(run, fullTip);
  expectIn(said.open, 'chọn ngôn ngữ');
  expectIn(said.place, 'Tỉnh/thành: Thành phố Hà Nội.');
  expectIn(said.ward, 'Xã/phường: Phường Ba Đình.');
  const review = said.contact;
  expectIn(review, 'Vui lòng kiểm tra lại thông tin');
  expectIn(review, 'Ma túy');
  expectIn(review, 'Phường Ba Đình');
  expectIn(said.review, 'Mã tra cứu:');
}

/** Wrong answers for the steps of a crime tip, each with what its refusal says. */
const wrongAnswers: Partial<Record<TipStep, [typed: string, refusal: string][]>> = {
  category: [
    ['xyz không có trong danh sách', 'Xin vui lòng chọn một trong các lựa chọn'],
    ['42', 'Xin vui lòng chọn một trong các lựa chọn'],
  ],
  description: [
    ['ab', 'Câu trả lời quá ngắn'],
    ['99', 'Câu trả lời quá ngắn'],
  ],
  when: [['x', 'Xin vui lòng chọn một trong các lựa chọn']],
  place: [['zzzz', 'Không tìm thấy tỉnh/thành nào khớp với "zzzz"']],
  ward: [['qqqq', 'Không tìm thấy xã/phường nào khớp với "qqqq"']],
  contact: [
    ['12345', 'Số điện thoại chưa đúng'],
    ['024 3825 1234', 'Số điện thoại chưa đúng'],
  ],
};

/** The answers the corrected tip gives instead of the full tip's: a typed time, then anonymity after all. */
const correctedAnswers: Partial<Record<TipStep, (run: ScriptRun) => Promise<ParityReply[]>>> = {
  when: (r) => r.say('21h tối 20/11'),
  contact: (r) => r.choose('Gửi ẩn danh'),
};

/**
 * The full tip with wrong answers first at each kind of question: each is refused with a clear
 * message and the same question again, and the tip is sent as if they had never been typed, but
 * with a typed time and, at the phone question, "send anonymously" after all.
 */
export async function correctedTip(run: ScriptRun): Promise<void> {
  let asked: ParityReply[] = [];
  for (const [step, answer] of fullTip) {
    for (const [typed, refusal] of wrongAnswers[step] ?? []) {
      const refused = await run.say(typed);
      expectIn(refused, refusal);
      const again = refused.at(-1)?.options ?? [];
      const before = asked.at(-1)?.options ?? [];
      if (again.join('|') !== before.join('|'))
        throw new Error(
          `"${typed}" at ${step} changed the options: ${before.join(' | ')} → ${again.join(' | ')}`,
        );
    }
    asked = await (correctedAnswers[step] ?? answer)(run);
  }
  expectIn(asked, 'Mã tra cứu:');
}

/** A trafficking report where someone is in danger now: the emergency numbers come at once. */
export async function traffickingWithDanger(run: ScriptRun): Promise<void> {
  await openMenu(run, 'Tiếng Việt', 'Báo tin mua bán người');
  const danger = await run.choose('Có');
  expectIn(danger, '113 — Cảnh sát');
  expectIn(danger, '111');
  await run.choose('Người thân');
  await run.choose('Không rõ');
  await run.choose('cơ sở lừa đảo');
  await run.say('Em trai tôi sang Campuchia làm việc ở sòng bạc, bị giữ lại và không được về.');
  await run.choose('Campuchia');
  await run.choose('Trong tuần này');
  expectOption(await run.choose('Giải cứu'), '✅ Giải cứu');
  await run.choose('Đưa về nước');
  await run.choose('Xong');
  await run.choose('Bỏ qua');
  expectIn(await run.choose('Ẩn danh'), 'Vui lòng kiểm tra lại thông tin');
  const receipt = await run.choose('Gửi tin');
  expectIn(receipt, 'Mã tra cứu:');
  // Someone in danger: the emergency card comes again with the receipt.
  expectIn(receipt, '113 — Cảnh sát');
}

/**
 * A trafficking report in English about a victim in Viet Nam, nobody in danger now: the place by
 * province and a ward picked from the list, the child question answered by its typed number, the
 * last contact typed, a phone typed in international form.
 */
export async function traffickingInVietNam(run: ScriptRun): Promise<void> {
  expectIn(await openMenu(run, 'English', 'Report human trafficking'), 'in danger right now');
  expectNotIn(await run.choose('No'), '113');
  await run.choose('Me');
  await run.say('2');
  await run.choose('Forced labour');
  await run.say('My brother went to work on a building site in Vinh and they keep his papers.');
  await run.choose('Viet Nam');
  expectIn(await run.say('nghe an'), 'Nghệ An');
  expectOption(await run.say('vinh'), 'Phường Vinh Phú');
  await run.choose('Phường Vinh Phú');
  await run.say('yesterday, one short call');
  expectOption(await run.choose('Medical'), '✅ Medical care');
  await run.choose('Done');
  await run.choose('Skip');
  await run.choose('Confidential');
  expectIn(await run.say('+84 987 654 321'), 'Please check your report');
  const receipt = await run.choose('Send report');
  expectIn(receipt, 'Register number:');
  expectNotIn(receipt, '113 — Police');
}

/** What an officer does before the status check below: a decision deadline and a question. */
export const officerAsks = {
  question: 'Bạn còn giữ tin nhắn SMS lừa đảo không?',
  decisionDueAt: new Date('2026-12-12T16:59:59Z'),
  /** The deadline as shown: the 12th in Hanoi, whatever the server's zone. */
  shownDue: '12/12/2026',
};

/** A wrong code, then the status of a report by its code typed loosely (lower case, spaces). */
export async function statusCheck(run: ScriptRun, code: string): Promise<void> {
  await openMenu(run, 'Tiếng Việt', 'Tra cứu kết quả');
  const wrong = await run.say('AAAA-BBBB-CCCCC');
  expectIn(wrong, 'Không tìm thấy tin báo với mã này');
  expectIn(wrong, 'Nhập mã tra cứu');
  const found = await run.say(code.toLowerCase().replaceAll('-', ' '));
  expectIn(found, 'Tình trạng: Đã tiếp nhận, đang chờ phân loại');
  expectIn(found, `Hạn giải quyết: ${officerAsks.shownDue}`);
  expectIn(found, `Cán bộ hỏi: "${officerAsks.question}"`);
}

/**
 * Guessing codes: five wrong ones are looked up, then look-ups are refused (the refusal leaves the
 * question, so the guesser asks again), and even the right code then finds nothing.
 */
export async function guessCodes(run: ScriptRun, rightCode: string): Promise<void> {
  const lookedUp = 5;
  await openMenu(run, 'Tiếng Việt', 'Tra cứu kết quả');
  for (let guess = 0; guess < lookedUp + 2; guess++) {
    const answer = await run.say(`ZZZZ-ZZZZ-${String(guess).padStart(5, '0')}`);
    expectIn(
      answer,
      guess < lookedUp ? 'Không tìm thấy tin báo với mã này' : 'Bạn đã nhập sai quá nhiều lần',
    );
    if (guess >= lookedUp) await run.choose('Tra cứu kết quả');
  }
  const right = await run.say(rightCode);
  expectIn(right, 'Bạn đã nhập sai quá nhiều lần');
  expectNotIn(right, 'Tình trạng');
}

/** Information added to a sent report by its receipt code (answering the officer's question). */
export async function addInformation(run: ScriptRun, code: string): Promise<void> {
  await openMenu(run, 'Tiếng Việt', 'Bổ sung thông tin');
  expectIn(await run.say(code), 'Tin số');
  expectIn(await run.say('Người bán thường đến lúc 21 giờ, đi xe máy màu đỏ.'), 'Đã bổ sung vào tin báo');
  expectIn(await run.choose('Xong'), 'Cảm ơn bạn');
}

/** A report begun and cancelled by the typed word, begun again, cancelled by its option, and begun again. */
export async function cancelAndRestart(run: ScriptRun): Promise<void> {
  await openMenu(run, 'Tiếng Việt', 'Tố giác tội phạm');
  await run.choose('Ma túy');
  await run.say('Một người lạ phát tán ma túy trước cổng trường.');
  const typed = await run.say('huy');
  expectIn(typed, 'Đã hủy. Chưa có thông tin nào được gửi đi.');
  expectIn(typed, 'Bạn muốn làm gì?');
  expectIn(await run.choose('Tố giác tội phạm'), 'Bạn muốn tố giác loại tội phạm nào?');
  await run.choose('Trộm cắp');
  const chosen = await run.choose('Hủy');
  expectIn(chosen, 'Đã hủy.');
  expectIn(chosen, 'Bạn muốn làm gì?');
  expectIn(await run.choose('Tố giác tội phạm'), 'loại tội phạm nào');
  expectIn(await run.choose('Lừa đảo'), 'Hãy mô tả sự việc');
}

/** Back one question by its option and by the typed word, in English. */
export async function goBack(run: ScriptRun): Promise<void> {
  await openMenu(run, 'English', 'Report a crime');
  expectIn(await run.choose('Fraud'), 'Describe what happened');
  expectIn(await run.choose('Back'), 'What kind of crime');
  await run.choose('Gambling');
  await run.say('An illegal betting shop runs behind the market every night.');
  expectIn(await run.say('back'), 'Describe what happened');
}

/** The emergency and awareness cards and the help from the menu, then the language changed. */
export async function menuCards(run: ScriptRun): Promise<void> {
  const emergency = await openMenu(run, 'Tiếng Việt', 'Khẩn cấp');
  expectIn(emergency, '113 — Cảnh sát');
  expectIn(emergency, 'Bạn muốn làm gì?');
  expectIn(await run.choose('Nhận biết thủ đoạn'), 'Dấu hiệu mua bán người');
  expectIn(await run.say('trợ giúp'), 'Hướng dẫn');
  expectIn(await run.choose('Ngôn ngữ'), 'Vui lòng chọn ngôn ngữ');
  expectIn(await run.choose('English'), 'What would you like to do?');
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

/** The full tip with the place given as a location pin instead of typed. */
export async function pinnedTip(run: ScriptRun): Promise<void> {
  await answerTip(run, fullTip, { until: 'place' });
  expectIn(await run.shareLocation(21.0333, 105.85), 'Đã ghi nhận vị trí.');
  expectIn((await answerTip(run, fullTip, { from: 'people' })).review, 'Mã tra cứu:');
}

/** The quick tip with a photo as evidence, its caption kept with the report. */
export async function photographedTip(run: ScriptRun): Promise<void> {
  await answerTip(run, quickTip, { until: 'evidence' });
  expectIn(await run.sendPhoto('ảnh chụp quán'), 'Đã nhận tệp thứ 1');
  await run.choose('Xong');
  expectIn((await answerTip(run, quickTip, { from: 'anonymity' })).review, 'Mã tra cứu:');
}

/** A photo added to a sent report by its receipt code, its caption as the added text. */
export async function addPhoto(run: ScriptRun, code: string): Promise<void> {
  await openMenu(run, 'Tiếng Việt', 'Bổ sung thông tin');
  expectIn(await run.say(code), 'Tin số');
  expectIn(await run.sendPhoto('ảnh chụp màn hình chuyển khoản'), 'Đã bổ sung vào tin báo');
  expectIn(await run.choose('Xong'), 'Cảm ơn bạn');
}

/** The officer's question of the follow-up round trip and the reporter's answer to it, plain text. */
export const followUpExchange = {
  question: 'Người bán thường đứng ở cổng nào của quán?',
  answer: 'Cổng phụ phía sau quán, khoảng 21 giờ mỗi tối.',
};

/** What identifies the reporter of the follow-up tip: a phone typed, and a name where the platform sends one. */
export const reporterMarkers = {
  typedPhone: '0961 357 246',
  phone: '+84961357246',
  name: 'Hoàng Thị Đánh Dấu',
};

/** The full tip, confidential with the marker phone. */
export const markedTip: TipAnswers = fullTip.map(([step, answer]) => [
  step,
  step === 'contact' ? (r) => r.say(reporterMarkers.typedPhone) : answer,
]);

/** The marked tip sent; the chat is back at the menu with its receipt. */
export async function markedTipSent(run: ScriptRun): Promise<void> {
  expectIn((await answerTip(run, markedTip)).review, 'Mã tra cứu:');
}

/**
 * An officer's question as it reaches an open chat: it names the register number and the unit,
 * quotes the question and says how to answer, and holds nothing of the tip.
 */
export async function questionArrives(
  run: ScriptRun,
  expected: { registerNumber: string; unitName: string },
): Promise<void> {
  const arrived = await run.received();
  expectIn(arrived, `Về tin báo số ${expected.registerNumber} của bạn, ${expected.unitName} hỏi:`);
  expectIn(arrived, `"${followUpExchange.question}"`);
  expectIn(arrived, 'bạn chỉ cần nhắn lại trong cuộc trò chuyện này');
  expectNotIn(arrived, tipDescription);
}

/** Nothing reached the chat unasked: the question waits for the status check. */
export async function nothingArrives(run: ScriptRun): Promise<void> {
  const arrived = await run.received();
  if (arrived.length > 0) throw new Error(`expected nothing unasked, got: ${textOf(arrived)}`);
}

/** The answer typed at the menu, no code: it goes to the report asked about. */
export async function answerAtMenu(run: ScriptRun): Promise<void> {
  expectIn(await run.say(followUpExchange.answer), 'Đã bổ sung vào tin báo');
  expectIn(await run.choose('Xong'), 'Cảm ơn bạn');
}

/** The status checked by code in the same chat: the waiting question is shown, and answered there. */
export async function answerAtStatusCheck(run: ScriptRun, code: string): Promise<void> {
  const found = await run.say(`tra cuu ${code}`);
  expectIn(found, 'Tình trạng:');
  expectIn(found, `Cán bộ hỏi: "${followUpExchange.question}"`);
  expectIn(await run.say(followUpExchange.answer), 'Đã bổ sung vào tin báo');
  expectIn(await run.choose('Xong'), 'Cảm ơn bạn');
}
