/** Types a browser may show inline, each with the first bytes a file of that type starts with. */
const inlineTypes: Record<string, (body: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  'video/mp4': (b) => b.toString('latin1', 4, 8) === 'ftyp',
  'application/pdf': (b) => b.toString('latin1', 0, 5) === '%PDF-',
};

const aliases: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/**
 * How a kept file is served: inline with its type when the type is on the allow-list and the
 * bytes start as such a file does; anything else (an unknown type, a missing one, an executable
 * sent as `.jpg`) as `application/octet-stream`, to be saved rather than shown.
 * @example evidenceContentType('image/jpeg; charset=binary', body) // { type: 'image/jpeg', inline: true }
 */
export function evidenceContentType(
  declared: string | null,
  body: Buffer,
): { type: string; inline: boolean } {
  const bare = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const type = aliases[bare] ?? bare;
  const matches = Object.hasOwn(inlineTypes, type) ? inlineTypes[type] : undefined;
  if (matches?.(body)) return { type, inline: true };
  return { type: 'application/octet-stream', inline: false };
}
