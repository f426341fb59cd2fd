import { z } from 'zod';

/** Text an officer types into an action's form: trimmed, never empty. */
const text = (max: number) => z.string().trim().min(1).max(max);

/** A printed receipt-register number, `<register>-<year>-<sequence>` (`TB-2026-000123`). */
const registerNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{1,16}-\d{4}-\d{6,9}$/, 'expected a register number such as TB-2026-000123');

const legalGround = text(500);
const reason = text(2000);
const note = text(2000).optional();

const classifySchema = z.discriminatedUnion('outcome', [
  z.object({ type: z.literal('classify'), outcome: z.literal('in_competence') }),
  z.object({
    type: z.literal('classify'),
    outcome: z.literal('not_in_competence'),
    receivingBody: text(300),
    reason,
  }),
  z.object({ type: z.literal('classify'), outcome: z.literal('not_criminal'), reason }),
  z.object({ type: z.literal('classify'), outcome: z.literal('duplicate'), duplicateOf: registerNumber }),
  z.object({ type: z.literal('classify'), outcome: z.literal('knowingly_false'), reason }),
]);

// Reasons go to the reporter with a decision not to prosecute (Art. 158), and so with a transfer to
// administrative handling, which is one (it is notified as notify_no_prosecution).
const decideSchema = z.discriminatedUnion('decision', [
  z.object({ type: z.literal('decide'), decision: z.literal('prosecute'), legalGround, reasons: note }),
  z.object({ type: z.literal('decide'), decision: z.literal('no_prosecute'), legalGround, reasons: reason }),
  z.object({
    type: z.literal('decide'),
    decision: z.literal('administrative'),
    legalGround,
    reasons: reason,
  }),
  z.object({ type: z.literal('decide'), decision: z.literal('suspend'), legalGround, reasons: note }),
]);

/**
 * The fields of each action along the legal status machine, by action type. The HTTP layer
 * parses forms and JSON bodies with them and describes them in the OpenAPI document; the planner
 * parses again, so nothing unchecked reaches it. Unknown fields are dropped.
 * @example caseActionSchemas.extend.parse({ type: 'extend', reason: 'nhiều nơi phải xác minh' })
 */
export const caseActionSchemas = {
  assign: z.object({ type: z.literal('assign'), assigneeId: z.uuid() }),
  classify: classifySchema,
  accept: z.object({ type: z.literal('accept') }),
  verify: z.object({ type: z.literal('verify'), note }),
  extend: z.object({ type: z.literal('extend'), reason }),
  vks_extend: z.object({
    type: z.literal('vks_extend'),
    vksDecisionRef: text(200),
    months: z.literal([1, 2]),
    // The extension row keeps why it was asked for, as for an extension by the unit.
    reason,
  }),
  decide: decideSchema,
  resume: z.object({ type: z.literal('resume'), reason }),
  close: z.object({ type: z.literal('close'), note }),
  verify_victim: z.object({
    type: z.literal('verify_victim'),
    outcome: z.enum(['victim', 'not_victim', 'undetermined']),
    note,
  }),
  refer_support: z.object({ type: z.literal('refer_support'), referredTo: text(300) }),
  request_protection: z.object({ type: z.literal('request_protection'), measures: text(2000) }),
  decide_protection: z.object({
    type: z.literal('decide_protection'),
    granted: z.boolean(),
    reference: text(200),
  }),
};

/** Any action, told apart by `type`. */
export const caseActionSchema = z.discriminatedUnion('type', [
  caseActionSchemas.assign,
  caseActionSchemas.classify,
  caseActionSchemas.accept,
  caseActionSchemas.verify,
  caseActionSchemas.extend,
  caseActionSchemas.vks_extend,
  caseActionSchemas.decide,
  caseActionSchemas.resume,
  caseActionSchemas.close,
  caseActionSchemas.verify_victim,
  caseActionSchemas.refer_support,
  caseActionSchemas.request_protection,
  caseActionSchemas.decide_protection,
]);

export type CaseAction = z.infer<typeof caseActionSchema>;
export type CaseActionType = CaseAction['type'];
/** One action's validated fields. */
export type CaseActionOf<T extends CaseActionType> = Extract<CaseAction, { type: T }>;

/** Every action type, in the order the console lists them. */
export const caseActionTypes = Object.keys(caseActionSchemas) as CaseActionType[];
