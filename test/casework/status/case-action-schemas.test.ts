import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseActionSchema, caseActionSchemas } from '../../../src/casework/status/case-action-schemas.ts';
import { planCaseAction } from '../../../src/casework/status/plan-case-action.ts';
import { context, reportIn, unitLead } from './case-examples.ts';

const now = new Date('2026-03-20T09:00:00+07:00');

describe('action fields', () => {
  // biome-ignore format: one case per line reads as a table
  it.each([
    { why: 'a decision without its legal ground', status: 'verifying' as const, action: { type: 'decide', decision: 'prosecute' }, path: 'legalGround' },
    { why: 'a legal ground of spaces only', status: 'verifying' as const, action: { type: 'decide', decision: 'suspend', legalGround: '   ' }, path: 'legalGround' },
    { why: 'not prosecuting without the reasons for the reporter', status: 'verifying' as const, action: { type: 'decide', decision: 'no_prosecute', legalGround: 'Điều 157' }, path: 'reasons' },
    { why: 'administrative handling without reasons', status: 'verifying' as const, action: { type: 'decide', decision: 'administrative', legalGround: 'Điều 157' }, path: 'reasons' },
    { why: 'an unknown decision', status: 'verifying' as const, action: { type: 'decide', decision: 'pardon', legalGround: 'x' }, path: 'decision' },
    { why: 'a duplicate of a malformed register number', status: 'submitted' as const, action: { type: 'classify', outcome: 'duplicate', duplicateOf: 'TB-26-123' }, path: 'duplicateOf' },
    { why: 'a duplicate of a register number without its sequence', status: 'submitted' as const, action: { type: 'classify', outcome: 'duplicate', duplicateOf: 'TB-2026-' }, path: 'duplicateOf' },
    { why: 'an unknown classification outcome', status: 'submitted' as const, action: { type: 'classify', outcome: 'maybe' }, path: 'outcome' },
    { why: 'a transfer without the receiving body', status: 'submitted' as const, action: { type: 'classify', outcome: 'not_in_competence', reason: 'x' }, path: 'receivingBody' },
    { why: 'a VKS extension of 3 months', status: 'extended' as const, action: { type: 'vks_extend', vksDecisionRef: '1/QĐ', months: 3, reason: 'x' }, path: 'months' },
    { why: 'a VKS extension without the decision reference', status: 'extended' as const, action: { type: 'vks_extend', months: 2, reason: 'x' }, path: 'vksDecisionRef' },
    { why: 'an extension without a reason', status: 'accepted' as const, action: { type: 'extend' }, path: 'reason' },
    { why: 'an assignee that is not an officer id', status: 'accepted' as const, action: { type: 'assign', assigneeId: 'bob' }, path: 'assigneeId' },
    { why: 'an unknown action', status: 'accepted' as const, action: { type: 'archive' }, path: 'type' },
    { why: 'no action at all', status: 'accepted' as const, action: null, path: '' },
  ])('refuses $why (invalid_fields at $path)', ({ status, action, path }) => {
    const result = planCaseAction(reportIn(status), action, unitLead, now, context);
    expect(result).toMatchObject({ refused: 'invalid_fields' });
    expect('issues' in result && result.issues?.map((i) => i.path)).toEqual([path]);
    expect('issues' in result && result.issues?.[0]?.message).toMatch(/\S/);
  });

  it('reads a register number as typed, in any case and with spaces around it', () => {
    const parsed = caseActionSchema.parse({
      type: 'classify',
      outcome: 'duplicate',
      duplicateOf: ' tb-2026-000123 ',
    });
    expect(parsed).toEqual({ type: 'classify', outcome: 'duplicate', duplicateOf: 'TB-2026-000123' });
  });

  it('drops fields an action does not have, so the event keeps only what was validated', () => {
    const result = planCaseAction(
      reportIn('classified'),
      { type: 'accept', csrf: 'x' },
      unitLead,
      now,
      context,
    );
    expect(result).toMatchObject({ event: { kind: 'accept', detail: {} } });
    expect('event' in result && Object.keys(result.event.detail)).toEqual([]);
  });

  it.each(Object.entries(caseActionSchemas))(
    'describes %s as JSON Schema for the OpenAPI document',
    (_, schema) => {
      const json = JSON.stringify(z.toJSONSchema(schema));
      expect(json).toContain('"type"');
    },
  );
});
