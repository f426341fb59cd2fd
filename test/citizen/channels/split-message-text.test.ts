import { describe, expect, it } from 'vitest';
import { splitMessageText } from '../../../src/citizen/channels/split-message-text.ts';

describe('splitMessageText', () => {
  it('leaves a text within the limit whole', () => {
    expect(splitMessageText('xin chào', 2000)).toEqual(['xin chào']);
  });

  it('cuts a long text at line breaks into parts within the limit, losing nothing but the breaks', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. Phường số ${i + 1} của tỉnh`);
    const parts = splitMessageText(lines.join('\n'), 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts a text without breaks at spaces, and hard-cuts a text without spaces', () => {
    const words = 'tố giác '.repeat(600).trim();
    const parts = splitMessageText(words, 2000);
    expect(parts.every((p) => p.length <= 2000 && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(parts.join(' ')).toBe(words);
    expect(splitMessageText('a'.repeat(4500), 2000).map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it('never separates the two halves of an emoji', () => {
    const text = `${'a'.repeat(1999)}🚨${'b'.repeat(10)}`;
    const parts = splitMessageText(text, 2000);
    expect(parts[0]).toBe('a'.repeat(1999));
    expect(parts[1]?.startsWith('🚨')).toBe(true);
  });
});
