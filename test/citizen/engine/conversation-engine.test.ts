import { describe, expect, it } from 'vitest';
import { addAttachment, maxAttachments } from '../../../src/citizen/engine/add-attachment.ts';
import type { ResumeOptions } from '../../../src/citizen/engine/conversation-engine.ts';
import { initialState, STATE_VERSION } from '../../../src/citizen/engine/conversation-state.ts';
import type { InboundMessage } from '../../../src/citizen/engine/inbound-message.ts';
import {
  atCrimeTip,
  atTrafficking,
  EngineDriver,
  photo,
  telegramCapabilities,
  textOnlyCapabilities,
} from '../../support/engine-driver.ts';

const description = 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.';

/** A crime tip answered up to the place question. */
function atPlace(): EngineDriver {
  const d = atCrimeTip();
  d.press('Ma túy');
  d.text(description);
  d.press('Hôm nay');
  return d;
}

describe('back', () => {
  it('returns to the previous question when the back button is pressed', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    expect(d.state.step).toBe('tip_when');
    const exchange = d.press('Quay lại');
    expect(d.state.step).toBe('tip_description');
    expect(d.state.history).toEqual(['tip_category']);
    expect(exchange.replies).toHaveLength(1);
    expect(exchange.replies[0]?.keys).toEqual(['tip.description_question']);
  });

  it.each(['quay lai', 'Quay lại', 'back', 'BACK', 'tro lai'])('understands %j typed', (typed) => {
    const d = atPlace();
    d.text(typed);
    expect(d.state.step).toBe('tip_when');
  });

  it('understands the back button of a location keyboard, which arrives as its label', () => {
    const d = atPlace();
    expect(d.question().request).toBe('location');
    d.text('⬅️ Quay lại');
    expect(d.state.step).toBe('tip_when');
  });

  it('walks back several steps one at a time', () => {
    const d = atPlace();
    d.text('back');
    d.text('back');
    expect(d.state.step).toBe('tip_description');
    d.text('back');
    expect(d.state.step).toBe('tip_category');
  });

  it('keeps the answers given so far when going back', () => {
    const d = atPlace();
    d.text('back');
    expect(d.state.draft).toMatchObject({ category: 'drugs', description, occurredWhen: 'today' });
  });

  it('returns from the review to the contact question after a confidential answer', () => {
    const d = atPlace();
    d.press('Không rõ');
    d.press('Bỏ qua');
    d.press('Bỏ qua');
    d.press('Giữ bí mật');
    d.text('0912345678');
    expect(d.state.step).toBe('tip_review');
    d.text('back');
    expect(d.state.step).toBe('tip_contact');
  });

  it('at the first question of a flow leaves the flow like cancel', () => {
    const d = atCrimeTip();
    const exchange = d.press('Quay lại');
    expect(d.state.step).toBe('menu');
    expect(exchange.replies[0]?.keys).toEqual(['conversation.cancelled', 'menu.question']);
  });
});

describe('cancel', () => {
  it('drops the draft and shows the menu when the cancel button is pressed', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    const exchange = d.press('Hủy');
    expect(d.state.step).toBe('menu');
    expect(d.state.draft).toEqual({ amendments: [], attachments: [], helpNeeded: [] });
    expect(d.state.history).toEqual([]);
    expect(exchange.text).toBe(
      'Đã hủy. Chưa có thông tin nào được gửi đi.\nCổng tiếp nhận tố giác, tin báo về tội phạm qua tin nhắn. Bạn muốn làm gì?',
    );
    expect(exchange.effects).toEqual([]);
  });

  it.each(['huy', 'Hủy', 'hu\u0309y', 'cancel', 'thoat', '✖️ Hủy'])('understands %j typed', (typed) => {
    const d = atPlace();
    d.text(typed);
    expect(d.state.step).toBe('menu');
    expect(d.state.draft.category).toBeUndefined();
  });

  it('at the review sends nothing', () => {
    const d = atPlace();
    d.press('Không rõ');
    d.press('Bỏ qua');
    d.press('Bỏ qua');
    d.press('Ẩn danh');
    d.text('huy');
    expect(d.state.step).toBe('menu');
    expect(d.effects).toEqual([]);
  });

  it('in the trafficking flow clears its draft too', () => {
    const d = atTrafficking();
    d.press('Có');
    d.press('Bản thân');
    d.text('cancel');
    expect(d.state.step).toBe('menu');
    expect(d.state.draft.dangerNow).toBeUndefined();
  });

  it('at the menu shows the menu without a cancelled note', () => {
    const d = new EngineDriver();
    const exchange = d.text('huy');
    expect(exchange.replies[0]?.keys).toEqual(['menu.question']);
  });
});

