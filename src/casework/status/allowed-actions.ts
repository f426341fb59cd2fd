import { type CaseActionType, caseActionTypes } from './case-action-schemas.ts';
import type { CaseActor } from './case-actor.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { checkCaseAction } from './check-case-action.ts';

/**
 * The actions the console offers `actor` on `report`: those the transition table allows in its
 * state, for the role and the assignment (the same check as planCaseAction, before any field).
 * @example allowedActions(report, { officerId, role: 'officer', unitId }) // ['assign', 'classify']
 */
export function allowedActions(report: CaseSnapshot, actor: CaseActor): CaseActionType[] {
  return caseActionTypes.filter((type) => !('refused' in checkCaseAction(report, type, actor)));
}
