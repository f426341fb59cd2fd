import { describe, expect, it } from 'vitest';
import {
  CALLBACK_DATA_MAX_BYTES,
  decodeChoiceCallbackData,
  encodeChoiceCallbackData,
} from '../../../../src/citizen/channels/telegram/callback-data.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';

const unrenderable = expect.toSatisfy(
  (error) => isAppError(error, 'unrenderable_reply'),
  'unrenderable_reply',
);

describe('encodeChoiceCallbackData / decodeChoiceCallbackData', () => {
  it('round-trips a step name and choice id', () => {
    const data = encodeChoiceCallbackData('crime_type', 'human-trafficking');
    expect(data).toBe('c|crime_type|human-trafficking');
    expect(decodeChoiceCallbackData(data)).toEqual({ stepName: 'crime_type', choiceId: 'human-trafficking' });
  });

  it('accepts data of exactly 64 bytes and refuses 65', () => {
    const step = 's'.repeat(CALLBACK_DATA_MAX_BYTES - 'c||x'.length);
    expect(Buffer.byteLength(encodeChoiceCallbackData(step, 'x'))).toBe(64);
    expect(() => encodeChoiceCallbackData(`${step}s`, 'x')).toThrow(unrenderable);
  });

  it.each([
    ['a non-ASCII step name', 'tố_giác', 'x'],
    ['a separator in the id', 'step', 'a|b'],
    ['an empty id', 'step', ''],
    ['an empty step name', '', 'x'],
  ])('refuses %s', (_, step, id) => {
    expect(() => encodeChoiceCallbackData(step, id)).toThrow(unrenderable);
  });

  it.each(['c|step', 'c|step|id|extra', 'x|step|id', 'c||id', 'c|step|', 'buy_now', 'c|bước|id'])(
    'reads %j as not ours',
    (data) => {
      expect(decodeChoiceCallbackData(data)).toBeNull();
    },
  );
});
