import { AppError } from '../../../platform/errors/app-error.ts';
import { translate } from '../../../platform/text/translate.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import { numberedChoicesText } from '../numbered-choices-text.ts';
import { splitMessageText } from '../split-message-text.ts';
import { encodeChoicePayload } from './zalo-choice-payload.ts';
import type { ZaloMessage } from './zalo-oa-api.ts';

/** Zalo refuses consultation texts longer than this. */
export const ZALO_MAX_TEXT_CHARS = 2000;
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

/**
 * Turns a translated reply into the Zalo messages that show it, in order. Up to five choices become
 * `oa.query.hide` buttons on the last text part, whose payload `#c|<step>|<id>` comes back as the
 * citizen's text; more choices than that are listed by number in the text (typed numbers are
 * understood). A location request adds how to share a location in Zalo; a contact request is
 * followed by a `request_user_info` card (one element, as Zalo requires). Texts over 2,000
 * characters are split. A reply it cannot show (a bug in a flow, not something a retry fixes)
 * throws an AppError `unrenderable_reply`.
 */
export function renderZaloMessages(reply: RenderedReply, options: ZaloRenderOptions = {}): ZaloMessage[] {
  const language = reply.language ?? 'vi';
  const asButtons = reply.choices.length > 0 && reply.choices.length <= ZALO_MAX_BUTTONS;
  let text = asButtons ? reply.text : numberedChoicesText(reply);
  if (reply.request === 'location') text = `${text}\n\n${translate(language, { key: 'zalo.location_hint' })}`;

  const parts = splitMessageText(text, ZALO_MAX_TEXT_CHARS);
  const messages: ZaloMessage[] = parts.map((part) => ({ text: part }));
  if (asButtons) {
    const { stepName } = reply;
    if (!stepName) throw new AppError('unrenderable_reply', 'choices need the stepName they belong to');
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

function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}
