import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDueReminders } from '../../../src/casework/reminders/queue-due-reminders.ts';
import { defaultReminderSettings } from '../../../src/casework/reminders/reminder-settings.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';

const day = 86_400_000;
let harness: ConsoleHarness;
let unit: string;
let officer: TestOfficer;
let lead: TestOfficer;
let supervisor: TestOfficer;
let otherSupervisor: TestOfficer;

interface AlertCount {
  officer_id: string;
  report_id: string;
  kind: string;
  n: number;
}

const alertsFor = async (reportIds: string[]) =>
  (
    await harness.pool.query<AlertCount>(
      `SELECT officer_id, report_id, kind, count(*)::int AS n FROM officer_alert
        WHERE report_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
      [reportIds],
    )
  ).rows;
const kindsOf = (rows: AlertCount[], officerId: string, reportId: string) =>
  rows
    .filter((r) => r.officer_id === officerId && r.report_id === reportId)
    .map((r) => r.kind)
    .sort();
/** A round as the worker's alert loop runs it, at `at`. */
const round = (at: Date) => queueDueReminders(harness.pool, defaultReminderSettings, at);
const resetRounds = () => harness.pool.query("DELETE FROM alert_round WHERE name = 'reminders'");

beforeAll(async () => {
  harness = await startConsoleHarness();
  const [probe = ''] = await harness.seedReports(1);
  const found = await harness.pool.query<{ unit_id: string; parent_id: string }>(
    'SELECT r.unit_id, u.parent_id FROM report r JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
    [probe],
  );
  unit = found.rows[0]?.unit_id ?? '';
  const province = found.rows[0]?.parent_id ?? '';
  officer = await harness.enrol({ username: 'remind.officer', role: 'officer', unitId: unit });
  lead = await harness.enrol({ username: 'remind.lead', role: 'unit_lead', unitId: unit });
  supervisor = await harness.enrol({ username: 'remind.super', role: 'supervisor', unitId: province });
  const elsewhere = await harness.pool.query<{ id: string }>(
    "SELECT id FROM police_unit WHERE level = 'province' AND id <> $1 ORDER BY id LIMIT 1",
    [province],
  );
  otherSupervisor = await harness.enrol({
    username: 'remind.super.b',
    role: 'supervisor',
    unitId: elsewhere.rows[0]?.id ?? null,
  });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('reminders, warnings and escalations of the legal limits', () => {
  it('D2: every report 3 days before its decide limit warns the unit lead, and every breach escalates to the supervisor', {
    timeout: 60_000,
  }, async () => {
    await resetRounds();
    const start = new Date();
    const ids = await harness.seedReports(40, undefined, start);
    // Spread the limits over two weeks, as reports arrive on different days.
    await harness.pool.query(
      `UPDATE report SET classified_at = submitted_at + interval '1 hour', status = 'accepted',
              accepted_at = submitted_at + interval '2 hours', decision_limit = 'decide', decision_due_at = $2::timestamptz + (interval '1 hour' * (20 * 24 + (abs(hashtext(id::text)) % 336)))
        WHERE id = ANY($1::uuid[])`,
      [ids, start],
    );
    const { rows: limits } = await harness.pool.query<{ id: string; decision_due_at: Date }>(
      'SELECT id, decision_due_at FROM report WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const latest = Math.max(...limits.map((l) => l.decision_due_at.getTime()));
    // Rounds every six hours up to the last warning point, then past the last limit.
    for (let at = start.getTime() + 6 * 3600_000; at <= latest - 3 * day; at += 6 * 3600_000)
      await round(new Date(at));
    const warned = latest - 3 * day + 60_000;
    await round(new Date(warned));
    let alerts = await alertsFor(ids);
    for (const report of limits) {
      expect(kindsOf(alerts, lead.id, report.id)).toContain('warning:decide');
      // The handlers (no assignee: the unit's officers and leads) got the shares and the extension reminder.
      expect(kindsOf(alerts, officer.id, report.id)).toEqual(
        expect.arrayContaining(['reminder:decide:50', 'reminder:decide:80', 'reminder:decide:extension']),
      );
      const breached = report.decision_due_at.getTime() <= warned;
      expect(kindsOf(alerts, supervisor.id, report.id)).toEqual(breached ? ['escalation:decide'] : []);
    }
    await round(new Date(latest + 60_000));
    alerts = await alertsFor(ids);
    for (const report of limits) {
      expect(kindsOf(alerts, supervisor.id, report.id)).toEqual(['escalation:decide']);
      expect(kindsOf(alerts, otherSupervisor.id, report.id)).toEqual([]);
      expect(kindsOf(alerts, officer.id, report.id)).toContain('reminder:decide:soon');
    }
    expect(alerts.every((a) => a.n === 1)).toBe(true);
  });

  it('loses none while the worker is down and sends none twice, from the database alone', async () => {
    await resetRounds();
    const start = new Date();
    const [id = ''] = await harness.seedReports(1, undefined, start);
    await harness.pool.query(`UPDATE report SET classify_due_at = $2, decision_due_at = NULL WHERE id = $1`, [
      id,
      new Date(start.getTime() + 10 * 3600_000),
    ]);
    await round(new Date(start.getTime() + 3600_000));
    expect(await alertsFor([id])).toEqual([]);
    // Down from +1 h to +12 h: the next round raises everything that fell meanwhile, once.
    await round(new Date(start.getTime() + 12 * 3600_000));
    const after = await alertsFor([id]);
    expect(kindsOf(after, officer.id, id)).toEqual([
      'reminder:classify:50',
      'reminder:classify:80',
      'reminder:classify:soon',
    ]);
    expect(kindsOf(after, lead.id, id)).toEqual([
      'reminder:classify:50',
      'reminder:classify:80',
      'reminder:classify:soon',
      'warning:classify',
    ]);
    expect(kindsOf(after, supervisor.id, id)).toEqual(['escalation:classify']);
    // A round repeated, and a round from scratch after the round marker was lost: nothing twice.
    await round(new Date(start.getTime() + 12 * 3600_000));
    await resetRounds();
    await round(new Date(start.getTime() + 13 * 3600_000));
    expect((await alertsFor([id])).every((a) => a.n === 1)).toBe(true);
    expect((await alertsFor([id])).length).toBe(after.length);
  });

  it('stops the decide clock while suspended and counts the resumed limit from the resumption', async () => {
    await resetRounds();
    const start = new Date();
    const [id = ''] = await harness.seedReports(1, undefined, start);
    await harness.pool.query(
      `UPDATE report SET classified_at = submitted_at, status = 'suspended', suspended_at = submitted_at,
              accepted_at = submitted_at, decision_due_at = NULL WHERE id = $1`,
      [id],
    );
    await round(new Date(start.getTime() + 40 * day));
    expect((await alertsFor([id])).filter((a) => a.kind.includes(':decide'))).toEqual([]);
    const resumedAt = new Date(start.getTime() + 40 * day);
    await harness.pool.query(
      `UPDATE report SET status = 'resumed', resumed_at = $2, decision_limit = 'resumed_decide', decision_due_at = $3
        WHERE id = $1`,
      [id, resumedAt, new Date(resumedAt.getTime() + 30 * day)],
    );
    await round(new Date(resumedAt.getTime() + 14 * day));
    expect(kindsOf(await alertsFor([id]), officer.id, id).filter((k) => k.includes(':decide'))).toEqual([]);
    await round(new Date(resumedAt.getTime() + 16 * day));
    // Half of the resumed month; no extension reminder for a resumed limit.
    expect(kindsOf(await alertsFor([id]), officer.id, id).filter((k) => k.includes(':decide'))).toEqual([
      'reminder:decide:50',
    ]);
  });

  it('go to the assignee alone once a report is taken, and to nobody deactivated', async () => {
    await resetRounds();
    const start = new Date();
    const [id = ''] = await harness.seedReports(1, undefined, start);
    await harness.pool.query(
      `UPDATE report SET assignee_id = $2, decision_due_at = NULL, classify_due_at = $3 WHERE id = $1`,
      [id, officer.id, new Date(start.getTime() + day)],
    );
    await round(new Date(start.getTime() + 13 * 3600_000));
    const alerts = await alertsFor([id]);
    expect(kindsOf(alerts, officer.id, id)).toEqual(['reminder:classify:50']);
    expect(kindsOf(alerts, lead.id, id)).toEqual([]);
  });
});
