import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrlHash } from '../../../../src/citizen/media/media-downloader.ts';
import { createIdentityProtection } from '../../../../src/platform/identity/identity-protection.ts';
import { eventually } from '../../../support/eventually.ts';
import { startZaloOaHarness, ZaloChat, type ZaloOaHarness } from '../../../support/zalo-oa-harness.ts';

let harness: ZaloOaHarness;
beforeAll(async () => {
  harness = await startZaloOaHarness({ ZALO_OA_CONTACT_IMAGE_URL: 'https://example.gov.vn/phone.png' });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

async function reportOf(receiptText: string) {
  const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receiptText)?.[1];
  return harness.app.db.report.findUniqueOrThrow({
    where: { registerNumber: register ?? '' },
    include: { attachments: true, contact: true, events: true },
  });
}

describe('a crime tip over Zalo OA', () => {
  it('walks a citizen from a first message to a receipt, with buttons pressed and numbers typed', async () => {
    const chat = new ZaloChat(harness);
    await chat.text('Xin chào');
    expect(chat.lastText()).toContain('chọn ngôn ngữ');
    // Two choices fit as oa.query.hide buttons whose payload names the step and the choice.
    const language = chat.messages().at(-1);
    expect(language?.buttons.map((b) => [b.type, b.payload])).toEqual([
      ['oa.query.hide', '#c|language|vi'],
      ['oa.query.hide', '#c|language|en'],
    ]);
    await chat.press('Tiếng Việt');
    // Seven menu entries are more than Zalo's five buttons: a numbered list, answered by number.
    expect(chat.lastText()).toContain('Bạn muốn làm gì');
    expect(chat.messages().at(-1)?.buttons).toEqual([]);
    await chat.typeNumberOf('Tố giác tội phạm');
    await chat.typeNumberOf('Ma túy');
    await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await chat.typeNumberOf('Hôm nay');
    // The place question explains Zalo's own location feature and offers its choices as buttons.
    expect(chat.lastText()).toContain('chọn "Vị trí"');
    const afterPin = await chat.send(chat.citizen.location('21.0333', '105.85'));
    expect(afterPin[0]?.text).toContain('Đã ghi nhận vị trí');
    await chat.text('Một thanh niên đi xe máy biển 29A1-12345');
    await chat.send(chat.citizen.image('https://f1.media.invalid/photo/abc.jpg'));
    await chat.press('Xong');
    await chat.press('Ẩn danh');
    expect(chat.lastText()).toContain('Ma túy');
    const receipt = await chat.press('Gửi tin');
    const receiptText = receipt.map((m) => m.text ?? '').join('\n');
    expect(receiptText).toMatch(/Mã tra cứu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);

    const report = await reportOf(receiptText);
    expect(report).toMatchObject({
      kind: 'crime_tip',
      category: 'drugs',
      description: 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.',
      occurredWhen: 'today',
      latitude: 21.0333,
      longitude: 105.85,
      peopleText: 'Một thanh niên đi xe máy biển 29A1-12345',
      anonymity: 'anonymous',
      status: 'submitted',
      channel: 'zalo_oa',
    });
    expect(report.attachments.map((a) => [a.kind, a.platformFileId])).toEqual([
      ['photo', 'https://f1.media.invalid/photo/abc.jpg'],
    ]);
    // The photo link was taken up right after its event was committed; nothing resolves the test's
    // media host, so it is recorded as refused rather than fetched.
    const media = await eventually(
      () =>
        harness.app.db.mediaFile.findMany({
          where: { urlHash: mediaUrlHash('https://f1.media.invalid/photo/abc.jpg') },
          select: { status: true, reason: true, channel: true },
        }),
      (rows) => rows.length === 1,
    );
    expect(media).toEqual([{ status: 'refused', reason: 'host does not resolve', channel: 'zalo_oa' }]);
    expect(report.contact).toBeNull();
    expect(report.events.map((e) => e.toStatus)).toEqual(['submitted']);
    const outbox = await harness.app.db.outbox.findMany({ where: { aggregateId: report.id } });
    expect(outbox.map((o) => o.topic)).toEqual(['report.submitted']);
    expect(chat.messages().filter((m) => m.text?.includes('Mã tra cứu:'))).toHaveLength(1);
    // The reporter's Zalo id is only stored encrypted.
    const reporter = await harness.app.db.reporter.findUniqueOrThrow({ where: { id: report.reporterId } });
    expect(Buffer.from(reporter.chatIdEnc).toString('latin1')).not.toContain(chat.userId);
  });

  it('takes a confidential phone from the request_user_info card, in international form', async () => {
    const keys = {
      encryptionKey: harness.config.IDENTITY_ENCRYPTION_KEY,
      hashKey: harness.config.IDENTITY_HASH_KEY,
    };
    const protection = createIdentityProtection(keys);
    const chat = new ZaloChat(harness);
    await chat.text('hello');
    await chat.press('Tiếng Việt');
    await chat.typeNumberOf('Tố giác tội phạm');
    await chat.typeNumberOf('Lừa đảo');
    await chat.text('Một trang web giả danh ngân hàng lấy mật khẩu của tôi.');
    await chat.typeNumberOf('Hôm qua');
    await chat.press('Không rõ');
    await chat.press('Bỏ qua');
    await chat.press('Bỏ qua');
    const contactAsk = await chat.press('Giữ bí mật');
    // The question with its buttons, then the card: one element, as Zalo requires.
    expect(contactAsk.map((m) => m.templateType ?? (m.buttons.length > 0 ? 'buttons' : 'text'))).toEqual([
      'buttons',
      'request_user_info',
    ]);
    const card = contactAsk[1]?.attachment as { payload: { elements: unknown[] } };
    expect(card.payload.elements).toHaveLength(1);
    await chat.send(chat.citizen.submitInfo('84912345678'));
    const receipt = await chat.press('Gửi tin');
    const report = await reportOf(receipt.map((m) => m.text ?? '').join('\n'));
    expect(report.anonymity).toBe('confidential');
    expect(protection.cipher.decrypt(Buffer.from(report.contact?.phoneEnc ?? []))).toBe('+84912345678');
  });

  it('answers a sticker, a GIF and a forged button payload politely and keeps the conversation', async () => {
    const chat = new ZaloChat(harness);
    await chat.text('Xin chào');
    await chat.press('English');
    const gif = await chat.send(
      chat.citizen.message('user_send_gif', {
        attachments: [{ type: 'gif', payload: { url: 'https://f1.media.invalid/a.gif', thumbnail: '' } }],
      }),
    );
    expect(gif).toHaveLength(1);
    expect(gif[0]?.text).toContain('cannot be used here');
    expect(gif[0]?.text).toContain('What would you like to do');
    const forged = await chat.text('#c|menu|no_such_choice');
    expect(forged[0]?.text).toContain('What would you like to do');
    const stale = await chat.text('#c|tip_review|confirm');
    expect(stale[0]?.text).toContain('earlier question');
    expect(stale[0]?.text).toContain('What would you like to do');
  });
});
