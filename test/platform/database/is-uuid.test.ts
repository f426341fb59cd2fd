import { describe, expect, it } from 'vitest';
import { isUuid } from '../../../src/platform/database/is-uuid.ts';

describe('isUuid', () => {
  it('takes hyphenated uuids in either case', () => {
    expect(isUuid('0b9f6f4e-2c1a-4d3b-9e8f-7a6b5c4d3e2f')).toBe(true);
    expect(isUuid('0B9F6F4E-2C1A-4D3B-9E8F-7A6B5C4D3E2F')).toBe(true);
  });

  it('refuses anything else: no hyphens, braces, one digit short, trailing text, a register number', () => {
    for (const text of [
      '0b9f6f4e2c1a4d3b9e8f7a6b5c4d3e2f',
      '{0b9f6f4e-2c1a-4d3b-9e8f-7a6b5c4d3e2f}',
      '0b9f6f4e-2c1a-4d3b-9e8f-7a6b5c4d3e2',
      '0b9f6f4e-2c1a-4d3b-9e8f-7a6b5c4d3e2f\n',
      'TB-2026-000001',
      '1',
    ])
      expect(isUuid(text), text).toBe(false);
  });
});
