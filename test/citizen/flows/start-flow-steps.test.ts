import { describe, expect, it } from 'vitest';
import { EngineDriver } from '../../support/engine-driver.ts';

describe('language step', () => {
  it('asks in both languages and switches to the chosen one', () => {
    const d = new EngineDriver({ languageChosen: false });
    d.command('start');
    expect(d.question().text).toContain('Hello! Please choose a language.');
    d.press('English');
    expect(d.state).toMatchObject({ language: 'en', languageChosen: true, step: 'menu' });
    expect(d.question().buttons[0]).toBe('Report a crime');
  });

  it.each([
    ['tieng viet', 'vi'],
    ['1', 'vi'],
    ['english', 'en'],
    ['2', 'en'],
  ])('takes %j typed', (typed, language) => {
    const d = new EngineDriver({ languageChosen: false, language: language === 'vi' ? 'en' : 'vi' });
    d.command('start');
    d.text(typed);
    expect(d.state.language).toBe(language);
    expect(d.state.step).toBe('menu');
  });
});

describe('menu', () => {
  it('offers the journeys without back and cancel buttons', () => {
    const d = new EngineDriver();
    d.command('start');
    expect(d.question().choiceIds).toEqual([
      'tip',
      'trafficking',
      'status',
      'follow_up',
      'awareness',
      'emergency',
      'language',
    ]);
  });

  it.each([
    ['Tố giác', 'tip_category'],
    ['mua bán người', 'tr_danger'],
    ['Tra cứu', 'st_code'],
    ['Bổ sung', 'fu_code'],
    ['Ngôn ngữ', 'language'],
  ])('"%s" leads to %s', (label, step) => {
    const d = new EngineDriver();
    d.command('start');
    d.press(label);
    expect(d.state.step).toBe(step);
  });

  it('shows the emergency numbers as their own message and stays at the menu', () => {
    const d = new EngineDriver();
    d.command('start');
    const exchange = d.press('Khẩn cấp');
    expect(exchange.replies[0]?.standalone).toBe(true);
    expect(exchange.replies[0]?.text).toContain('113 — Cảnh sát');
    expect(exchange.replies[0]?.text).toContain('111');
    expect(exchange.replies[1]?.keys).toEqual(['menu.question']);
    expect(d.state.step).toBe('menu');
  });

  it('shows the awareness card and stays at the menu', () => {
    const d = new EngineDriver();
    d.command('start');
    const exchange = d.text('5');
    expect(exchange.replies[0]?.keys).toEqual(['awareness.card']);
    expect(d.state.step).toBe('menu');
  });

  it('reads a typed label without diacritics', () => {
    const d = new EngineDriver();
    d.text('bao tin mua ban nguoi');
    expect(d.state.step).toBe('tr_danger');
  });

  it('starts each flow with no history, so back leaves it', () => {
    const d = new EngineDriver();
    d.command('start');
    d.press('Tố giác');
    expect(d.state.history).toEqual([]);
  });
});
