import type { ReportStatus } from '../../platform/database/generated/prisma/enums.ts';
import { type CaseAction, caseActionSchema } from './case-action-schemas.ts';
import type { CaseActor } from './case-actor.ts';
import type { CaseActionFields, CaseColumns, CasePlan, CaseRefusal } from './case-plan.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { type CaseDestination, caseTransitions } from './case-transitions.ts';
import { checkCaseAction } from './check-case-action.ts';
import type { CaseContext } from './count-rule-deadline.ts';
import { deriveCaseColumns } from './derive-case-columns.ts';

const actingRoles = new Set(Object.values(caseTransitions).flatMap((t) => Object.keys(t.roles)));

/**
 * What taking `action` on `report` writes, or why it is refused; pure, so the caller applies the
 * plan in the transaction that read the snapshot (and compares the report's version). `action`
 * is parsed here with caseActionSchema, whatever the caller checked. Limits are counted from
 * `now` or the report's instants with the deadline rules and the calendar (Art. 134).
 * @example planCaseAction(report, { type: 'accept' }, actor, new Date(), { calendar, rules })
 */
export function planCaseAction(
  report: CaseSnapshot,
  action: unknown,
  actor: CaseActor,
  now: Date,
  context: CaseContext,
): CasePlan | CaseRefusal {
  // A role that never acts is told so before anything about its request.
  if (!actingRoles.has(actor.role)) return { refused: 'forbidden' };
  const parsed = caseActionSchema.safeParse(action);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { refused: 'invalid_fields', issues };
  }
  const fields = parsed.data;
  const check = checkCaseAction(report, fields.type, actor);
  if ('refused' in check) return check;
  if (fields.type === 'assign' && check.reach === 'take' && fields.assigneeId !== actor.officerId)
    return { refused: 'forbidden' };
  const effect = deriveCaseColumns(report, fields, now, context);
  if ('refused' in effect) return effect;

  const { transition } = check;
  const toStatus = destination(transition.to, fields) ?? report.status;
  const toVictimTrack = transition.victim?.to ?? report.victimTrackStatus;
  const columns: CaseColumns = {
    ...(toStatus === report.status ? {} : { status: toStatus }),
    ...(toVictimTrack === report.victimTrackStatus ? {} : { victimTrackStatus: toVictimTrack }),
    ...effect.columns,
  };
  const { type: kind, ...detail } = fields;
  return {
    toStatus,
    toVictimTrack,
    columns,
    event: {
      kind,
      fromStatus: report.status,
      toStatus,
      ...(transition.victim === undefined
        ? {}
        : { victimTrack: { from: report.victimTrackStatus, to: toVictimTrack } }),
      detail: detail as CaseActionFields,
      deadlines: effect.deadlines,
    },
    ...(effect.extension === undefined ? {} : { extension: effect.extension }),
  };
}

/** The status an action leads to; null when it leaves the main status as it is. */
function destination(to: CaseDestination, action: CaseAction): ReportStatus | null {
  if (to === 'unchanged') return null;
  if (typeof to === 'string') return to;
  if (to.by === 'outcome' && action.type === 'classify') return to.to[action.outcome];
  if (to.by === 'decision' && action.type === 'decide') return to.to[action.decision];
  throw new Error(`the transition of ${action.type} chooses its status by a field it does not have`);
}
