import { type Language, languages } from '../../engine/conversation-state.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import { catalogueKeys, translate } from '../../text/translate.ts';
import { splitZaloText } from './split-zalo-text.ts';
import { encodeChoicePayload } from './zalo-choice-payload.ts';
import type { ZaloMessage } from './zalo-oa-api.ts';

/** Zalo shows at most this many buttons under a consultation message. */
export const ZALO_MAX_BUTTONS = 5;
/** Zalo's limit on a button title. */
const MAX_BUTTON_TITLE_CHARS = 100;
const MAX_CARD_TITLE_CHARS = 100;
const MAX_CARD_SUBTITLE_CHARS = 500;

export interface ZaloRenderOptions {
  /** The picture of the "share your phone" card; without it no card is sent. */
  contactImageUrl?: string | undefined;
}

/** A reply the Zalo adapter cannot show; a bug in a flow, not something a retry fixes. */
export class UnrenderableZaloReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrenderableZaloReplyError';
  }
}

/**
 * Turns a translated reply into the Zalo messages that show it, in order. Up to five choices become
 * `oa.query.hide` buttons on the last text part, whose payload `#c|<step>|<id>` comes back as the
 * citizen's text; more choices than that are listed by number in the text (typed numbers are
 * understood). A location request adds how to share a location in Zalo; a contact request is
 * followed by a `request_user_info` card (one element, as Zalo requires). Texts over 2,000
 * characters are split.
 */
export function renderZaloMessages(reply: RenderedReply, options: ZaloRenderOptions = {}): ZaloMessage[] {
  const language = languageOf(reply);
  const asButtons = reply.choices.length > 0 && reply.choices.length <= ZALO_MAX_BUTTONS;
  let text = reply.text;
  if (reply.choices.length > 0 && !asButtons) {
    const list = reply.choices.map((choice) => `${choice.number}. ${choice.label}`).join('\n');
    text = `${text}\n\n${list}\n${translate(language, { key: 'zalo.choose_by_number' })}`;
  }
  if (reply.request === 'location') text = `${text}\n\n${translate(language, { key: 'zalo.location_hint' })}`;

  const parts = splitZaloText(text);
  const messages: ZaloMessage[] = parts.map((part) => ({ text: part }));
  if (asButtons) {
    const { stepName } = reply;
    if (!stepName) throw new UnrenderableZaloReplyError('choices need the stepName they belong to');
    const buttons = reply.choices.map((choice) => ({
      title: [...choice.label].slice(0, MAX_BUTTON_TITLE_CHARS).join(''),
      type: 'oa.query.hide',
      payload: encodeChoicePayload(stepName, choice.id),
    }));
    const last = messages[messages.length - 1] as ZaloMessage;
    last.attachment = { type: 'template', payload: { buttons } };
  }
  if (reply.request === 'contact' && options.contactImageUrl) {
    messages.push({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'request_user_info',
          elements: [
            {
              title: cut(translate(language, { key: 'zalo.contact_card_title' }), MAX_CARD_TITLE_CHARS),
              subtitle: cut(
                translate(language, { key: 'zalo.contact_card_subtitle' }),
                MAX_CARD_SUBTITLE_CHARS,
              ),
              image_url: options.contactImageUrl,
            },
          ],
        },
      },
    });
  }
  return messages;
}

const requestLabelKeys = { location: 'place.share_location', contact: 'contact.share' } as const;

// A rendered reply does not say its language; the request button's label, translated by the
// intake, does. Replies without a request need no text of this adapter's but the number hint,
// which then follows the button labels' language guess (Vietnamese by default).
function languageOf(reply: RenderedReply): Language {
  if (reply.request && reply.requestLabel) {
    for (const language of languages) {
      if (translate(language, { key: requestLabelKeys[reply.request] }) === reply.requestLabel)
        return language;
    }
  }
  let best: Language = 'vi';
  let bestHits = 0;
  for (const language of languages) {
    const hits = reply.choices.filter((c) => catalogueValues[language].has(c.label)).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

const catalogueValues = Object.fromEntries(
  languages.map((language) => [
    language,
    new Set(catalogueKeys(language).map((key) => translate(language, { key }))),
  ]),
) as Record<Language, Set<string>>;

function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}
