import type { OfficerRole } from '../../platform/database/generated/prisma/enums.ts';

/**
 * Who asks for an action. The caller has already read the report through a query scoped to the
 * actor's unit; the status machine checks only the role, the assignment and the state.
 */
export interface CaseActor {
  officerId: string;
  role: OfficerRole;
  unitId: string | null;
}

/**
 * How far a role reaches on the reports of its unit for one action: `any` report; its `own`
 * (unassigned or assigned to the actor); `take` only an unassigned report, for the actor.
 */
export type CaseReach = 'any' | 'own' | 'take';
