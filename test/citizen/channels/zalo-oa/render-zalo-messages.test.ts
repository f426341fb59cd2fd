import { describe, expect, it } from 'vitest';
import { splitMessageText } from '../../../../src/citizen/channels/split-message-text.ts';
import { renderZaloMessages } from '../../../../src/citizen/channels/zalo-oa/render-zalo-messages.ts';
import type { ZaloMessage } from '../../../../src/citizen/channels/zalo-oa/zalo-oa-api.ts';
import type { RenderedReply } from '../../../../src/citizen/engine/reply.ts';

function buttonsOf(message: ZaloMessage | undefined) {
  const payload: Record<string, unknown> = message?.attachment?.payload ?? {};
  return (payload.buttons ?? []) as { type: string; payload: string; title: string }[];
}

const choices = (n: number, label = (i: number) => `Lựa chọn ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: label(i + 1), number: i + 1 }));

describe('renderZaloMessages', () => {
  it('puts up to five choices on oa.query.hide buttons carrying the step and choice', () => {
    const reply: RenderedReply = { text: 'Chọn một', choices: choices(5), stepName: 'tip_when' };
    const [message, ...rest] = renderZaloMessages(reply);
    expect(rest).toEqual([]);
    expect(message?.text).toBe('Chọn một');
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.payload)).toEqual([
      '#c|tip_when|c1',
      '#c|tip_when|c2',
      '#c|tip_when|c3',
      '#c|tip_when|c4',
      '#c|tip_when|c5',
    ]);
    expect(buttons.every((b) => b.type === 'oa.query.hide')).toBe(true);
  });

  it('lists six or more choices by number in the text, without buttons', () => {
    const reply: RenderedReply = { text: 'Chọn một', choices: choices(6), stepName: 'menu' };
    const [message] = renderZaloMessages(reply);
    expect(message?.attachment).toBeUndefined();
    expect(message?.text).toContain('1. Lựa chọn 1\n2. Lựa chọn 2');
    expect(message?.text).toContain('6. Lựa chọn 6');
    expect(message?.text).toContain('Gõ số');
  });

  it('cuts button titles to 100 characters', () => {
    const reply: RenderedReply = { text: 'x', choices: choices(1, () => 'ư'.repeat(150)), stepName: 's' };
    const buttons = buttonsOf(renderZaloMessages(reply)[0]);
    expect([...(buttons[0]?.title ?? '')]).toHaveLength(100);
  });

  it('splits texts over 2,000 characters and puts the buttons on the last part', () => {
    const text = `${'Một câu dài. '.repeat(400)}Kết thúc.`;
    const messages = renderZaloMessages({ text, choices: choices(2), stepName: 's' });
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.every((m) => (m.text ?? '').length <= 2000)).toBe(true);
    expect(messages.slice(0, -1).every((m) => m.attachment === undefined)).toBe(true);
    expect(messages.at(-1)?.attachment).toBeDefined();
    expect(
      messages
        .map((m) => m.text)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(text.replace(/\s+/g, ' '));
  });

  it('explains Zalo’s location feature in the citizen’s language for a location request', () => {
    const english = renderZaloMessages({
      text: 'Where?',
      language: 'en',
      choices: choices(2),
      stepName: 'tip_place',
      request: 'location',
      requestLabel: '📍 Send location',
    });
    expect(english[0]?.text).toContain('choose "Location"');
    const vietnamese = renderZaloMessages({
      text: 'Ở đâu?',
      language: 'vi',
      choices: choices(2),
      stepName: 'tip_place',
      request: 'location',
      requestLabel: '📍 Gửi vị trí',
    });
    expect(vietnamese[0]?.text).toContain('chọn "Vị trí"');
  });

  it('follows a contact request with a one-element request_user_info card, only when a picture is set', () => {
    const reply: RenderedReply = {
      text: 'Số điện thoại?',
      choices: choices(1),
      stepName: 'tip_contact',
      request: 'contact',
      requestLabel: '📞 Chia sẻ số điện thoại',
    };
    const messages = renderZaloMessages(reply, { contactImageUrl: 'https://example.gov.vn/p.png' });
    expect(messages).toHaveLength(2);
    const card = messages[1]?.attachment?.payload as {
      template_type: string;
      elements: { image_url: string }[];
    };
    expect(card.template_type).toBe('request_user_info');
    expect(card.elements).toHaveLength(1);
    expect(card.elements[0]?.image_url).toBe('https://example.gov.vn/p.png');
    expect(renderZaloMessages(reply)).toHaveLength(1);
  });
});

describe("splitMessageText at Zalo's 2,000 characters", () => {
  it('never cuts a surrogate pair', () => {
    const parts = splitMessageText(`${'a'.repeat(1999)}😀${'b'.repeat(10)}`, 2000);
    expect(parts[0]).toBe('a'.repeat(1999));
    expect(parts[1]?.startsWith('😀')).toBe(true);
  });
});
