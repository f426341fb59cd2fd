/**
 * What the engine asks a channel to show, before translation. `key` names a text in
 * `locales/<lang>/messages.json`; `params` fill its `{name}` placeholders.
 */
export interface LocalText {
  key: string;
  /** Values for placeholders; a nested LocalText is translated first (a category's label). */
  params?: Record<string, string | number | LocalText>;
}
