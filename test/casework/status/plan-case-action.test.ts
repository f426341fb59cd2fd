import { describe, expect, it } from 'vitest';
import type { CaseAction, CaseActionType } from '../../../src/casework/status/case-action-schemas.ts';
import { type CasePlan, type CaseRefusal, isCaseRefusal } from '../../../src/casework/status/case-plan.ts';
import type { CaseSnapshot } from '../../../src/casework/status/case-snapshot.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
import {
  ReportStatus,
  type VictimTrackStatus,
} from '../../../src/platform/database/generated/prisma/enums.ts';
import { context, reportIn, traffickingReportIn, unitLead, validActions } from './case-examples.ts';

// The expectations below are written out from the brief and docs/legal-workflow.md, not read from
// the transition table, so a row added to or missing from the table fails here.

const now = new Date('2026-03-20T09:00:00+07:00');
const plan = (report: CaseSnapshot, action: unknown, actor = unitLead): CasePlan | CaseRefusal =>
  planCaseAction(report, action, actor, now, context);
const planned = (result: CasePlan | CaseRefusal): CasePlan => {
  if (isCaseRefusal(result)) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
};

const statuses: ReportStatus[] = [
  'submitted',
  'classified',
  'transferred',
  'accepted',
  'verifying',
  'extended',
  'extended_by_vks',
  'decided_prosecute',
  'decided_no_prosecute',
  'decided_administrative',
  'suspended',
  'resumed',
  'closed',
];
const open: ReportStatus[] = statuses.filter((s) => s !== 'transferred' && s !== 'closed');
const tracks: VictimTrackStatus[] = [
  'none',
  'victim_verification',
  'support_referred',
  'protection_requested',
  'protection_decided',
];

interface Allowed {
  action: CaseAction;
  from: ReportStatus;
  to: ReportStatus;
}
const from = (action: CaseAction, fromStatuses: ReportStatus[], to?: ReportStatus): Allowed[] =>
  fromStatuses.map((f) => ({ action, from: f, to: to ?? f }));
const resolving: ReportStatus[] = ['accepted', 'verifying', 'extended', 'extended_by_vks', 'resumed'];
const ground = 'Điều 147 BLTTHS';

// biome-ignore format: one transition per line reads as a table
const mainTrack: Allowed[] = [
  ...from(validActions.assign, open),
  ...from({ type: 'classify', outcome: 'in_competence' }, ['submitted'], 'classified'),
  ...from({ type: 'classify', outcome: 'not_in_competence', receivingBody: 'VKS tỉnh', reason: 'Thẩm quyền quân đội' }, ['submitted'], 'transferred'),
  ...from({ type: 'classify', outcome: 'not_criminal', reason: 'Vi phạm hành chính' }, ['submitted'], 'decided_administrative'),
  ...from({ type: 'classify', outcome: 'duplicate', duplicateOf: 'TB-2026-000123' }, ['submitted'], 'closed'),
  ...from({ type: 'classify', outcome: 'knowingly_false', reason: 'Tin sai sự thật' }, ['submitted'], 'closed'),
  ...from(validActions.accept, ['classified'], 'accepted'),
  ...from(validActions.verify, ['accepted'], 'verifying'),
  ...from(validActions.extend, ['accepted', 'verifying'], 'extended'),
  ...from(validActions.vks_extend, ['accepted', 'verifying', 'extended'], 'extended_by_vks'),
  ...from({ type: 'decide', decision: 'prosecute', legalGround: ground }, resolving, 'decided_prosecute'),
  ...from({ type: 'decide', decision: 'no_prosecute', legalGround: ground, reasons: 'Không có sự việc' }, resolving, 'decided_no_prosecute'),
  ...from({ type: 'decide', decision: 'administrative', legalGround: ground, reasons: 'Xử phạt hành chính' }, resolving, 'decided_administrative'),
  ...from({ type: 'decide', decision: 'suspend', legalGround: ground }, resolving, 'suspended'),
  ...from(validActions.resume, ['suspended'], 'resumed'),
  ...from(validActions.close, ['decided_prosecute', 'decided_no_prosecute', 'decided_administrative'], 'closed'),
];

const mainTypes: CaseActionType[] = [
  'assign',
  'classify',
  'accept',
  'verify',
  'extend',
  'vks_extend',
  'decide',
  'resume',
  'close',
];
const victimTypes: CaseActionType[] = [
  'verify_victim',
  'refer_support',
  'request_protection',
  'decide_protection',
];

/** The victim track each victim action starts from, and where it leads. */
const victimMoves: Record<string, { from: VictimTrackStatus[]; to: VictimTrackStatus }> = {
  verify_victim: { from: ['none', 'victim_verification'], to: 'victim_verification' },
  refer_support: { from: ['victim_verification'], to: 'support_referred' },
  request_protection: { from: ['victim_verification', 'support_referred'], to: 'protection_requested' },
  decide_protection: { from: ['protection_requested'], to: 'protection_decided' },
};

