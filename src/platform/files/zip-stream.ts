import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * A ZIP archive written as it goes (deflated entries with data descriptors, no ZIP64: under 4 GB),
 * so an export of any length is streamed in flat memory. `out`'s backpressure is respected.
 * @example const zip = new ZipStream(reply.raw); await zip.add('a.txt', rows()); await zip.finish();
 */
export class ZipStream {
  private readonly entries: Entry[] = [];
  private written = 0;

  constructor(private readonly out: Writable) {}

  /** Adds one file from its chunks, deflated on the way. */
  async add(name: string, chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): Promise<void> {
    const entry: Entry = {
      name: Buffer.from(name, 'utf8'),
      offset: this.written,
      crc: 0,
      compressed: 0,
      size: 0,
    };
    // Version 2.0, bit 3 (sizes in the data descriptor) and bit 11 (UTF-8 names), deflate, no time.
    await this.write(
      header(0x04034b50, [
        [20, 2],
        [0x0808, 2],
        [8, 2],
        [0, 4],
        [0, 4],
        [0, 4],
        [0, 4],
        [entry.name.length, 2],
        [0, 2],
      ]),
    );
    await this.write(entry.name);
    const deflate = createDeflateRaw({ level: 6 });
    const pumped = (async () => {
      for await (const piece of deflate) {
        entry.compressed += (piece as Buffer).length;
        await this.write(piece as Buffer);
      }
    })();
    for await (const chunk of chunks) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      if (!deflate.write(data)) await once(deflate, 'drain');
    }
    deflate.end();
    await pumped;
    await this.write(
      header(0x08074b50, [
        [entry.crc, 4],
        [entry.compressed, 4],
        [entry.size, 4],
      ]),
    );
    this.entries.push(entry);
  }

  /** Writes the central directory; the archive is complete once it resolves. */
  async finish(): Promise<void> {
    const start = this.written;
    for (const e of this.entries) {
      await this.write(
        header(0x02014b50, [
          [20, 2],
          [20, 2],
          [0x0808, 2],
          [8, 2],
          [0, 4],
          [e.crc, 4],
          [e.compressed, 4],
          [e.size, 4],
          [e.name.length, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 2],
          [0, 4],
          [e.offset, 4],
        ]),
      );
      await this.write(e.name);
    }
    const size = this.written - start;
    const count = this.entries.length;
    await this.write(
      header(0x06054b50, [
        [0, 2],
        [0, 2],
        [count, 2],
        [count, 2],
        [size, 4],
        [start, 4],
        [0, 2],
      ]),
    );
  }

  private async write(data: Buffer): Promise<void> {
    this.written += data.length;
    if (!this.out.write(data)) await once(this.out, 'drain');
  }
}

/** A ZIP record: its signature, then little-endian fields of 2 or 4 bytes. */
function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(4 + fields.reduce((n, [, bytes]) => n + bytes, 0));
  buffer.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, bytes] of fields) {
    if (bytes === 2) buffer.writeUInt16LE(value, at);
    else buffer.writeUInt32LE(value >>> 0, at);
    at += bytes;
  }
  return buffer;
}
