import type { CaseActionType } from './case-action-schemas.ts';
import type { CaseActor, CaseReach } from './case-actor.ts';
import type { CaseRefusal } from './case-plan.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { type CaseOnce, type CaseTransition, caseTransitions } from './case-transitions.ts';

/** An action the actor may take on the report, whatever its fields: its row and the actor's reach. */
export interface CaseCheck {
  transition: CaseTransition;
  reach: CaseReach;
}

const usedUp: Readonly<Record<CaseOnce, (report: CaseSnapshot) => boolean>> = {
  extension: (r) => r.decisionLimit === 'decide_extended' || r.decisionLimit === 'vks_extension',
  vks_extension: (r) => r.vksExtended,
  victim_verification: (r) => r.victimVerificationOutcome !== null,
};

const usedUpRefusal: Readonly<Record<CaseOnce, CaseRefusal['refused']>> = {
  extension: 'already_extended',
  vks_extension: 'already_extended',
  victim_verification: 'wrong_state',
};

/**
 * Whether `actor` may take action `type` on `report` by the transition table, before its fields
 * are looked at: the role (`forbidden`), the report's kind (`wrong_kind`), a once-only step taken
 * already, the state (`wrong_state`), then the assignment (`forbidden`).
 */
export function checkCaseAction(
  report: CaseSnapshot,
  type: CaseActionType,
  actor: CaseActor,
): CaseCheck | CaseRefusal {
  const transition = caseTransitions[type];
  const reach = transition.roles[actor.role];
  if (reach === undefined) return { refused: 'forbidden' };
  if (transition.victim !== undefined && report.kind !== 'trafficking') return { refused: 'wrong_kind' };
  if (transition.once !== undefined && usedUp[transition.once](report))
    return { refused: usedUpRefusal[transition.once] };
  const inState =
    transition.from.includes(report.status) &&
    (transition.victim === undefined || transition.victim.from.includes(report.victimTrackStatus));
  if (!inState) return { refused: 'wrong_state' };
  if (!reaches(reach, report, actor)) return { refused: 'forbidden' };
  return { transition, reach };
}

function reaches(reach: CaseReach, report: CaseSnapshot, actor: CaseActor): boolean {
  switch (reach) {
    case 'any':
      return true;
    case 'own':
      return report.assigneeId === null || report.assigneeId === actor.officerId;
    case 'take':
      return report.assigneeId === null;
  }
}