describe('commands', () => {
  it('/start mid-flow drops the draft and shows the menu', () => {
    const d = atPlace();
    d.command('start');
    expect(d.state.step).toBe('menu');
    expect(d.state.draft.category).toBeUndefined();
    expect(d.question().keys).toEqual(['menu.question']);
  });

  it.each([
    ['tip', 'tip_category', 'tip.category_question'],
    ['trafficking', 'tr_danger', 'trafficking.danger_question'],
    ['status', 'st_code', 'status.code_question'],
    ['followup', 'fu_code', 'follow_up.code_question'],
  ])('/start %s opens its flow at once', (payload, step, question) => {
    const d = new EngineDriver();
    const exchange = d.command('start', payload);
    expect(d.state.step).toBe(step);
    expect(exchange.replies[0]?.keys).toEqual([question]);
  });

  it('/start with a payload mid-flow starts the new flow with an empty draft', () => {
    const d = atPlace();
    d.command('start', 'trafficking');
    expect(d.state.step).toBe('tr_danger');
    expect(d.state.draft.category).toBeUndefined();
    expect(d.state.history).toEqual([]);
  });

  it('/start emergency shows the emergency numbers, then the menu', () => {
    const d = new EngineDriver();
    const exchange = d.command('start', 'emergency');
    expect(exchange.replies[0]?.standalone).toBe(true);
    expect(exchange.replies[0]?.text).toContain('113');
    expect(d.state.step).toBe('menu');
  });

  it('/start asks for the language first when none was chosen', () => {
    const d = new EngineDriver({ languageChosen: false });
    d.command('start');
    expect(d.state.step).toBe('language');
    expect(d.question().buttons).toEqual(['Tiếng Việt', 'English']);
  });

  it('a deep link is followed at once, in the suggested language, even before a language was chosen', () => {
    const d = new EngineDriver({ languageChosen: false });
    d.command('start', 'tip');
    expect(d.state.step).toBe('tip_category');
    expect(d.state.languageChosen).toBe(true);
  });

  it('/help shows the help and asks the same question again without changing anything', () => {
    const d = atPlace();
    const before = structuredClone(d.state);
    const exchange = d.command('help');
    expect(exchange.replies.map((r) => r.keys[0])).toEqual(['help.card', 'place.question']);
    expect(d.state).toEqual(before);
  });

  it('"help" typed shows the help too', () => {
    const d = atCrimeTip();
    const exchange = d.text('tro giup');
    expect(exchange.replies[0]?.keys).toEqual(['help.card']);
    expect(d.state.step).toBe('tip_category');
  });

  it('/emergency shows the numbers and keeps the place in the flow', () => {
    const d = atPlace();
    const exchange = d.command('emergency');
    expect(exchange.replies[0]?.text).toContain('111');
    expect(d.state.step).toBe('tip_place');
  });

  it('/language asks the language question again', () => {
    const d = new EngineDriver();
    d.command('language');
    d.press('English');
    expect(d.state.language).toBe('en');
    expect(d.question().text).toBe('Police tip line by chat. What would you like to do?');
  });

  it('an unknown command explains itself and asks the same question', () => {
    const d = atCrimeTip();
    const exchange = d.command('frobnicate');
    expect(exchange.replies[0]?.keys).toEqual(['errors.unknown_command', 'tip.category_question']);
  });
});

