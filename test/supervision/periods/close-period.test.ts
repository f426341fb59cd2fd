import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { rateFigures } from '../../../src/supervision/figures/rate-figures.ts';
import { readFigures } from '../../../src/supervision/figures/read-figures.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';

let harness: ConsoleHarness;
let province: string;
let supervisor: TestOfficer;
let lead: TestOfficer;
let elsewhere: TestOfficer;
let reports: string[];
const november = monthPeriod(2026, 11);

beforeAll(async () => {
  harness = await startConsoleHarness();
  reports = await harness.seedReports(6, undefined, new Date('2026-11-10T03:00:00Z'));
  const found = await harness.pool.query<{ unit_id: string; parent_id: string }>(
    'SELECT r.unit_id, u.parent_id FROM report r JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
    [reports[0]],
  );
  const unit = found.rows[0]?.unit_id ?? '';
  province = found.rows[0]?.parent_id ?? '';
  // Four accepted in November, two of them decided in it.
  await harness.pool.query(
    `UPDATE report SET classified_at = submitted_at + interval '2 hours', accepted_at = submitted_at + interval '3 hours',
            status = 'accepted' WHERE id = ANY($1::uuid[])`,
    [reports.slice(0, 4)],
  );
  await harness.pool.query(
    `UPDATE report SET decided_at = submitted_at + interval '5 days', status = 'decided_prosecute' WHERE id = ANY($1::uuid[])`,
    [reports.slice(0, 2)],
  );
  supervisor = await harness.enrol({ username: 'period.super', role: 'supervisor', unitId: province });
  lead = await harness.enrol({ username: 'period.lead', role: 'unit_lead', unitId: unit });
  const other = await harness.pool.query<{ id: string }>(
    "SELECT id FROM police_unit WHERE level = 'province' AND id <> $1 ORDER BY id LIMIT 1",
    [province],
  );
  elsewhere = await harness.enrol({
    username: 'period.elsewhere',
    role: 'supervisor',
    unitId: other.rows[0]?.id ?? null,
  });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const close = async (who: TestOfficer, fields: Record<string, string>) => {
  const client = await harness.login(who);
  await client.get('/console/periods');
  return client.post('/console/periods/close', fields);
};

describe('closing a period', () => {
  it('freezes its figures with who closed it, when, and the hash of every list, as an auditor recomputes it', async () => {
    const answer = await close(supervisor, { unit: province, kind: 'month', year: '2026', number: '11' });
    expect(answer.status).toBe(303);
    const { rows } = await harness.pool.query<{
      id: string;
      closed_by: string;
      figures: { rates: Record<string, { numerator: number; denominator: number }> };
      list_hashes: Record<string, { count: number; sha256: string }>;
    }>('SELECT id::text, closed_by, figures, list_hashes FROM period_snapshot WHERE unit_id = $1', [
      province,
    ]);
    const snapshot = rows[0];
    expect(snapshot?.closed_by).toBe(supervisor.id);
    const scope = await unitFigureScope(harness.pool, province, november);
    const live = await readFigures(harness.pool, scope);
    expect(snapshot?.figures.rates.resolution_rate).toEqual({ ...live.rates.resolution_rate });
    expect(snapshot?.figures.rates.resolution_rate).toMatchObject({ numerator: 2, denominator: 4 });
    // The denominator's hash: SHA-256 of its ids in order, one per line.
    const ids = (
      await harness.pool.query<{ id: string }>(
        `WITH bound AS (SELECT 1) SELECT id::text FROM (${rateFigures.resolution_rate.denominator}) l ORDER BY id`,
        [scope.units, scope.from, scope.to, null, null, null],
      )
    ).rows.map((r) => r.id);
    const expected = createHash('sha256')
      .update(ids.map((id) => `${id}\n`).join(''))
      .digest('hex');
    expect(snapshot?.list_hashes['resolution_rate:denominator']).toEqual({ count: 4, sha256: expected });
    const page = await (await harness.login(supervisor)).get(`/console/periods/${snapshot?.id}`);
    expect(page.body).toContain(expected);
    expect(page.body).toContain('Không có thay đổi nào sau khi khoá sổ.');
  });

  it('closes once, only after the period ended, only by a supervisor of the unit', async () => {
    expect(
      (await close(supervisor, { unit: province, kind: 'month', year: '2026', number: '11' })).status,
    ).toBe(409);
    expect((await close(supervisor, { unit: province, kind: 'year', year: '2026' })).status).toBe(409);
    expect((await close(lead, { unit: province, kind: 'month', year: '2026', number: '10' })).status).toBe(
      403,
    );
    expect(
      (await close(elsewhere, { unit: province, kind: 'month', year: '2026', number: '10' })).status,
    ).toBe(404);
    expect(
      (await close(supervisor, { unit: province, kind: 'month', year: '2026', number: '13' })).status,
    ).toBe(422);
  });

  it('is never changed in the database: later changes show as corrections', async () => {
    await expect(harness.pool.query("UPDATE period_snapshot SET hash = 'x'")).rejects.toThrow(/frozen/);
    await expect(harness.pool.query('DELETE FROM period_snapshot')).rejects.toThrow(/frozen/);
    // A third report is decided in November after the closing (a late entry).
    await harness.pool.query(
      `UPDATE report SET decided_at = submitted_at + interval '6 days', status = 'decided_no_prosecute' WHERE id = $1`,
      [reports[2]],
    );
    await harness.pool.query(
      `INSERT INTO report_event (report_id, kind, from_status, to_status, actor, at)
       VALUES ($1, 'decide', 'accepted', 'decided_no_prosecute', 'system', now())`,
      [reports[2]],
    );
    const { rows } = await harness.pool.query<{
      id: string;
      figures: { rates: Record<string, { numerator: number }> };
    }>('SELECT id::text, figures FROM period_snapshot WHERE unit_id = $1', [province]);
    expect(rows[0]?.figures.rates.resolution_rate?.numerator).toBe(2);
    const register = (
      await harness.pool.query<{ register_number: string }>(
        'SELECT register_number FROM report WHERE id = $1',
        [reports[2]],
      )
    ).rows[0]?.register_number;
    // A commune lead does not read the province's snapshot (404); its supervisor does.
    expect((await (await harness.login(lead)).get(`/console/periods/${rows[0]?.id}`)).status).toBe(404);
    const page = await (await harness.login(supervisor)).get(`/console/periods/${rows[0]?.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('resolution_rate:numerator 2 → 3');
    expect(page.body).toContain(register ?? '?');
  });
});
