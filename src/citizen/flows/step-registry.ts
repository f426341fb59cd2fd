import type { Step } from '../engine/step.ts';
import type { StepRegistry } from '../engine/turn-kit.ts';
import { crimeTipSteps } from './crime-tip-flow.ts';
import { followUpSteps } from './follow-up-flow.ts';
import { emergencyCard, helpCard } from './info-cards.ts';
import { languageStep, menuStep } from './start-flow.ts';
import { statusSteps } from './status-flow.ts';
import { statusQueryCode } from './status-query.ts';
import { traffickingSteps } from './trafficking-flow.ts';

/** Every flow's steps by name. Step names are unique: they travel in button data. */
export function buildStepRegistry(): StepRegistry {
  const steps = new Map<string, Step>();
  for (const step of [
    menuStep,
    languageStep,
    ...crimeTipSteps(),
    ...traffickingSteps(),
    ...statusSteps(),
    ...followUpSteps(),
  ]) {
    if (steps.has(step.name)) throw new Error(`duplicate step name ${step.name}`);
    steps.set(step.name, step);
  }
  const entries = {
    crime_tip: 'tip_category',
    trafficking: 'tr_danger',
    status: 'st_code',
    follow_up: 'fu_code',
  };
  return {
    step: (name) => steps.get(name),
    entry: (flow) => entries[flow],
    menuStep: menuStep.name,
    languageStep: languageStep.name,
    answerStep: 'fu_content',
    emergencyCard,
    helpCard,
    statusQuery: statusQueryCode,
  };
}
