import { describe, expect, it } from 'vitest';
import { consumeTotpStep } from '../../../src/casework/accounts/consume-totp-step.ts';
import { useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

async function lastStep(officerId: string): Promise<string | null> {
  const { rows } = await fixture.pool.query<{ step: string | null }>(
    'SELECT totp_last_step AS step FROM officer WHERE id = $1',
    [officerId],
  );
  return rows[0]?.step ?? null;
}

describe('consumeTotpStep', () => {
  it('uses a step once, and refuses it and every earlier step afterwards', async () => {
    const { officerId } = await fixture.enrol();
    const step = Math.floor(fixture.now().getTime() / 30_000) + 10;
    expect(await consumeTotpStep(fixture.pool, officerId, step)).toBe(true);
    expect(await lastStep(officerId)).toBe(String(step));
    expect(await consumeTotpStep(fixture.pool, officerId, step)).toBe(false);
    expect(await consumeTotpStep(fixture.pool, officerId, step - 1)).toBe(false);
    expect(await consumeTotpStep(fixture.pool, officerId, step + 1)).toBe(true);
    expect(await lastStep(officerId)).toBe(String(step + 1));
  });

  it('lets exactly one of many concurrent uses of one step win', async () => {
    const { officerId } = await fixture.enrol();
    const step = Math.floor(fixture.now().getTime() / 30_000) + 20;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => consumeTotpStep(fixture.pool, officerId, step)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await lastStep(officerId)).toBe(String(step));
  });
});
