import { describe, expect, it } from 'vitest';
import { EngineDriver } from '../../support/engine-driver.ts';

const question = { reportId: '00000000-0000-4000-8000-000000000007', registerNumber: 'TB-2026-000007' };
const answer = 'Tôi vẫn còn giữ tin nhắn đó trong điện thoại.';

/** A driver at the menu (language chosen) with an officer question delivered to the chat. */
function atMenuWithQuestion(): EngineDriver {
  const d = new EngineDriver();
  d.command('start');
  expect(d.state.step).toBe('menu');
  d.ctx.openQuestion = question;
  return d;
}

describe('an officer question delivered to the chat', () => {
  it('takes the next text at the menu as its answer, without the receipt code', () => {
    const d = atMenuWithQuestion();
    const exchange = d.text(answer);
    expect(exchange.effects).toEqual([
      { kind: 'append_follow_up', reportId: question.reportId, text: answer },
    ]);
    expect(d.state).toMatchObject({ step: 'fu_content', followUpReportId: question.reportId });
  });

  it('still takes menu choices and the cancel word at the menu', () => {
    const d = atMenuWithQuestion();
    expect(d.text('1').effects).toEqual([]);
    expect(d.state.step).not.toBe('fu_content');
    const other = atMenuWithQuestion();
    other.text('hủy');
    expect(other.state.step).toBe('menu');
  });

  it('never diverts a chat in the middle of a report', () => {
    const d = atMenuWithQuestion();
    d.press('Tố giác tội phạm');
    const before = d.state.step;
    const exchange = d.text(answer);
    expect(exchange.effects).toEqual([]);
    expect(d.state.step).not.toBe('fu_content');
    expect(before).not.toBe('menu');
  });

  it('leaves the menu as it was when no question is open', () => {
    const d = atMenuWithQuestion();
    d.ctx.openQuestion = undefined;
    expect(d.text(answer).effects).toEqual([]);
    expect(d.state.step).toBe('menu');
  });
});
