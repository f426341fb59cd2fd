import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/casework/audit/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 'x' }], a: { z: null, y: false } })).toBe(
      '{"a":{"y":false,"z":null},"b":[{"c":"x","d":1}]}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'a"\n\u00e9'])).toBe('[1e+21,0.1,0,"a\\"\\né"]');
  });

  it.each([
    ['undefined', { a: undefined }],
    ['NaN', [Number.NaN]],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['a Date', { at: new Date(0) }],
    ['a hole in an array', new Array<number>(2)],
    ['a bigint', { id: 1n }],
  ])('refuses %s rather than change it silently', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(RangeError);
  });
});
