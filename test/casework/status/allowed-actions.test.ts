import { describe, expect, it } from 'vitest';
import { allowedActions } from '../../../src/casework/status/allowed-actions.ts';
import type { CaseActionType } from '../../../src/casework/status/case-action-schemas.ts';
import type { CaseActor } from '../../../src/casework/status/case-actor.ts';
import { isCaseRefusal } from '../../../src/casework/status/case-plan.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
import { ReportStatus, VictimTrackStatus } from '../../../src/platform/database/generated/prisma/enums.ts';
import {
  admin,
  context,
  officer,
  officerId,
  otherOfficerId,
  reportIn,
  supervisor,
  traffickingReportIn,
  unitLead,
  validActions,
} from './case-examples.ts';

const now = new Date('2026-03-20T09:00:00+07:00');

describe('allowedActions', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: { why: string; report: CaseSnapshot; actor: CaseActor; actions: CaseActionType[] }[] = [
    { why: 'a new tip, to its unit lead', report: reportIn('submitted'), actor: unitLead, actions: ['assign', 'classify'] },
    { why: 'a new tip, to an officer (who may take it)', report: reportIn('submitted'), actor: officer, actions: ['assign', 'classify'] },
    { why: 'an accepted tip, to its unit lead', report: reportIn('accepted'), actor: unitLead, actions: ['assign', 'verify', 'extend', 'vks_extend', 'decide'] },
    { why: 'an accepted tip, to the officer holding it', report: reportIn('accepted', { assigneeId: officerId }), actor: officer, actions: ['verify'] },
    { why: 'an accepted tip, to an officer it is not assigned to', report: reportIn('accepted', { assigneeId: otherOfficerId }), actor: officer, actions: [] },
    { why: 'an extended tip, to its unit lead', report: reportIn('extended'), actor: unitLead, actions: ['assign', 'vks_extend', 'decide'] },
    { why: 'a tip extended by the VKS, to its unit lead', report: reportIn('extended_by_vks'), actor: unitLead, actions: ['assign', 'decide'] },
    { why: 'a suspended tip, to an officer', report: reportIn('suspended'), actor: officer, actions: ['assign'] },
    { why: 'a decided tip, to an officer', report: reportIn('decided_no_prosecute'), actor: officer, actions: ['assign', 'close'] },
    { why: 'a closed tip, to its unit lead', report: reportIn('closed'), actor: unitLead, actions: [] },
    { why: 'a trafficking report under verification, to the officer holding it', report: traffickingReportIn('verifying', 'victim_verification', { assigneeId: officerId }), actor: officer, actions: ['verify_victim', 'refer_support', 'request_protection'] },
    { why: 'a verified trafficking report', report: traffickingReportIn('verifying', 'victim_verification', { victimVerificationOutcome: 'victim' }), actor: officer, actions: ['assign', 'refer_support', 'request_protection'] },
    { why: 'a trafficking report awaiting protection', report: traffickingReportIn('accepted', 'protection_requested'), actor: officer, actions: ['assign', 'verify', 'decide_protection'] },
    { why: 'a transferred trafficking report', report: traffickingReportIn('transferred', 'victim_verification'), actor: unitLead, actions: [] },
    { why: 'any tip, to a supervisor', report: reportIn('accepted'), actor: supervisor, actions: [] },
    { why: 'any tip, to an admin', report: reportIn('submitted'), actor: admin, actions: [] },
  ];

  it.each(cases)('offers $why: $actions', ({ report, actor, actions }) => {
    expect(allowedActions(report, actor)).toEqual(actions);
  });

  it('offers exactly the actions planCaseAction accepts, in every state, to every role', () => {
    const actors = [unitLead, officer, supervisor, admin];
    const assignees = [null, officerId, otherOfficerId];
    let offered = 0;
    for (const status of Object.values(ReportStatus))
      for (const track of Object.values(VictimTrackStatus))
        for (const assigneeId of assignees)
          for (const actor of actors) {
            const report = traffickingReportIn(status, track, { assigneeId });
            const allowed = allowedActions(report, actor);
            for (const [type, action] of Object.entries(validActions)) {
              const asked =
                type === 'assign' && actor.role === 'officer' ? { type, assigneeId: officerId } : action;
              const planned = !isCaseRefusal(planCaseAction(report, asked, actor, now, context));
              expect(planned, `${type} on ${status}/${track} by ${actor.role}`).toBe(
                allowed.includes(type as CaseActionType),
              );
              if (planned) offered += 1;
            }
          }
    expect(offered).toBeGreaterThan(100);
  });
});
