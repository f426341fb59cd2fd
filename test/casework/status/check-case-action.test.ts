import { describe, expect, it } from 'vitest';
import type { CaseAction, CaseActionType } from '../../../src/casework/status/case-action-schemas.ts';
import type { CaseActor } from '../../../src/casework/status/case-actor.ts';
import { isCaseRefusal } from '../../../src/casework/status/case-plan.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
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
const plan = (report: CaseSnapshot, action: unknown, actor: CaseActor) =>
  planCaseAction(report, action, actor, now, context);

/** Each action on a report in a state that allows it (a trafficking report for the victim track). */
const inItsState: Record<CaseActionType, CaseSnapshot> = {
  assign: reportIn('accepted'),
  classify: reportIn('submitted'),
  accept: reportIn('classified'),
  verify: reportIn('accepted'),
  extend: reportIn('verifying'),
  vks_extend: reportIn('extended'),
  decide: reportIn('verifying'),
  resume: reportIn('suspended'),
  close: reportIn('decided_prosecute'),
  verify_victim: traffickingReportIn('accepted', 'victim_verification'),
  refer_support: traffickingReportIn('accepted', 'victim_verification'),
  request_protection: traffickingReportIn('accepted', 'support_referred'),
  decide_protection: traffickingReportIn('accepted', 'protection_requested'),
};
const types = Object.keys(inItsState) as CaseActionType[];
// Steps the Code gives the head of the investigation body (Art. 36(1), 147(2), 148, 149).
const unitLeadOnly: CaseActionType[] = ['extend', 'vks_extend', 'decide', 'resume'];
const officerTypes = types.filter((t) => t !== 'assign' && !unitLeadOnly.includes(t));
const assigned = (report: CaseSnapshot, assigneeId: string | null) => ({ ...report, assigneeId });
const takeForSelf: CaseAction = { type: 'assign', assigneeId: officerId };

describe('planCaseAction: who may act', () => {
  it('plans every action for a unit lead, on reports assigned to anyone', () => {
    for (const type of types) {
      const result = plan(assigned(inItsState[type], otherOfficerId), validActions[type], unitLead);
      expect(isCaseRefusal(result), type).toBe(false);
    }
  });

  it.each([supervisor, admin])('refuses every action to a $role, fields valid or not', (actor) => {
    for (const type of types) {
      expect(plan(inItsState[type], validActions[type], actor)).toEqual({ refused: 'forbidden' });
      expect(plan(inItsState[type], { type }, actor)).toEqual({ refused: 'forbidden' });
    }
  });

  it.each(officerTypes)('lets an officer %s a report unassigned or assigned to them', (type) => {
    for (const assignee of [null, officerId]) {
      const result = plan(assigned(inItsState[type], assignee), validActions[type], officer);
      expect(isCaseRefusal(result), String(assignee)).toBe(false);
    }
  });

  it.each(types)('refuses an officer %s on a report assigned to someone else', (type) => {
    const action = type === 'assign' ? takeForSelf : validActions[type];
    expect(plan(assigned(inItsState[type], otherOfficerId), action, officer)).toEqual({
      refused: 'forbidden',
    });
  });

  it.each(unitLeadOnly)('leaves %s to the unit lead, even on the officer’s own report', (type) => {
    for (const assignee of [null, officerId])
      expect(plan(assigned(inItsState[type], assignee), validActions[type], officer)).toEqual({
        refused: 'forbidden',
      });
  });

  it('lets an officer take an unassigned report for themselves, and only that', () => {
    const report = reportIn('submitted');
    const taken = plan(report, takeForSelf, officer);
    expect(taken).toMatchObject({ toStatus: 'submitted', columns: { assigneeId: officerId } });
    expect(plan(report, { type: 'assign', assigneeId: otherOfficerId }, officer)).toEqual({
      refused: 'forbidden',
    });
    expect(
      plan(assigned(report, officerId), { type: 'assign', assigneeId: otherOfficerId }, officer),
    ).toEqual({
      refused: 'forbidden',
    });
  });

  it('lets a unit lead reassign a report to another officer', () => {
    const result = plan(assigned(reportIn('verifying'), officerId), validActions.assign, unitLead);
    expect(result).toMatchObject({
      toStatus: 'verifying',
      columns: { assigneeId: otherOfficerId },
      event: {
        kind: 'assign',
        fromStatus: 'verifying',
        toStatus: 'verifying',
        detail: { assigneeId: otherOfficerId },
      },
    });
  });
});
