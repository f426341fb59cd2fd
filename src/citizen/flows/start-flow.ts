import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { Step } from '../engine/step.ts';
import { awarenessCard, emergencyCard } from './info-cards.ts';

const menuChoices = ['tip', 'trafficking', 'status', 'follow_up', 'awareness', 'emergency', 'language'];
const menuTargets: Record<string, string> = {
  tip: 'tip_category',
  trafficking: 'tr_danger',
  status: 'st_code',
  follow_up: 'fu_code',
  language: 'language',
};

export const menuStep: Step = choiceStep({
  name: 'menu',
  flow: 'start',
  question: { key: 'menu.question' },
  choices: () => menuChoices.map((id) => keyedChoice(id, 'menu')),
  choose: (id, state, ctx) => {
    const target = menuTargets[id];
    if (target) return { kind: 'next', state, to: target };
    const card = id === 'emergency' ? emergencyCard : awarenessCard;
    return { kind: 'stay', state, replies: [card, menuStep.prompt(state, ctx)] };
  },
});

export const languageStep: Step = choiceStep({
  name: 'language',
  flow: 'start',
  question: { key: 'language.question' },
  choices: () => [
    { id: 'vi', label: { literal: 'Tiếng Việt' } },
    { id: 'en', label: { literal: 'English' } },
  ],
  choose: (id, state) => ({
    kind: 'next',
    state: { ...state, language: id === 'en' ? 'en' : 'vi', languageChosen: true },
    to: 'menu',
  }),
});