describe('resume', () => {
  const options = { expired: false } as const;

  it('starts a new reporter at the language question in the hinted language', () => {
    const d = new EngineDriver();
    const notice = d.resume(undefined, { languageHint: 'en-US', expired: false });
    expect(notice).toBeNull();
    expect(d.state).toMatchObject({ step: 'language', language: 'en', languageChosen: false });
  });

  it('answers a Telegram user whose app is in English in English', () => {
    const d = new EngineDriver();
    d.resume(undefined, { languageHint: 'en', expired: false });
    d.text('hello');
    const exchange = d.text('qwxz');
    expect(exchange.text).toContain('Please pick one of the options');
  });

  it('uses Vietnamese for any other hint', () => {
    const d = new EngineDriver();
    d.resume(null, { languageHint: 'ru', expired: false });
    expect(d.state.language).toBe('vi');
  });

  it('skips the language question for a reporter whose language is known', () => {
    const d = new EngineDriver();
    d.resume(undefined, { languageHint: 'vi', knownLanguage: 'en', expired: false });
    expect(d.state).toMatchObject({ step: 'menu', language: 'en', languageChosen: true });
  });

  it('continues a stored conversation where it was', () => {
    const d = atPlace();
    const stored = JSON.parse(JSON.stringify(d.state)) as unknown;
    const again = new EngineDriver();
    expect(again.resume(stored, options)).toBeNull();
    expect(again.state).toEqual(JSON.parse(JSON.stringify(d.state)));
    again.choose('unknown');
    expect(again.state.step).toBe('tip_people');
  });

  it.each([
    ['unreadable', { hello: 'world' }],
    ['a string', 'not a state'],
    ['an older version', { ...initialState('vi', true), version: STATE_VERSION - 1 }],
    ['an unknown step', { ...initialState('vi', true), step: 'tip_removed_step' }],
  ])('restarts with a notice when the stored state is %s', (_what, stored) => {
    const d = new EngineDriver();
    const notice = d.resume(stored, { knownLanguage: 'vi', expired: false });
    expect(notice).toEqual({ key: 'conversation.restarted' });
    expect(d.state).toEqual({ ...initialState('vi', true), unprompted: true });
    const exchange = d.send({ kind: 'text', text: 'xin chao' }, notice);
    expect(exchange.replies.map((r) => r.keys)).toEqual([['conversation.restarted'], ['menu.question']]);
  });

  it('drops an expired half-finished report and shows the menu with the expired notice', () => {
    const d = atPlace();
    const stored = JSON.parse(JSON.stringify(d.state)) as unknown;
    const again = new EngineDriver();
    const notice = again.resume(stored, { expired: true });
    expect(notice).toEqual({ key: 'conversation.expired' });
    expect(again.state.step).toBe('menu');
    expect(again.state.draft.category).toBeUndefined();
    const exchange = again.send({ kind: 'text', text: 'hello' }, notice);
    expect(exchange.replies[0]?.text).toBe(
      'Tin đang soạn đã hết hạn vì lâu không có trả lời và chưa được gửi. Bạn có thể bắt đầu lại.',
    );
  });

  it('does not call an idle menu expired', () => {
    const d = new EngineDriver();
    const stored = JSON.parse(JSON.stringify(d.state)) as unknown;
    expect(d.resume(stored, { expired: true })).toBeNull();
    expect(d.state.step).toBe('menu');
  });

  it('keeps the last report across an expiry, so a later edit still reaches it', () => {
    const d = new EngineDriver();
    const stored = { ...initialState('vi', true), step: 'tip_category', lastReportId: 'r-1' };
    d.resume(stored, { expired: true });
    expect(d.state.lastReportId).toBe('r-1');
  });
});

