import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('redacts chat ids, phones, message text and whole updates wherever they appear', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        chatId: '5123456789',
        phone: '+84912345678',
        update: { message: { text: 'Nguyễn Văn Marker bán ma túy', from: { id: 5123456789 } } },
        reply: { text: 'Mã tra cứu: ABCD-EFGH-JKMNP' },
        contact: { phone_number: '84912345678' },
        eventId: '42',
      },
      'inbound event',
    );
    const output = lines.join('');
    for (const secret of ['5123456789', '912345678', 'Marker', 'ABCD-EFGH'])
      expect(output).not.toContain(secret);
    expect(output).toContain('"eventId":"42"');
    expect(output).toContain('[redacted]');
  });
});
