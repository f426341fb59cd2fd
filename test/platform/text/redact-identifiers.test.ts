import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../../src/platform/text/redact-identifiers.ts';

describe('redactIdentifiers', () => {
  it.each([
    ['user 2468458835296117922 not found', 'user <number> not found'],
    ['Bad Request: chat 123456789 blocked', 'Bad Request: chat <number> blocked'],
    ['phone +84 912 345 678 invalid', 'phone <number> invalid'],
    ['see https://openapi.zalo.me/v3.0/oa/message?user_id=1 for details', 'see <link> for details'],
    ['mail a.b@example.vn', 'mail <email>'],
  ])('takes identifiers out of %j', (text, expected) => {
    expect(redactIdentifiers(text)).toBe(expected);
  });

  it('keeps error codes, short numbers and ordinary words', () => {
    expect(redactIdentifiers('429 Too Many Requests: retry after 30')).toBe(
      '429 Too Many Requests: retry after 30',
    );
    expect(redactIdentifiers('-216 Access token is invalid')).toBe('-216 Access token is invalid');
  });
});
