import { describe, expect, it } from 'vitest';
import { renderZaloBotMessage } from '../../../../src/citizen/channels/zalo-bot/render-zalo-bot-message.ts';
import { keyedChoice } from '../../../../src/citizen/engine/choice-step.ts';
import type { Reply } from '../../../../src/citizen/engine/reply.ts';
import { renderReply } from '../../../../src/intake/outbound/render-reply.ts';

const menu: Reply = {
  text: [{ key: 'menu.question' }],
  choices: ['tip', 'trafficking', 'status'].map((id) => keyedChoice(id, 'menu')),
  stepName: 'menu',
};

describe('renderZaloBotMessage', () => {
  it('numbers the choices under the text and ends with the Vietnamese hint', () => {
    expect(renderZaloBotMessage(renderReply(menu, 'vi'))).toBe(
      [
        'Cổng tiếp nhận tố giác, tin báo về tội phạm qua tin nhắn. Bạn muốn làm gì?',
        '',
        '1. Tố giác tội phạm',
        '2. Báo tin mua bán người',
        '3. Tra cứu kết quả bằng mã',
        'Gõ số của lựa chọn (ví dụ: 1).',
      ].join('\n'),
    );
  });

  it('gives the hint in English to a reply translated into English', () => {
    const text = renderZaloBotMessage(renderReply(menu, 'en'));
    expect(text).toContain('1. Report a crime');
    expect(text.split('\n').at(-1)).toBe('Type the number of your choice (for example: 1).');
  });

  it("gives the hint in the reply's language whatever its labels (ward names, Back, Cancel)", () => {
    const wards: Reply = {
      text: [{ key: 'place.pick_ward' }],
      choices: [
        { id: 'w1', label: { literal: 'Phường Vinh Hưng' } },
        { id: 'nav_back', label: { key: 'nav.back' } },
        { id: 'nav_cancel', label: { key: 'nav.cancel' } },
      ],
    };
    expect(renderZaloBotMessage(renderReply(wards, 'en'))).toMatch(
      /3\. ✖️ Cancel\nType the number of your choice/,
    );
  });

  it('gives the hint in both languages when the reply does not say its language', () => {
    const { language: _said, ...unsaid } = renderReply(menu, 'vi');
    expect(
      renderZaloBotMessage(unsaid).endsWith(
        'Gõ số của lựa chọn (ví dụ: 1). / Type the number of your choice (for example: 1).',
      ),
    ).toBe(true);
  });

  it('sends a reply without choices as its text alone', () => {
    expect(renderZaloBotMessage(renderReply({ text: [{ key: 'place.location_saved' }] }, 'vi'))).toBe(
      'Đã ghi nhận vị trí.',
    );
  });

  it('never turns a quoted citizen text into anything but text (no markup on this platform)', () => {
    const reply = renderReply(
      { text: [{ key: 'place.no_ward_match', params: { query: '<b>x</b> *y*' } }] },
      'vi',
    );
    expect(renderZaloBotMessage(reply)).toContain('"<b>x</b> *y*"');
  });
});
