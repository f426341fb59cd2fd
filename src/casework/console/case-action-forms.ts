import type { CaseActionType } from '../status/case-action-schemas.ts';

/** One input of an action's form; its label is `console.field_<name>`, options `console.option_<name>_<value>`. */
export interface ActionField {
  name: string;
  input: 'text' | 'textarea' | 'select' | 'officer';
  options?: readonly string[];
  /** Shown as required; the schema decides what is. */
  required?: boolean;
}

/**
 * The inputs the console shows for each action, in the order a person fills them. Forms whose
 * fields depend on a choice (classify's outcome, decide's decision) show every field of every
 * choice; the action's schema says which the choice needs, and the refusal names what is missing.
 */
export const actionForms: Record<CaseActionType, readonly ActionField[]> = {
  assign: [{ name: 'assigneeId', input: 'officer', required: true }],
  classify: [
    {
      name: 'outcome',
      input: 'select',
      options: ['in_competence', 'not_in_competence', 'not_criminal', 'duplicate', 'knowingly_false'],
      required: true,
    },
    { name: 'receivingBody', input: 'text' },
    { name: 'duplicateOf', input: 'text' },
    { name: 'reason', input: 'textarea' },
  ],
  accept: [],
  verify: [{ name: 'note', input: 'textarea' }],
  extend: [{ name: 'reason', input: 'textarea', required: true }],
  vks_extend: [
    { name: 'vksDecisionRef', input: 'text', required: true },
    { name: 'months', input: 'select', options: ['2', '1'], required: true },
    { name: 'reason', input: 'textarea', required: true },
  ],
  decide: [
    {
      name: 'decision',
      input: 'select',
      options: ['prosecute', 'no_prosecute', 'administrative', 'suspend'],
      required: true,
    },
    { name: 'legalGround', input: 'text', required: true },
    { name: 'reasons', input: 'textarea' },
  ],
  resume: [{ name: 'reason', input: 'textarea', required: true }],
  close: [{ name: 'note', input: 'textarea' }],
  verify_victim: [
    { name: 'outcome', input: 'select', options: ['victim', 'not_victim', 'undetermined'], required: true },
    { name: 'note', input: 'textarea' },
  ],
  refer_support: [{ name: 'referredTo', input: 'text', required: true }],
  request_protection: [{ name: 'measures', input: 'textarea', required: true }],
  decide_protection: [
    { name: 'granted', input: 'select', options: ['true', 'false'], required: true },
    { name: 'reference', input: 'text', required: true },
  ],
};

/**
 * An action object from a submitted form: its own fields only, empty ones left out, numbers and
 * yes/no turned into their types; the schema checks the rest.
 */
export function actionFromForm(type: CaseActionType, form: Record<string, string>): Record<string, unknown> {
  const action: Record<string, unknown> = { type };
  for (const field of actionForms[type]) {
    const value = form[field.name]?.trim();
    if (!value) continue;
    if (field.name === 'months') action[field.name] = Number(value);
    else if (field.name === 'granted') action[field.name] = value === 'true';
    else action[field.name] = value;
  }
  return action;
}
