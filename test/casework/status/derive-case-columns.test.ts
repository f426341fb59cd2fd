import { describe, expect, it } from 'vitest';
import { type CasePlan, type CaseRefusal, isCaseRefusal } from '../../../src/casework/status/case-plan.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
import { context, endOf, reportIn, traffickingReportIn, unitLead, validActions } from './case-examples.ts';

// Every due instant below was worked out by hand from BLTTHS Art. 134 and
// src/triage/deadlines/public-holidays.json, weekdays checked with `date`, as in
// test/triage/deadlines/compute-deadline.test.ts: hours run from the instant and are never moved;
// days count from the day after the start day; months end on the same date of the later month
// (its last day when shorter); a day or month limit ending on a day off moves to the next
// working day; a limit ends at 24:00 (23:59:59.999 +07:00) of its last day.

const at = (local: string) => new Date(`${local}+07:00`);
const plan = (report: CaseSnapshot, action: unknown, now: Date): CasePlan | CaseRefusal =>
  planCaseAction(report, action, unitLead, now, context);
const planned = (result: CasePlan | CaseRefusal): CasePlan => {
  if (isCaseRefusal(result)) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
};
const now = at('2026-03-20T09:00:00');

describe('deadlines after each transition', () => {
  describe('accept: 20 days from receipt (rule decide)', () => {
    it.each([
      // Received Tue 10 Mar: day 1 is 11 Mar, day 20 is Mon 30 Mar, a working day.
      { why: 'ending on a working day', receipt: '2026-03-10T10:00:00', due: '2026-03-30' },
      // Received Fri 10 Apr: day 20 is Thu 30 Apr (holiday), Fri 1 May (holiday), then the weekend: Mon 4 May.
      {
        why: 'ending on 30/4, moved past 1/5 and the weekend',
        receipt: '2026-04-10T10:00:00',
        due: '2026-05-04',
      },
    ])('counts the limit triage could not count, $why', ({ receipt, due }) => {
      const report = reportIn('classified', { submittedAt: at(receipt), decisionDueAt: null });
      const result = planned(plan(report, validActions.accept, now));
      expect(result.columns).toEqual({
        status: 'accepted',
        acceptedAt: now,
        decisionDueAt: endOf(due),
        decisionLimit: 'decide',
      });
      expect(result.event.deadlines).toEqual([
        { column: 'decisionDueAt', ruleId: 'decide', dueAt: endOf(due) },
      ]);
    });

    it('keeps the limit triage counted and names its rule', () => {
      const result = planned(plan(reportIn('classified'), validActions.accept, now));
      expect(result.columns).toEqual({ status: 'accepted', acceptedAt: now, decisionLimit: 'decide' });
      expect(result.event.deadlines).toEqual([]);
    });

    it('leaves a limit in a year the holiday list lacks pending, and still accepts', () => {
      // Received 20 Dec 2028: day 20 is 9 Jan 2029, a year the list does not cover.
      const report = reportIn('classified', { submittedAt: at('2028-12-20T10:00:00'), decisionDueAt: null });
      const result = planned(plan(report, validActions.accept, now));
      expect(result.columns).toEqual({ status: 'accepted', acceptedAt: now, decisionLimit: 'decide' });
    });
  });

  describe('extend: 2 months from receipt (rule decide_extended)', () => {
    it.each([
      // 31 Jan 2026 (a Saturday: chats arrive any day) + 2 months = 31 Mar, a Tuesday.
      { why: 'from a 31 January receipt', receipt: '2026-01-31T21:00:00', due: '2026-03-31' },
      // 26 Feb + 2 months = Sun 26 Apr (Hùng Kings), Mon 27 Apr its compensatory day: Tue 28 Apr.
      { why: 'ending on a day off', receipt: '2026-02-26T10:00:00', due: '2026-04-28' },
      // 30 Dec 2025 + 2 months = 30 Feb, so 28 Feb 2026 (a Saturday), then Sunday: Mon 2 Mar.
      {
        why: 'cut to the end of February, then moved off the weekend',
        receipt: '2025-12-30T10:00:00',
        due: '2026-03-02',
      },
    ])('$why', ({ receipt, due }) => {
      const report = reportIn('verifying', { submittedAt: at(receipt) });
      const result = planned(plan(report, validActions.extend, now));
      expect(result.columns).toEqual({
        status: 'extended',
        decisionDueAt: endOf(due),
        decisionLimit: 'decide_extended',
      });
      expect(result.extension).toEqual({
        byVks: false,
        reason: 'Phải xác minh ở nhiều nơi',
        newDueAt: endOf(due),
      });
    });

    it('refuses when the new limit runs into a year the holiday list lacks', () => {
      // 20 Nov 2028 + 2 months = 20 Jan 2029.
      const report = reportIn('accepted', { submittedAt: at('2028-11-20T10:00:00') });
      expect(plan(report, validActions.extend, now)).toMatchObject({ refused: 'calendar_not_covered' });
    });
  });

  describe('vks_extend: months more from the end of the limit being extended (rule vks_extension)', () => {
    it.each([
      // Extended limit ends 24:00 Tue 28 Apr; + 2 months = Sun 28 Jun: Mon 29 Jun.
      { previous: '2026-04-28', months: 2 as const, due: '2026-06-29' },
      // + 1 month = Thu 28 May, a working day.
      { previous: '2026-04-28', months: 1 as const, due: '2026-05-28' },
      // Extended limit ends Tue 31 Mar; + 2 months = Sun 31 May: Mon 1 Jun.
      { previous: '2026-03-31', months: 2 as const, due: '2026-06-01' },
    ])('$months month(s) from an extended limit ending $previous', ({ previous, months, due }) => {
      const report = reportIn('extended', { decisionDueAt: endOf(previous) });
      const action = { ...validActions.vks_extend, months };
      const result = planned(plan(report, action, now));
      expect(result.columns).toEqual({
        status: 'extended_by_vks',
        decisionDueAt: endOf(due),
        decisionLimit: 'vks_extension',
        vksExtended: true,
      });
      expect(result.extension).toEqual({
        byVks: true,
        reason: 'Chờ giám định',
        reference: '12/QĐ-VKS',
        newDueAt: endOf(due),
      });
    });

    it('refuses while the limit to extend is not counted', () => {
      const report = reportIn('verifying', { decisionDueAt: null });
      expect(plan(report, validActions.vks_extend, now)).toMatchObject({ refused: 'calendar_not_covered' });
    });
  });

  describe('decide: the decision limit is met, the procuracy notice due in 24 h', () => {
    // Decided Fri 13 Mar 18:00: notice due Sat 14 Mar 18:00, an hour limit, not moved off the weekend.
    const decidedAt = at('2026-03-13T18:00:00');
    const noticeDue = at('2026-03-14T18:00:00');
    it.each([
      {
        decision: 'prosecute',
        reasons: undefined,
        notice: 'notify_prosecution_decision',
        status: 'decided_prosecute',
      },
      {
        decision: 'no_prosecute',
        reasons: 'Không có sự việc',
        notice: 'notify_no_prosecution',
        status: 'decided_no_prosecute',
      },
      {
        decision: 'administrative',
        reasons: 'Xử phạt hành chính',
        notice: 'notify_no_prosecution',
        status: 'decided_administrative',
      },
    ])('$decision: $notice', ({ decision, reasons, notice, status }) => {
      const action = { type: 'decide', decision, legalGround: 'Điều 147', ...(reasons ? { reasons } : {}) };
      const result = planned(plan(reportIn('extended'), action, decidedAt));
      expect(result.columns).toEqual({
        status,
        decidedAt,
        decisionGround: 'Điều 147',
        decisionReasons: reasons ?? null,
        decisionDueAt: null,
        decisionLimit: null,
        noticeKind: notice,
        noticeDueAt: noticeDue,
      });
      expect(result.event.deadlines).toEqual([
        { column: 'decisionDueAt', ruleId: null, dueAt: null },
        { column: 'noticeDueAt', ruleId: notice, dueAt: noticeDue },
      ]);
    });

    it('suspend: stops the clock, the suspension notice due in 24 h', () => {
      const action = { type: 'decide', decision: 'suspend', legalGround: 'Điều 148 khoản 1' };
      const result = planned(plan(reportIn('verifying'), action, decidedAt));
      expect(result.columns).toEqual({
        status: 'suspended',
        suspendedAt: decidedAt,
        decisionGround: 'Điều 148 khoản 1',
        decisionReasons: null,
        decisionDueAt: null,
        decisionLimit: null,
        noticeKind: 'notify_suspension',
        noticeDueAt: noticeDue,
      });
    });
  });

  describe('resume: 1 month to decide, the notice in 3 days (rules resumed_decide, notify_resumption)', () => {
    it.each([
      // Mon 30 Mar + 1 month = Thu 30 Apr (holiday), Fri 1 May (holiday), weekend: Mon 4 May.
      // Notice: day 3 after 30 Mar is Thu 2 Apr.
      { resumed: '2026-03-30T15:00:00', due: '2026-05-04', notice: '2026-04-02' },
      // Sat 31 Jan + 1 month = 28 Feb (a Saturday): Mon 2 Mar. Notice: Tue 3 Feb.
      { resumed: '2026-01-31T09:00:00', due: '2026-03-02', notice: '2026-02-03' },
      // Wed 11 Feb + 1 month = Wed 11 Mar. Notice: day 3 is Sat 14 Feb, in the Tết break to
      // Sun 22 Feb: Mon 23 Feb.
      { resumed: '2026-02-11T09:00:00', due: '2026-03-11', notice: '2026-02-23' },
    ])('resumed $resumed', ({ resumed, due, notice }) => {
      const result = planned(plan(reportIn('suspended'), validActions.resume, at(resumed)));
      expect(result.columns).toEqual({
        status: 'resumed',
        resumedAt: at(resumed),
        decisionDueAt: endOf(due),
        decisionLimit: 'resumed_decide',
        noticeKind: 'notify_resumption',
        noticeDueAt: endOf(notice),
      });
    });

    it('refuses when the month runs into a year the holiday list lacks', () => {
      // Fri 15 Dec 2028 + 1 month = 15 Jan 2029.
      expect(plan(reportIn('suspended'), validActions.resume, at('2028-12-15T09:00:00'))).toMatchObject({
        refused: 'calendar_not_covered',
      });
    });
  });

  describe('classification outside the body’s own resolution clears the decision limit', () => {
    it.each([
      {
        outcome: 'not_in_competence',
        receivingBody: 'Cơ quan điều tra quân sự',
        reason: 'Quân nhân',
        extra: { transferredAt: now, transferredTo: 'Cơ quan điều tra quân sự' },
      },
      { outcome: 'not_criminal', reason: 'Vi phạm hành chính', extra: {} },
      { outcome: 'duplicate', duplicateOf: 'TB-2026-000017', extra: { closedAt: now } },
      { outcome: 'knowingly_false', reason: 'Bịa đặt', extra: { closedAt: now } },
    ])('$outcome', ({ extra, ...fields }) => {
      const result = planned(plan(reportIn('submitted'), { type: 'classify', ...fields }, now));
      expect(result.columns).toMatchObject({
        classifiedAt: now,
        classification: fields.outcome,
        decisionDueAt: null,
        decisionLimit: null,
        ...extra,
      });
      expect(result.event.deadlines).toEqual([{ column: 'decisionDueAt', ruleId: null, dueAt: null }]);
    });

    it('in competence keeps the limit running', () => {
      const result = planned(plan(reportIn('submitted'), validActions.classify, now));
      expect(result.columns).toEqual({
        status: 'classified',
        classifiedAt: now,
        classification: 'in_competence',
      });
    });
  });

  describe('the victim track stamps each step; verification meets the 3-day limit', () => {
    it.each([
      {
        action: validActions.verify_victim,
        track: 'victim_verification' as const,
        columns: { victimVerificationOutcome: 'victim' },
      },
      {
        action: validActions.refer_support,
        track: 'victim_verification' as const,
        columns: { victimTrackStatus: 'support_referred', supportReferredAt: now },
      },
      {
        action: validActions.request_protection,
        track: 'support_referred' as const,
        columns: { victimTrackStatus: 'protection_requested', protectionRequestedAt: now },
      },
      {
        action: validActions.decide_protection,
        track: 'protection_requested' as const,
        columns: { victimTrackStatus: 'protection_decided', protectionDecidedAt: now },
      },
    ])('$action.type', ({ action, track, columns }) => {
      const result = planned(plan(traffickingReportIn('verifying', track), action, now));
      expect(result.columns).toEqual(columns);
      expect(result.event.deadlines).toEqual([]);
    });
  });
});
