import type { CaseAction } from '../../../src/casework/status/case-action-schemas.ts';
import type { CaseActor } from '../../../src/casework/status/case-actor.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import type { CaseContext } from '../../../src/casework/status/count-rule-deadline.ts';
import type { ReportStatus } from '../../../src/platform/database/generated/prisma/enums.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';

/** The shipped rules and holiday list: the tests count with what production counts with. */
export const context: CaseContext = {
  calendar: createVietnamCalendar(loadPublicHolidays()),
  rules: loadDeadlineRules(),
};

export const unitId = 'unit-79-26734';
export const officerId = '0b9c4f7e-1d2a-4c3b-8e5f-6a7b8c9d0e1f';
export const otherOfficerId = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

export const officer: CaseActor = { officerId, role: 'officer', unitId };
export const unitLead: CaseActor = {
  officerId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  role: 'unit_lead',
  unitId,
};
export const supervisor: CaseActor = { ...unitLead, role: 'supervisor' };
export const admin: CaseActor = { ...unitLead, role: 'admin', unitId: null };

/** 24:00 of a local day, as the system represents it. */
export const endOf = (date: string): Date => new Date(`${date}T23:59:59.999+07:00`);

/** A crime tip received Tue 10 Mar 2026, as it stands in `status` with the limits its steps left. */
export function reportIn(status: ReportStatus, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const base: CaseSnapshot = {
    id: '3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8',
    kind: 'crime_tip',
    status,
    victimTrackStatus: 'none',
    unitId,
    assigneeId: null,
    submittedAt: new Date('2026-03-10T10:00:00+07:00'),
    decisionDueAt: null,
    decisionLimit: null,
    vksExtended: false,
    victimVerificationDueAt: null,
    victimVerificationOutcome: null,
  };
  return { ...base, ...limitsIn(status), ...overrides };
}

/** The decision limit each status carries (dates from the 10 Mar 2026 receipt, by hand). */
function limitsIn(status: ReportStatus): Partial<CaseSnapshot> {
  switch (status) {
    case 'submitted':
    case 'classified':
      // Counted by triage at receipt; no rule governs it until acceptance.
      return { decisionDueAt: endOf('2026-03-30') };
    case 'accepted':
    case 'verifying':
      return { decisionDueAt: endOf('2026-03-30'), decisionLimit: 'decide' };
    case 'extended':
      // 10 Mar + 2 months = 10 May 2026, a Sunday: Monday 11 May.
      return { decisionDueAt: endOf('2026-05-11'), decisionLimit: 'decide_extended' };
    case 'extended_by_vks':
      // 11 May + 2 months = 11 Jul 2026, a Saturday: Monday 13 Jul.
      return { decisionDueAt: endOf('2026-07-13'), decisionLimit: 'vks_extension', vksExtended: true };
    case 'resumed':
      return { decisionDueAt: endOf('2026-06-15'), decisionLimit: 'resumed_decide' };
    default:
      // Decided, suspended, transferred, closed: no decision limit runs.
      return {};
  }
}

/** A trafficking report in `status` whose victim track stands at `track`. */
export function traffickingReportIn(
  status: ReportStatus,
  track: CaseSnapshot['victimTrackStatus'],
  overrides: Partial<CaseSnapshot> = {},
): CaseSnapshot {
  return reportIn(status, {
    kind: 'trafficking',
    victimTrackStatus: track,
    // 3 days from Tue 10 Mar 2026: Fri 13 Mar.
    victimVerificationDueAt: endOf('2026-03-13'),
    ...overrides,
  });
}

/** One valid request of each action type (classify and decide: their first outcome). */
export const validActions: Record<CaseAction['type'], CaseAction> = {
  assign: { type: 'assign', assigneeId: otherOfficerId },
  classify: { type: 'classify', outcome: 'in_competence' },
  accept: { type: 'accept' },
  verify: { type: 'verify', note: 'Gặp người báo tin' },
  extend: { type: 'extend', reason: 'Phải xác minh ở nhiều nơi' },
  vks_extend: { type: 'vks_extend', vksDecisionRef: '12/QĐ-VKS', months: 2, reason: 'Chờ giám định' },
  decide: { type: 'decide', decision: 'prosecute', legalGround: 'Điều 143 BLTTHS' },
  resume: { type: 'resume', reason: 'Đã có kết quả giám định' },
  close: { type: 'close' },
  verify_victim: { type: 'verify_victim', outcome: 'victim' },
  refer_support: { type: 'refer_support', referredTo: 'Sở Y tế' },
  request_protection: { type: 'request_protection', measures: 'Bố trí nơi ở an toàn' },
  decide_protection: { type: 'decide_protection', granted: true, reference: '7/QĐ-BV' },
};
