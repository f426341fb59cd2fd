import type {
  ReportKind,
  ReportStatus,
  VictimTrackStatus,
} from '../../platform/database/generated/prisma/enums.ts';

/** The deadline rule that set a report's `decisionDueAt` (ids of deadline-rules.json). */
export type DecisionLimit = 'decide' | 'decide_extended' | 'vks_extension' | 'resumed_decide';

/** What the initial verification of a person reported as a trafficking victim found. */
export type VictimVerificationOutcome = 'victim' | 'not_victim' | 'undetermined';

/**
 * What the status machine needs of a report row to decide an action: read in the transaction
 * that applies the plan, so the plan is made against the state it will change.
 */
export interface CaseSnapshot {
  id: string;
  kind: ReportKind;
  status: ReportStatus;
  victimTrackStatus: VictimTrackStatus;
  unitId: string;
  assigneeId: string | null;
  /** Receipt: the clock start of the receipt limits (decide, decide_extended). */
  submittedAt: Date;
  /** NULL when no decision limit runs, or while the holiday list cannot count it yet. */
  decisionDueAt: Date | null;
  decisionLimit: DecisionLimit | null;
  vksExtended: boolean;
  victimVerificationDueAt: Date | null;
  /** NULL until `verify_victim` records the verification (the 3-day limit is then met). */
  victimVerificationOutcome: VictimVerificationOutcome | null;
}
