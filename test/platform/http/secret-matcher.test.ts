import { describe, expect, it } from 'vitest';
import { secretMatcher } from '../../../src/platform/http/secret-matcher.ts';

describe('secretMatcher', () => {
  it('accepts the expected secret only, whatever the length or letters of a wrong one', () => {
    const matches = secretMatcher('webhook_Secret-123');
    expect(matches('webhook_Secret-123')).toBe(true);
    for (const wrong of [
      '',
      'webhook_Secret-12',
      'webhook_Secret-1234',
      'webhook_secret-123',
      'x'.repeat(300),
    ]) {
      expect(matches(wrong)).toBe(false);
    }
    expect(secretMatcher('mật khẩu')('mật khẩu')).toBe(true);
    expect(secretMatcher('mật khẩu')('mat khau')).toBe(false);
  });
});