describe('the first message of a new chat', () => {
  const newChat = (options: Partial<ResumeOptions> = {}, driver = new EngineDriver()) => {
    driver.resume(null, { languageHint: 'vi', expired: false, ...options });
    return driver;
  };

  it.each([
    ['with buttons', telegramCapabilities],
    ['as text only', textOnlyCapabilities],
  ])('is greeted with the language question and nothing else, %s', (_how, capabilities) => {
    const d = newChat({}, new EngineDriver({ capabilities }));
    const exchange = d.text('Xin chào');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['language.question']]);
    expect(exchange.replies[0]?.buttons).toEqual(['Tiếng Việt', 'English']);
    expect(exchange.effects).toEqual([]);
    expect(d.state.step).toBe('language');
    expect(d.state.unprompted).toBeUndefined();
  });

  it.each([
    ['a sticker', { kind: 'unsupported', what: 'sticker' }],
    ['a photo', { kind: 'attachment', attachment: photo() }],
    ['a location', { kind: 'location', latitude: 21.03, longitude: 105.85 }],
    ['an edited message', { kind: 'amendment', text: 'xin chào' }],
  ] satisfies [string, InboundMessage][])('is greeted the same when it is %s', (_what, message) => {
    const d = newChat();
    expect(d.send(message).replies.map((r) => r.keys)).toEqual([['language.question']]);
  });

  it('greets once for an album: the other photos of the group add nothing', () => {
    const d = newChat();
    const replies = [photo(), photo(), photo()].flatMap(
      (attachment) => d.attach(attachment, { groupId: 'album-1' }).replies,
    );
    expect(replies.map((r) => r.keys)).toEqual([['language.question']]);
  });

  it('greets a reporter whose language is known with the menu and nothing else', () => {
    const d = newChat({ knownLanguage: 'en' });
    const exchange = d.text('hi');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['menu.question']]);
    expect(exchange.text).not.toContain('Please pick');
  });

  it('takes its second message as the answer to the question now shown', () => {
    const d = newChat();
    expect(d.text('Xin chào').replies.map((r) => r.keys)).toEqual([['language.question']]);
    expect(d.text('xin chào').replies[0]?.keys).toEqual(['errors.pick_a_choice', 'language.question']);
    d.text('English');
    expect(d.state).toMatchObject({ step: 'menu', language: 'en', languageChosen: true });
  });

  it('greets a first text, yet obeys a first /start, typed help or a press of the language button', () => {
    expect(
      newChat()
        .text('alo')
        .replies.map((r) => r.keys),
    ).toEqual([['language.question']]);
    expect(
      newChat()
        .command('start')
        .replies.map((r) => r.keys),
    ).toEqual([['language.question']]);
    const help = newChat().text('help');
    expect(help.replies.map((r) => r.keys[0])).toEqual(['help.card', 'language.question']);
    // A chat whose state was lost may still press the button of the question shown before.
    const pressed = newChat();
    pressed.choose('en');
    expect(pressed.state).toMatchObject({ step: 'menu', language: 'en' });
  });
});

describe('flowOf', () => {
  it('names the flow of each step', () => {
    const d = atPlace();
    expect(d.engine.flowOf(d.state)).toBe('crime_tip');
    expect(d.engine.flowOf({ ...d.state, step: 'tr_province' })).toBe('trafficking');
    expect(d.engine.flowOf({ ...d.state, step: 'st_code' })).toBe('status');
    expect(d.engine.flowOf({ ...d.state, step: 'fu_content' })).toBe('follow_up');
    expect(d.engine.flowOf({ ...d.state, step: 'menu' })).toBe('start');
  });
});

describe('turn outcomes', () => {
  it('counts an answer inside a report flow as a report step', () => {
    const d = atCrimeTip();
    expect(d.press('Ma túy').outcome).toBe('report_step');
  });

  it('counts a cancelled report step as a report step', () => {
    const d = atCrimeTip();
    expect(d.text('huy').outcome).toBe('report_step');
  });

  it('counts a code typed at the status question as a status query', () => {
    const d = new EngineDriver();
    d.command('start', 'status');
    expect(d.text('ABCD-EFGH-JKMNP').outcome).toBe('status_query');
  });
});

