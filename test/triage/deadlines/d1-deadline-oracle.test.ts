import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCaseRefusal } from '../../../src/casework/status/case-plan.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
import { computeReportDeadlines } from '../../../src/triage/deadlines/compute-report-deadlines.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';

// ---- The oracle: Art. 134 written again from docs/legal-workflow.md, sharing no code with src/.
const hour = 3_600_000;
const vnOffset = 7 * hour;
const list = JSON.parse(
  readFileSync(new URL('../../../src/triage/deadlines/public-holidays.json', import.meta.url), 'utf8'),
) as { holidays: { date: string }[]; make_up_working_days: { date: string }[] };
const daysOff = new Set(list.holidays.map((h) => h.date));
const makeUpDays = new Set(list.make_up_working_days.map((d) => d.date));

type Ymd = [number, number, number];
const ymdOf = (instant: number): Ymd => {
  const local = new Date(instant + vnOffset);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
};
const key = ([y, m, d]: Ymd) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const shift = ([y, m, d]: Ymd, days: number): Ymd => ymdOf(Date.UTC(y, m - 1, d + days, 12) - vnOffset);
const isWorking = (day: Ymd): boolean => {
  const weekday = new Date(Date.UTC(day[0], day[1] - 1, day[2])).getUTCDay();
  if (makeUpDays.has(key(day))) return true;
  return weekday !== 0 && weekday !== 6 && !daysOff.has(key(day));
};
/** 24:00 (23:59:59.999) of a day in Viet Nam, as an instant. */
const endOf = ([y, m, d]: Ymd) => Date.UTC(y, m - 1, d, 23, 59, 59, 999) - vnOffset;
const firstWorkingFrom = (day: Ymd): Ymd => (isWorking(day) ? day : firstWorkingFrom(shift(day, 1)));
const oracle = {
  hours: (start: number, n: number) => start + n * hour,
  days: (start: number, n: number) => endOf(firstWorkingFrom(shift(ymdOf(start), n))),
  months: (start: number, n: number) => {
    const [y, m, d] = ymdOf(start);
    const monthIndex = m - 1 + n;
    const year = y + Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return endOf(firstWorkingFrom([year, month, Math.min(d, last)]));
  },
  workingDays: (start: number, n: number) => {
    let day = ymdOf(start);
    for (let counted = 0; counted < n; ) {
      day = shift(day, 1);
      if (isWorking(day)) counted += 1;
    }
    return endOf(day);
  },
};

// ---- Random times where counting goes wrong most easily: around midnight, month ends, Tết, weekends.
let seed = 20261207;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const localInstant = (y: number, m: number, d: number, minutes: number) =>
  Date.UTC(y, m - 1, d) - vnOffset + minutes * 60_000;
function randomInstant(): number {
  const y = pick([2026, 2027]);
  const minuteNearMidnight = () => pick([-30, -1, 0, 1, 30]) + 24 * 60 * pick([0, 1]) - 1;
  switch (pick(['midnight', 'month_end', 'tet', 'weekend', 'any'] as const)) {
    case 'midnight':
      return localInstant(
        y,
        1 + Math.floor(random() * 12),
        1 + Math.floor(random() * 28),
        minuteNearMidnight(),
      );
    case 'month_end': {
      const m = 1 + Math.floor(random() * 12);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return localInstant(y, m, last - Math.floor(random() * 3), Math.floor(random() * 1440));
    }
    case 'tet':
      return y === 2026
        ? localInstant(2026, 2, 12 + Math.floor(random() * 12), Math.floor(random() * 1440))
        : localInstant(2027, 2, 1 + Math.floor(random() * 12), Math.floor(random() * 1440));
    case 'weekend': {
      const base = localInstant(y, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 21), 0);
      const weekday = new Date(base + vnOffset).getUTCDay();
      return base + ((6 - weekday + 7) % 7) * 24 * hour + Math.floor(random() * 2 * 1440) * 60_000;
    }
    case 'any':
      return localInstant(y, 1, 1, Math.floor(random() * 364 * 1440));
  }
}
const later = (from: number, maxDays: number) => from + Math.floor(random() * maxDays * 1440 + 1) * 60_000;

const calendar = createVietnamCalendar(loadPublicHolidays());
const context = { calendar, rules: loadDeadlineRules() };
const lead = {
  officerId: '00000000-0000-4000-8000-000000000001',
  role: 'unit_lead',
  unitId: 'PROV-01',
} as const;
const iso = (t: number | Date | null | undefined) =>
  t === null || t === undefined ? null : new Date(t).toISOString();

