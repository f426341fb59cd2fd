import type { RenderedReply, Reply } from '../../citizen/engine/reply.ts';
import { translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';

const requestLabels = { location: 'place.share_location', contact: 'contact.share' } as const;

/** Translates a reply into the citizen's language; choices keep their ids and get numbers. */
export function renderReply(reply: Reply, language: Language): RenderedReply {
  const rendered: RenderedReply = {
    text: reply.text.map((line) => translate(language, line)).join('\n'),
    language,
    choices: (reply.choices ?? []).map((choice, index) => ({
      id: choice.id,
      label: 'literal' in choice.label ? choice.label.literal : translate(language, choice.label),
      number: index + 1,
    })),
  };
  if (reply.stepName) rendered.stepName = reply.stepName;
  if (reply.request) {
    rendered.request = reply.request;
    rendered.requestLabel = translate(language, { key: requestLabels[reply.request] });
  }
  return rendered;
}
