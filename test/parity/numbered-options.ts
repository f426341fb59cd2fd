/** The labels of the "1. label" lines of a message, in order. */
export function numberedOptions(text: string): string[] {
  return [...text.matchAll(/^\d{1,2}\. (.+)$/gm)].map((match) => match[1] ?? '');
}
