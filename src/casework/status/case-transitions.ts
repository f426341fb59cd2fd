import {
  type OfficerRole,
  ReportStatus,
  type VictimTrackStatus,
} from '../../platform/database/generated/prisma/enums.ts';
import type { CaseActionOf, CaseActionType } from './case-action-schemas.ts';
import type { CaseReach } from './case-actor.ts';

/** Statuses after which this body takes no further action on a report. */
export const terminalStatuses: readonly ReportStatus[] = ['transferred', 'closed'];

const openStatuses = Object.values(ReportStatus).filter((s) => !terminalStatuses.includes(s));
const beingResolved: readonly ReportStatus[] = [
  'accepted',
  'verifying',
  'extended',
  'extended_by_vks',
  'resumed',
];
const decided: readonly ReportStatus[] = [
  'decided_prosecute',
  'decided_no_prosecute',
  'decided_administrative',
];

/** Where an action leaves the main status: a status, the same one, or one chosen by a field. */
export type CaseDestination =
  | ReportStatus
  | 'unchanged'
  | { by: 'outcome'; to: Readonly<Record<CaseActionOf<'classify'>['outcome'], ReportStatus>> }
  | { by: 'decision'; to: Readonly<Record<CaseActionOf<'decide'>['decision'], ReportStatus>> };

/** What can be done only once in a report's life; trying again is refused. */
export type CaseOnce = 'extension' | 'vks_extension' | 'victim_verification';

export interface CaseTransition {
  /** Main statuses the action starts from. */
  from: readonly ReportStatus[];
  to: CaseDestination;
  /** The move on the trafficking victim track; an action with one is refused for crime tips. */
  victim?: { from: readonly VictimTrackStatus[]; to: VictimTrackStatus };
  /** Roles that may act, and how far; a role left out is refused (`forbidden`). */
  roles: Readonly<Partial<Record<OfficerRole, CaseReach>>>;
  once?: CaseOnce;
}

const officers = { officer: 'own', unit_lead: 'any' } as const;
const unitLeads = { unit_lead: 'any' } as const;

/**
 * The legal status machine of a report (docs/legal-workflow.md, BLTTHS 2015 Art. 145–149, 158),
 * one row per action: the statuses it starts from, where it leads, and who may take it.
 * Supervisors and admins appear in no row: they never act on a case.
 *
 * Officers act on reports unassigned or assigned to them (`own`); an officer assigns only by
 * taking an unassigned report for themselves. Unit leads act on any report of their unit, and
 * alone take the steps the Code gives the head of the investigation body (Art. 36(1)): assigning
 * someone else, extending the limit (Art. 147(2)), recording the procuracy's extension (asked by
 * the head, it moves the legal limit), deciding (khởi tố, không khởi tố, administrative handling,
 * tạm đình chỉ: Art. 147(3), 148) and resuming (Art. 149).
 *
 * Classification ends the case for this body unless the tip is in its competence: transferred
 * (terminal, outside the resolution rate), administrative handling (never accepted, so neither
 * resolved nor to be resolved), or closed as a duplicate or knowingly false. A decision is
 * followed by `close`; a suspension by `resume` and a decision again. The victim track runs
 * beside any open status of a trafficking report.
 */
export const caseTransitions: Readonly<Record<CaseActionType, CaseTransition>> = {
  assign: { from: openStatuses, to: 'unchanged', roles: { officer: 'take', unit_lead: 'any' } },
  classify: {
    from: ['submitted'],
    to: {
      by: 'outcome',
      to: {
        in_competence: 'classified',
        not_in_competence: 'transferred',
        not_criminal: 'decided_administrative',
        duplicate: 'closed',
        knowingly_false: 'closed',
      },
    },
    roles: officers,
  },
  accept: { from: ['classified'], to: 'accepted', roles: officers },
  verify: { from: ['accepted'], to: 'verifying', roles: officers },
  extend: { from: ['accepted', 'verifying'], to: 'extended', roles: unitLeads, once: 'extension' },
  vks_extend: {
    from: ['accepted', 'verifying', 'extended'],
    to: 'extended_by_vks',
    roles: unitLeads,
    once: 'vks_extension',
  },
  decide: {
    from: beingResolved,
    to: {
      by: 'decision',
      to: {
        prosecute: 'decided_prosecute',
        no_prosecute: 'decided_no_prosecute',
        administrative: 'decided_administrative',
        suspend: 'suspended',
      },
    },
    roles: unitLeads,
  },
  resume: { from: ['suspended'], to: 'resumed', roles: unitLeads },
  close: { from: decided, to: 'closed', roles: officers },
  verify_victim: {
    from: openStatuses,
    to: 'unchanged',
    // Triage starts the track at victim_verification; from `none` when it did not.
    victim: { from: ['none', 'victim_verification'], to: 'victim_verification' },
    roles: officers,
    once: 'victim_verification',
  },
  refer_support: {
    from: openStatuses,
    to: 'unchanged',
    victim: { from: ['victim_verification'], to: 'support_referred' },
    roles: officers,
  },
  request_protection: {
    from: openStatuses,
    to: 'unchanged',
    victim: { from: ['victim_verification', 'support_referred'], to: 'protection_requested' },
    roles: officers,
  },
  decide_protection: {
    from: openStatuses,
    to: 'unchanged',
    victim: { from: ['protection_requested'], to: 'protection_decided' },
    roles: officers,
  },
};
