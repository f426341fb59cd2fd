import { describe, expect, it } from 'vitest';
import { decodeChoiceCallbackData } from '../../../../src/citizen/channels/telegram/callback-data.ts';
import { renderTelegramMessage } from '../../../../src/citizen/channels/telegram/render-telegram-message.ts';
import type { RenderedReply } from '../../../../src/citizen/engine/reply.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';

const unrenderable = expect.toSatisfy(
  (error) => isAppError(error, 'unrenderable_reply'),
  'unrenderable_reply',
);

function reply(overrides: Partial<RenderedReply>): RenderedReply {
  return { text: 'Bạn muốn tố giác việc gì?', choices: [], ...overrides };
}

describe('renderTelegramMessage', () => {
  it('sends text as plain text, so markup in it stays literal, and removes any reply keyboard', () => {
    const rendered = renderTelegramMessage(reply({ text: '<b>Cảm ơn</b> *bạn*' }));
    expect(rendered).toEqual({ text: '<b>Cảm ơn</b> *bạn*', reply_markup: { remove_keyboard: true } });
    expect(rendered).not.toHaveProperty('parse_mode');
  });

  it('puts short choices two to a row as inline buttons whose data decodes back to step and id', () => {
    const rendered = renderTelegramMessage(
      reply({
        stepName: 'crime_type',
        choices: [
          { id: 'theft', label: 'Trộm cắp', number: 1 },
          { id: 'drugs', label: 'Ma túy', number: 2 },
          { id: 'fraud', label: 'Lừa đảo', number: 3 },
        ],
      }),
    );
    expect(rendered.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Trộm cắp', callback_data: 'c|crime_type|theft' },
          { text: 'Ma túy', callback_data: 'c|crime_type|drugs' },
        ],
        [{ text: 'Lừa đảo', callback_data: 'c|crime_type|fraud' }],
      ],
    });
    expect(decodeChoiceCallbackData('c|crime_type|drugs')).toEqual({
      stepName: 'crime_type',
      choiceId: 'drugs',
    });
  });

  it('puts one button per row when a label is long', () => {
    const rendered = renderTelegramMessage(
      reply({
        stepName: 'crime_type',
        choices: [
          { id: 'trafficking', label: 'Mua bán người, lừa đi làm việc ở nước ngoài', number: 1 },
          { id: 'other', label: 'Khác', number: 2 },
        ],
      }),
    );
    expect(rendered.reply_markup).toMatchObject({
      inline_keyboard: [[{ text: expect.any(String) }], [{ text: 'Khác' }]],
    });
  });

  it('rejects, at render time, a step name that makes callback data longer than 64 bytes', () => {
    const longStep = 'where_did_the_victims_say_they_were_taken_before_the_border';
    expect(() =>
      renderTelegramMessage(
        reply({ stepName: longStep, choices: [{ id: 'north', label: 'Bắc', number: 1 }] }),
      ),
    ).toThrow(unrenderable);
  });

  it('rejects choices without a step name', () => {
    expect(() => renderTelegramMessage(reply({ choices: [{ id: 'a', label: 'A', number: 1 }] }))).toThrow(
      unrenderable,
    );
  });

  it('asks for a location with a one-time reply keyboard and the choices as plain buttons below', () => {
    const rendered = renderTelegramMessage(
      reply({
        stepName: 'place',
        request: 'location',
        requestLabel: '📍 Gửi vị trí',
        choices: [{ id: 'skip', label: 'Bỏ qua', number: 1 }],
      }),
    );
    expect(rendered.reply_markup).toEqual({
      keyboard: [[{ text: '📍 Gửi vị trí', request_location: true }], [{ text: 'Bỏ qua' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
  });

  it('asks for the phone number with a request_contact button', () => {
    const rendered = renderTelegramMessage(reply({ request: 'contact', requestLabel: 'Gửi số điện thoại' }));
    expect(rendered.reply_markup).toEqual({
      keyboard: [[{ text: 'Gửi số điện thoại', request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
  });

  it('rejects a request without the label of its button', () => {
    expect(() => renderTelegramMessage(reply({ request: 'contact' }))).toThrow(unrenderable);
  });
});