describe('D1: deadlines of 1,000 reports at awkward times against an independent oracle of Art. 134 / 147', () => {
  it('equal the oracle at receipt and after every extension, suspension, resumption and decision', () => {
    const mismatches: string[] = [];
    const counted = { extended: 0, byVks: 0, suspended: 0, tet: 0 };
    const check = (what: string, got: Date | null | undefined, want: number) => {
      if (iso(got) !== iso(want)) mismatches.push(`${what}: ${iso(got)} ≠ oracle ${iso(want)}`);
    };
    for (let n = 0; n < 1000; n++) {
      const receipt = randomInstant();
      const kind = n % 5 === 0 ? 'trafficking' : 'crime_tip';
      const at = computeReportDeadlines({ submittedAt: new Date(receipt), kind }, context.rules, calendar);
      const label = `#${n} received ${iso(receipt)}`;
      if (daysOff.has(key(ymdOf(receipt))) && ymdOf(receipt)[1] <= 2) counted.tet += 1;
      check(`${label} classify`, at.classifyDueAt, oracle.hours(receipt, 24));
      check(`${label} receipt notice`, at.receiptNoticeDueAt, oracle.workingDays(receipt, 3));
      check(`${label} decide`, at.decisionDueAt, oracle.days(receipt, 20));
      if (kind === 'trafficking')
        check(`${label} victim verification`, at.victimVerificationDueAt, oracle.days(receipt, 3));

      let report: CaseSnapshot = {
        id: '00000000-0000-4000-8000-000000000002',
        kind,
        status: 'submitted',
        victimTrackStatus: kind === 'trafficking' ? 'victim_verification' : 'none',
        unitId: 'PROV-01',
        assigneeId: null,
        submittedAt: new Date(receipt),
        decisionDueAt: null,
        decisionLimit: null,
        vksExtended: false,
        victimVerificationDueAt: at.victimVerificationDueAt,
        victimVerificationOutcome: null,
      };
      let now = later(receipt, 1);
      const act = (action: Record<string, unknown>) => {
        const plan = planCaseAction(report, action, lead, new Date(now), context);
        if (isCaseRefusal(plan)) throw new Error(`${label} ${String(action.type)} refused: ${plan.refused}`);
        const c = plan.columns;
        report = {
          ...report,
          status: plan.toStatus,
          ...(c.decisionDueAt !== undefined ? { decisionDueAt: c.decisionDueAt } : {}),
          ...(c.decisionLimit !== undefined
            ? { decisionLimit: c.decisionLimit as CaseSnapshot['decisionLimit'] }
            : {}),
          ...(c.vksExtended !== undefined ? { vksExtended: c.vksExtended } : {}),
        };
        return c;
      };
      act({ type: 'classify', outcome: 'in_competence' });
      now = later(now, 1);
      check(
        `${label} decide after acceptance`,
        act({ type: 'accept' }).decisionDueAt,
        oracle.days(receipt, 20),
      );
      const ground = 'Điều 147 BLTTHS 2015';
      if (random() < 0.6) {
        now = later(now, 10);
        counted.extended += 1;
        const extended = act({ type: 'extend', reason: 'Vụ việc phức tạp, phải xác minh ở nhiều nơi' });
        check(`${label} extended`, extended.decisionDueAt, oracle.months(receipt, 2));
        if (random() < 0.5) {
          now = later(now, 20);
          counted.byVks += 1;
          const months = pick([1, 2] as const);
          const previous = report.decisionDueAt?.getTime() ?? 0;
          const byVks = act({
            type: 'vks_extend',
            vksDecisionRef: '12/QĐ-VKS',
            months,
            reason: 'Cần thêm thời gian xác minh',
          });
          check(`${label} VKS extension of ${months}`, byVks.decisionDueAt, oracle.months(previous, months));
        }
      }
      if (random() < 0.5) {
        now = later(now, 15);
        counted.suspended += 1;
        const suspended = act({
          type: 'decide',
          decision: 'suspend',
          legalGround: ground,
          reasons: 'Chưa xác định được người bị tố giác',
        });
        check(`${label} suspension notice`, suspended.noticeDueAt, oracle.hours(now, 24));
        if (suspended.decisionDueAt !== null) mismatches.push(`${label} suspension left the clock running`);
        now = later(now, 60);
        const resumed = act({ type: 'resume', reason: 'Đã xác định được người bị tố giác' });
        check(`${label} resumed decide`, resumed.decisionDueAt, oracle.months(now, 1));
        check(`${label} resumption notice`, resumed.noticeDueAt, oracle.days(now, 3));
      }
      now = later(now, 15);
      const decided = act({
        type: 'decide',
        decision: pick(['prosecute', 'no_prosecute'] as const),
        legalGround: ground,
        reasons: 'Có dấu hiệu tội phạm',
      });
      check(`${label} decision notice`, decided.noticeDueAt, oracle.hours(now, 24));
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Every path was walked often enough to mean something.
    expect(counted.extended).toBeGreaterThan(400);
    expect(counted.byVks).toBeGreaterThan(200);
    expect(counted.suspended).toBeGreaterThan(400);
    expect(counted.tet).toBeGreaterThan(50);
  });
});
