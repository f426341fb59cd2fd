/**
 * A platform's or library's error text with whatever could identify a person taken out: links,
 * e-mail addresses and runs of six or more digits (user and chat ids, phone numbers), so it can be
 * stored (`outbound_message.last_error`) and logged. Platforms sometimes echo the recipient.
 * Example: `redactIdentifiers('user 2468458835296117922 not found')` → `'user <number> not found'`.
 */
export function redactIdentifiers(text: string): string {
  return text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<link>')
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '<email>')
    .replace(/\+?\d[\d .-]{4,}\d/g, (run) => (run.replace(/\D/g, '').length >= 6 ? '<number>' : run));
}