describe('amendments (edited messages)', () => {
  it('are kept in the draft while a report is being written', () => {
    const d = atPlace();
    const exchange = d.send({ kind: 'amendment', text: 'Sửa: quán cà phê số 12' });
    expect(exchange.replies[0]?.keys).toEqual(['amendment.noted']);
    expect(d.state.draft.amendments).toEqual(['Sửa: quán cà phê số 12']);
    expect(d.state.step).toBe('tip_place');
  });

  it('are explained as not applicable when there is no report to add them to', () => {
    const d = new EngineDriver();
    const exchange = d.send({ kind: 'amendment', text: 'Sửa' });
    expect(exchange.replies[0]?.keys).toEqual(['amendment.not_applicable']);
    expect(exchange.effects).toEqual([]);
  });

  it('added to the last report during a status check do not show an error', () => {
    const d = new EngineDriver();
    d.state = { ...d.state, lastReportId: 'r-1' };
    d.command('start', 'status');
    d.willAnswer({ kind: 'follow_up_appended' });
    const exchange = d.send({ kind: 'amendment', text: 'Sửa: số nhà 12' });
    expect(exchange.effects).toEqual([{ kind: 'append_follow_up', reportId: 'r-1', text: 'Sửa: số nhà 12' }]);
    expect(exchange.replies.map((r) => r.keys)).toEqual([['amendment.added']]);
    expect(d.state.step).toBe('st_code');
  });

  it('added to the last report while a follow-up code is asked do not show an error', () => {
    const d = new EngineDriver();
    d.state = { ...d.state, lastReportId: 'r-1' };
    d.command('start', 'followup');
    d.willAnswer({ kind: 'follow_up_appended' });
    const exchange = d.send({ kind: 'amendment', text: 'Sửa: số nhà 12' });
    expect(exchange.replies.map((r) => r.keys)).toEqual([['amendment.added']]);
  });
});

describe('files sent outside the evidence question', () => {
  it('are kept in the draft of a report with a short note, and the question stays', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    const file = photo();
    const exchange = d.attach(file);
    expect(exchange.replies.map((r) => r.keys)).toEqual([['evidence.kept_early']]);
    expect(d.state.step).toBe('tip_description');
    expect(d.state.draft.attachments).toEqual([file]);
  });

  it('are refused at the menu as an answer that is not a choice', () => {
    const d = new EngineDriver();
    const exchange = d.attach(photo());
    expect(exchange.replies[0]?.keys).toEqual(['errors.pick_a_choice', 'menu.question']);
  });

  it('are refused at the status question, which wants text', () => {
    const d = new EngineDriver();
    d.command('start', 'status');
    const exchange = d.attach(photo());
    expect(exchange.replies[0]?.keys[0]).toBe('errors.text_expected');
  });
});

describe('addAttachment', () => {
  it('refuses a file over the limit without changing the draft', () => {
    let state = initialState('vi', true);
    for (let i = 0; i < maxAttachments; i++) {
      const added = addAttachment(state, { kind: 'attachment', attachment: photo() });
      if (added.error) throw new Error('refused too early');
      state = added.state;
    }
    const refused = addAttachment(state, { kind: 'attachment', attachment: photo() });
    expect(refused.error).toEqual({ key: 'evidence.too_many', params: { limit: 10 } });
  });
});

describe('typed answers on channels without buttons', () => {
  it('the number shown beside Back goes back, and the one beside Cancel cancels', () => {
    const d = atPlace();
    const backNumber = d.question().choiceIds.indexOf('nav_back') + 1;
    d.text(String(backNumber));
    expect(d.state.step).toBe('tip_when');
    const cancelNumber = d.question().choiceIds.indexOf('nav_cancel') + 1;
    d.text(String(cancelNumber));
    expect(d.state.step).toBe('menu');
  });

  it('a single letter picks no button', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    const exchange = d.text('x');
    expect(d.state.step).toBe('tip_when');
    expect(exchange.text).toContain('Xin vui lòng chọn');
  });
});

describe('amendments', () => {
  it('an edit made while adding to a report goes to that report', () => {
    const d = new EngineDriver();
    d.state = { ...d.state, lastReportId: 'last-report' };
    d.send({ kind: 'choice', stepName: 'menu', choiceId: 'follow_up' });
    d.willAnswer({
      kind: 'follow_up_report_found',
      reportId: 'other-report',
      registerNumber: 'TB-2026-000007',
    });
    d.text('ABCD-EFGH-JKMNP');
    const exchange = d.send({ kind: 'amendment', text: 'sửa lại: xe màu đỏ' });
    expect(exchange.effects).toEqual([
      { kind: 'append_follow_up', reportId: 'other-report', text: 'sửa lại: xe màu đỏ' },
    ]);
  });
});
