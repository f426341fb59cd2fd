import { describe, expect, it } from 'vitest';
import { evidenceContentType } from '../../../src/casework/evidence/evidence-content-type.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42')]);
const pdf = Buffer.from('%PDF-1.7\n');
const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);
const page = Buffer.from('<html><script>alert(1)</script></html>');

const download = { type: 'application/octet-stream', inline: false };

describe('the type a kept file is served as', () => {
  it.each([
    ['image/jpeg', jpeg],
    ['image/png', png],
    ['image/webp', webp],
    ['video/mp4', mp4],
    ['application/pdf', pdf],
  ])('is %s, inline, when the file says so and its bytes agree', (type, body) => {
    expect(evidenceContentType(type, body)).toEqual({ type, inline: true });
  });

  it('reads the declared type without its parameters and in any case, and takes image/jpg for JPEG', () => {
    expect(evidenceContentType('Image/JPEG; charset=binary', jpeg)).toEqual({
      type: 'image/jpeg',
      inline: true,
    });
    expect(evidenceContentType('image/jpg', jpeg)).toEqual({ type: 'image/jpeg', inline: true });
  });

  it('is a download for an executable sent as a JPEG, and for a PNG sent as a JPEG', () => {
    expect(evidenceContentType('image/jpeg', executable)).toEqual(download);
    expect(evidenceContentType('image/jpeg', png)).toEqual(download);
  });

  it('is a download for any type off the list, however harmless its bytes look', () => {
    for (const type of [
      'text/html',
      'image/svg+xml',
      'application/javascript',
      'video/quicktime',
      'constructor',
    ])
      expect(evidenceContentType(type, page), type).toEqual(download);
    expect(evidenceContentType('image/gif', Buffer.from('GIF89a'))).toEqual(download);
  });

  it('is a download when no type came with the file, even if the bytes are a JPEG', () => {
    expect(evidenceContentType(null, jpeg)).toEqual(download);
    expect(evidenceContentType('', Buffer.alloc(0))).toEqual(download);
  });
});
