import type { ReportStatus, VictimTrackStatus } from '../../platform/database/generated/prisma/enums.ts';
import type { CaseAction, CaseActionOf, CaseActionType } from './case-action-schemas.ts';
import type { DecisionLimit, VictimVerificationOutcome } from './case-snapshot.ts';

/** The procuracy notice a decision or a resumption makes due (rule ids of deadline-rules.json). */
export type NoticeKind =
  | 'notify_prosecution_decision'
  | 'notify_no_prosecution'
  | 'notify_suspension'
  | 'notify_resumption';

/**
 * The report columns an action sets (names of prisma model Report). A key present with `null`
 * clears the column; a key absent leaves it as it is.
 */
export interface CaseColumns {
  status?: ReportStatus;
  victimTrackStatus?: VictimTrackStatus;
  assigneeId?: string;
  classifiedAt?: Date;
  classification?: CaseActionOf<'classify'>['outcome'];
  transferredAt?: Date;
  transferredTo?: string;
  acceptedAt?: Date;
  verifyingAt?: Date;
  decidedAt?: Date;
  decisionGround?: string;
  /** The reasons of the decision, told to the reporter (required not to prosecute). */
  decisionReasons?: string | null;
  suspendedAt?: Date;
  resumedAt?: Date;
  closedAt?: Date;
  decisionDueAt?: Date | null;
  decisionLimit?: DecisionLimit | null;
  vksExtended?: true;
  noticeDueAt?: Date;
  noticeKind?: NoticeKind;
  /**
   * What the initial verification found: recorded, the 3-day limit is met (`victim_verification_at`
   * is when triage started the track; the event row says when the verification was recorded).
   */
  victimVerificationOutcome?: VictimVerificationOutcome;
  supportReferredAt?: Date;
  protectionRequestedAt?: Date;
  protectionDecidedAt?: Date;
}

/** A limit an action set or cleared, for the event's record (`ruleId` null: no limit runs now). */
export interface CaseDeadlineChange {
  column: 'decisionDueAt' | 'noticeDueAt';
  ruleId: string | null;
  dueAt: Date | null;
}

/** An action's validated fields without its type: what the event row keeps. */
export type CaseActionFields = CaseAction extends infer A
  ? A extends CaseAction
    ? Omit<A, 'type'>
    : never
  : never;

/** The append-only event row of an action (who and when are the caller's). */
export interface CaseEvent {
  kind: CaseActionType;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  /** Only for the actions of the trafficking victim track. */
  victimTrack?: { from: VictimTrackStatus; to: VictimTrackStatus };
  detail: CaseActionFields;
  deadlines: CaseDeadlineChange[];
}

/** A row for report_extension (who granted it is the caller's: the actor, or the procuracy). */
export interface CaseExtension {
  byVks: boolean;
  reason: string;
  /** The procuracy's decision, for an extension by the VKS. */
  reference?: string;
  newDueAt: Date;
}

/** What to write, in one transaction, to apply an allowed action. */
export interface CasePlan {
  toStatus: ReportStatus;
  toVictimTrack: VictimTrackStatus;
  columns: CaseColumns;
  event: CaseEvent;
  extension?: CaseExtension;
}

/** A field that failed validation, or the limit that could not be counted. */
export interface CaseIssue {
  /** Dotted path of the field (`legalGround`); empty for the action as a whole. */
  path: string;
  message: string;
}

/**
 * Why an action was refused. `calendar_not_covered`: a limit the action must set runs into a
 * year the holiday list does not cover (or the limit to extend is not counted yet).
 */
export interface CaseRefusal {
  refused:
    | 'wrong_state'
    | 'forbidden'
    | 'invalid_fields'
    | 'wrong_kind'
    | 'already_extended'
    | 'calendar_not_covered';
  issues?: CaseIssue[];
}

/** @example const result = planCaseAction(…); if (isCaseRefusal(result)) reply(result.refused); */
export function isCaseRefusal(result: CasePlan | CaseRefusal): result is CaseRefusal {
  return 'refused' in result;
}
