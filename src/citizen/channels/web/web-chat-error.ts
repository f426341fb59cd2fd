import { translate } from '../../../platform/text/translate.ts';
import type { Language } from '../../../platform/vocabulary/language.ts';

export type WebChatErrorCode =
  | 'invalid'
  | 'empty'
  | 'too_long'
  | 'too_large'
  | 'unsupported_media_type'
  | 'session'
  | 'rate_limited'
  | 'unavailable'
  | 'not_found';

const statusOf: Record<WebChatErrorCode, number> = {
  invalid: 400,
  empty: 400,
  too_long: 400,
  too_large: 413,
  unsupported_media_type: 415,
  session: 401,
  rate_limited: 429,
  unavailable: 503,
  not_found: 404,
};

const textOf: Record<WebChatErrorCode, string> = {
  invalid: 'web_chat.error_invalid',
  empty: 'web_chat.error_empty',
  too_long: 'web_chat.error_too_long',
  too_large: 'web_chat.error_too_large',
  unsupported_media_type: 'web_chat.error_invalid',
  session: 'web_chat.error_session',
  rate_limited: 'web_chat.error_rate_limited',
  unavailable: 'web_chat.error_unavailable',
  not_found: 'web_chat.error_invalid',
};

/**
 * A refused web chat request: a code for the page, an HTTP status, and a message in the reporter's
 * language that the page shows as it is. Never carries what the reporter sent.
 */
export class WebChatError extends Error {
  readonly status: number;

  constructor(
    readonly code: WebChatErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`web chat request refused: ${code}`);
    this.name = 'WebChatError';
    this.status = statusOf[code];
  }

  /** The JSON body answered to the page. */
  body(language: Language): { error: WebChatErrorCode; message: string } {
    return {
      error: this.code,
      message: translate(language, { key: textOf[this.code], params: this.params }),
    };
  }
}