describe('planCaseAction: the transitions', () => {
  it('knows every status of the schema', () => {
    expect([...statuses].sort()).toEqual(Object.values(ReportStatus).sort());
  });

  it.each(
    mainTrack.map((t) => ({
      ...t,
      name: `${t.action.type}${'outcome' in t.action ? `:${t.action.outcome}` : ''}${'decision' in t.action ? `:${t.action.decision}` : ''}`,
    })),
  )('$name from $from leads to $to', ({ action, from: fromStatus, to }) => {
    const result = planned(plan(reportIn(fromStatus), action));
    expect(result.toStatus).toBe(to);
    expect(result.columns.status).toBe(to === fromStatus ? undefined : to);
    expect(result.toVictimTrack).toBe('none');
    const { type, ...fields } = action;
    expect(result.event).toMatchObject({ kind: type, fromStatus, toStatus: to, detail: fields });
    expect(result.event.detail).not.toHaveProperty('type');
  });

  /** The refusal a legal machine owes for an action outside its states. */
  const refusalOutside = (type: CaseActionType, status: ReportStatus): CaseRefusal['refused'] => {
    if (type === 'extend' && (status === 'extended' || status === 'extended_by_vks'))
      return 'already_extended';
    if (type === 'vks_extend' && status === 'extended_by_vks') return 'already_extended';
    return 'wrong_state';
  };
  const forbiddenPairs = mainTypes.flatMap((type) =>
    statuses
      .filter((status) => !mainTrack.some((t) => t.action.type === type && t.from === status))
      .map((status) => ({ type, status, refused: refusalOutside(type, status) })),
  );

  it('leaves forbidden pairs to check in every action', () => {
    // 9 actions × 13 statuses = 117 pairs, of which 11 + 1 + 1 + 1 + 2 + 3 + 5 + 1 + 3 = 28 allowed.
    expect(forbiddenPairs).toHaveLength(117 - 28);
  });

  it.each(forbiddenPairs)('refuses $type from $status ($refused)', ({ type, status, refused }) => {
    const before = reportIn(status);
    expect(plan(before, validActions[type])).toEqual({ refused });
  });

  it.each(victimTypes.flatMap((type) => open.map((status) => ({ type, status }))))(
    '$type moves the victim track beside $status',
    ({ type, status }) => {
      const move = victimMoves[type] as { from: VictimTrackStatus[]; to: VictimTrackStatus };
      for (const track of move.from) {
        const result = planned(plan(traffickingReportIn(status, track), validActions[type]));
        expect(result.toStatus).toBe(status);
        expect(result.toVictimTrack).toBe(move.to);
        expect(result.columns.status).toBeUndefined();
        expect(result.columns.victimTrackStatus).toBe(track === move.to ? undefined : move.to);
        expect(result.event).toMatchObject({ kind: type, fromStatus: status, toStatus: status });
        expect(result.event.victimTrack).toEqual({ from: track, to: move.to });
      }
    },
  );

  const victimForbidden = victimTypes.flatMap((type) => [
    ...statuses
      .filter((s) => !open.includes(s))
      .map((status) => ({
        type,
        status,
        track: (victimMoves[type]?.from[0] ?? 'none') as VictimTrackStatus,
      })),
    ...tracks
      .filter((t) => !victimMoves[type]?.from.includes(t))
      .map((track) => ({ type, status: 'accepted' as ReportStatus, track })),
  ]);

  it.each(victimForbidden)(
    'refuses $type beside $status with the track at $track',
    ({ type, status, track }) => {
      expect(plan(traffickingReportIn(status, track), validActions[type])).toEqual({
        refused: 'wrong_state',
      });
    },
  );

  it.each(victimTypes.flatMap((type) => statuses.map((status) => ({ type, status }))))(
    'refuses $type on a crime tip in $status (wrong_kind)',
    ({ type, status }) => {
      const track = victimMoves[type]?.from[0] ?? 'none';
      expect(plan(reportIn(status, { victimTrackStatus: track }), validActions[type])).toEqual({
        refused: 'wrong_kind',
      });
    },
  );

  it('records the victim verification once', () => {
    const verified = traffickingReportIn('accepted', 'victim_verification', {
      victimVerificationOutcome: 'victim',
    });
    expect(plan(verified, validActions.verify_victim)).toEqual({ refused: 'wrong_state' });
    const first = planned(
      plan(traffickingReportIn('accepted', 'victim_verification'), validActions.verify_victim),
    );
    expect(first.columns).toEqual({ victimVerificationOutcome: 'victim' });
  });

  it('refuses a second VKS extension even where the state alone would allow it', () => {
    expect(plan(reportIn('verifying', { vksExtended: true }), validActions.vks_extend)).toEqual({
      refused: 'already_extended',
    });
  });
});
