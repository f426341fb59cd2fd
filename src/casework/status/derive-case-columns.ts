import type { CaseAction, CaseActionOf } from './case-action-schemas.ts';
import type { CaseColumns, CaseDeadlineChange, CaseExtension, CaseRefusal, NoticeKind } from './case-plan.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { type CaseContext, countRuleDeadline, findDeadlineRule } from './count-rule-deadline.ts';

/** The columns an allowed action sets besides the statuses, the limits it changes, its extension row. */
export interface CaseEffect {
  columns: CaseColumns;
  deadlines: CaseDeadlineChange[];
  extension?: CaseExtension;
}

/**
 * The procuracy notice each decision makes due within 24 h. Administrative handling is a decision
 * not to prosecute that hands the file to the body that may fine (Art. 158): its notice is that
 * one, with the reasons to the reporter.
 */
const decisionNotice: Readonly<Record<CaseActionOf<'decide'>['decision'], NoticeKind>> = {
  prosecute: 'notify_prosecution_decision',
  no_prosecute: 'notify_no_prosecution',
  administrative: 'notify_no_prosecution',
  suspend: 'notify_suspension',
};

/**
 * What an action allowed on `report` writes, its limits counted from the rules (Art. 134): the
 * decision limit is set by acceptance, an extension or a resumption and cleared by a decision
 * (met, or stopped by a suspension) or by classification outside the body's own resolution.
 * Refused only when a limit it must set cannot be counted with the holiday list.
 */
export function deriveCaseColumns(
  report: CaseSnapshot,
  action: CaseAction,
  now: Date,
  context: CaseContext,
): CaseEffect | CaseRefusal {
  switch (action.type) {
    case 'assign':
      return { columns: { assigneeId: action.assigneeId }, deadlines: [] };
    case 'classify':
      return classify(report, action, now);
    case 'accept':
      return accept(report, now, context);
    case 'verify':
      return { columns: { verifyingAt: now }, deadlines: [] };
    case 'extend': {
      const due = countRuleDeadline('decide_extended', report.submittedAt, context);
      if ('uncoveredDate' in due) return notCovered(due.uncoveredDate);
      return {
        columns: { decisionDueAt: due.dueAt, decisionLimit: 'decide_extended' },
        deadlines: [{ column: 'decisionDueAt', ruleId: 'decide_extended', dueAt: due.dueAt }],
        extension: { byVks: false, reason: action.reason, newDueAt: due.dueAt },
      };
    }
    case 'vks_extend':
      return vksExtend(report, action, context);
    case 'decide': {
      const kind = decisionNotice[action.decision];
      const notice = countRuleDeadline(kind, now, context);
      if ('uncoveredDate' in notice) return notCovered(notice.uncoveredDate);
      const when = action.decision === 'suspend' ? { suspendedAt: now } : { decidedAt: now };
      return {
        columns: {
          ...when,
          decisionGround: action.legalGround,
          decisionReasons: action.reasons ?? null,
          decisionDueAt: null,
          decisionLimit: null,
          noticeKind: kind,
          noticeDueAt: notice.dueAt,
        },
        deadlines: [
          ...clearedDecisionLimit(report),
          { column: 'noticeDueAt', ruleId: kind, dueAt: notice.dueAt },
        ],
      };
    }
    case 'resume': {
      const due = countRuleDeadline('resumed_decide', now, context);
      if ('uncoveredDate' in due) return notCovered(due.uncoveredDate);
      const notice = countRuleDeadline('notify_resumption', now, context);
      if ('uncoveredDate' in notice) return notCovered(notice.uncoveredDate);
      return {
        columns: {
          resumedAt: now,
          decisionDueAt: due.dueAt,
          decisionLimit: 'resumed_decide',
          noticeKind: 'notify_resumption',
          noticeDueAt: notice.dueAt,
        },
        deadlines: [
          { column: 'decisionDueAt', ruleId: 'resumed_decide', dueAt: due.dueAt },
          { column: 'noticeDueAt', ruleId: 'notify_resumption', dueAt: notice.dueAt },
        ],
      };
    }
    case 'close':
      return { columns: { closedAt: now }, deadlines: [] };
    case 'verify_victim':
      return {
        columns: { victimVerificationOutcome: action.outcome },
        deadlines: [],
      };
    case 'refer_support':
      return { columns: { supportReferredAt: now }, deadlines: [] };
    case 'request_protection':
      return { columns: { protectionRequestedAt: now }, deadlines: [] };
    case 'decide_protection':
      return { columns: { protectionDecidedAt: now }, deadlines: [] };
  }
}

function classify(report: CaseSnapshot, action: CaseActionOf<'classify'>, now: Date): CaseEffect {
  const columns: CaseColumns = { classifiedAt: now, classification: action.outcome };
  if (action.outcome === 'in_competence') return { columns, deadlines: [] };
  // Anything else ends this body's resolution: no decision limit runs for it any more.
  if (action.outcome === 'not_in_competence') {
    columns.transferredAt = now;
    columns.transferredTo = action.receivingBody;
  }
  if (action.outcome === 'duplicate' || action.outcome === 'knowingly_false') columns.closedAt = now;
  columns.decisionDueAt = null;
  columns.decisionLimit = null;
  return { columns, deadlines: clearedDecisionLimit(report) };
}

function clearedDecisionLimit(report: CaseSnapshot): CaseDeadlineChange[] {
  return report.decisionDueAt === null ? [] : [{ column: 'decisionDueAt', ruleId: null, dueAt: null }];
}

/** Thụ lý: the 20-day limit from receipt governs, counted now if triage could not count it. */
function accept(report: CaseSnapshot, now: Date, context: CaseContext): CaseEffect {
  const columns: CaseColumns = { acceptedAt: now };
  if (report.decisionLimit === null) columns.decisionLimit = 'decide';
  if (report.decisionDueAt !== null) return { columns, deadlines: [] };
  const due = countRuleDeadline('decide', report.submittedAt, context);
  // Still uncounted: the report stays marked pending and the rederivation counts it later.
  if ('uncoveredDate' in due) return { columns, deadlines: [] };
  columns.decisionDueAt = due.dueAt;
  return { columns, deadlines: [{ column: 'decisionDueAt', ruleId: 'decide', dueAt: due.dueAt }] };
}

/** Art. 147(2): once, up to the rule's months more, from the end of the limit being extended. */
function vksExtend(
  report: CaseSnapshot,
  action: CaseActionOf<'vks_extend'>,
  context: CaseContext,
): CaseEffect | CaseRefusal {
  const allowed = findDeadlineRule('vks_extension', context).length;
  if (action.months > allowed)
    return { refused: 'invalid_fields', issues: [{ path: 'months', message: `at most ${allowed}` }] };
  if (report.decisionDueAt === null)
    return {
      refused: 'calendar_not_covered',
      issues: [{ path: '', message: 'the limit to extend is not counted yet' }],
    };
  const due = countRuleDeadline('vks_extension', report.decisionDueAt, context, action.months);
  if ('uncoveredDate' in due) return notCovered(due.uncoveredDate);
  return {
    columns: { decisionDueAt: due.dueAt, decisionLimit: 'vks_extension', vksExtended: true },
    deadlines: [{ column: 'decisionDueAt', ruleId: 'vks_extension', dueAt: due.dueAt }],
    extension: { byVks: true, reason: action.reason, reference: action.vksDecisionRef, newDueAt: due.dueAt },
  };
}

function notCovered(date: string): CaseRefusal {
  return {
    refused: 'calendar_not_covered',
    issues: [{ path: '', message: `the holiday list does not cover ${date.slice(0, 4)}` }],
  };
}
