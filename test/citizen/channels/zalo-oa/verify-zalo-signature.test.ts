import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  verifyZaloSignature,
  zaloSignature,
} from '../../../../src/citizen/channels/zalo-oa/verify-zalo-signature.ts';

const keys = { appId: '430', oaSecretKey: 'oa-secret-key' };
const raw = Buffer.from('{"app_id":"430","event_name":"user_send_text","timestamp":"1595474538033"}');
// Computed independently: sha256 over the plain concatenation of the four parts.
const expected = createHash('sha256').update(`430${raw.toString()}1595474538033oa-secret-key`).digest('hex');

describe('verifyZaloSignature', () => {
  it('computes SHA-256 of app id, raw body, timestamp and OA secret key', () => {
    expect(zaloSignature('430', raw, '1595474538033', 'oa-secret-key')).toBe(expected);
  });

  it.each([
    ['the right mac', `mac=${expected}`, true],
    ['the right mac in capitals', `mac=${expected.toUpperCase()}`, true],
    ['no header', undefined, false],
    ['a bare hex without mac=', expected, false],
    ['a truncated mac', `mac=${expected.slice(0, 63)}`, false],
    ['another mac', `mac=${'a'.repeat(64)}`, false],
  ])('%s → %s', (_what, header, ok) => {
    expect(verifyZaloSignature(header, raw, keys)).toBe(ok);
  });

  it('refuses a body that is not JSON or lacks a timestamp', () => {
    expect(verifyZaloSignature(`mac=${expected}`, Buffer.from('not json'), keys)).toBe(false);
    const noStamp = Buffer.from('{"app_id":"430"}');
    expect(
      verifyZaloSignature(`mac=${zaloSignature('430', noStamp, '', 'oa-secret-key')}`, noStamp, keys),
    ).toBe(false);
  });
});
