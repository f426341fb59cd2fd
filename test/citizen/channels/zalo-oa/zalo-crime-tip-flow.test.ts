import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrlHash } from '../../../../src/citizen/media/media-downloader.ts';
import { answerTip, fullTip, ScriptRun } from '../../../parity/parity-scripts.ts';
import { readChannelParts } from '../../../parity/read-channel-parts.ts';
import { readParityReport } from '../../../parity/read-parity-report.ts';
import { zaloOaParityChat } from '../../../parity/zalo-oa-parity-channel.ts';
import { eventually } from '../../../support/eventually.ts';
import { startZaloOaHarness, ZaloChat, type ZaloOaHarness } from '../../../support/zalo-oa-harness.ts';

// What every channel does alike is in test/parity; here is what only Zalo OA does in a chat.
let harness: ZaloOaHarness;
beforeAll(async () => {
  harness = await startZaloOaHarness({ ZALO_OA_CONTACT_IMAGE_URL: 'https://example.gov.vn/phone.png' });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

describe('a crime tip over Zalo OA', () => {
  it('shows two choices as buttons and seven as a numbered list, explains Zalo’s location, and takes up a photo link at once', async () => {
    const chat = new ZaloChat(harness);
    const said = await answerTip(new ScriptRun(zaloOaParityChat(chat)), fullTip, { until: 'evidence' });
    // Two choices fit as oa.query.hide buttons whose payload names the step and the choice.
    const language = chat.messages().find((m) => m.text?.includes('chọn ngôn ngữ'));
    expect(language?.buttons.map((b) => [b.type, b.payload])).toEqual([
      ['oa.query.hide', '#c|language|vi'],
      ['oa.query.hide', '#c|language|en'],
    ]);
    // Seven menu entries are more than Zalo's five buttons: a numbered list (the script typed numbers).
    const menu = chat.messages().find((m) => m.text?.includes('Bạn muốn làm gì'));
    expect(menu?.buttons).toEqual([]);
    expect(menu?.text).toContain('1. Tố giác tội phạm');
    // The place question explains Zalo's own location feature.
    expect(said.when?.at(-1)?.text).toContain('chọn "Vị trí"');
    // The photo link is taken up right after its event was committed; nothing resolves the test's
    // media host, so it is recorded as refused rather than fetched.
    const url = 'https://f1.media.invalid/photo/abc.jpg';
    await chat.send(chat.citizen.image(url));
    const media = await eventually(
      () =>
        harness.app.db.mediaFile.findMany({
          where: { urlHash: mediaUrlHash(url) },
          select: { status: true, reason: true, channel: true },
        }),
      (rows) => rows.length === 1,
    );
    expect(media).toEqual([{ status: 'refused', reason: 'host does not resolve', channel: 'zalo_oa' }]);
  });

  it('takes a confidential phone from the request_user_info card, in international form', async () => {
    const chat = new ZaloChat(harness);
    const run = new ScriptRun(zaloOaParityChat(chat));
    await answerTip(run, fullTip, { until: 'anonymity' });
    const contactAsk = await chat.press('Giữ bí mật');
    // The question with its buttons, then the card: one element, as Zalo requires.
    expect(contactAsk.map((m) => m.templateType ?? (m.buttons.length > 0 ? 'buttons' : 'text'))).toEqual([
      'buttons',
      'request_user_info',
    ]);
    const card = contactAsk[1]?.attachment as { payload: { elements: unknown[] } };
    expect(card.payload.elements).toHaveLength(1);
    await chat.send(chat.citizen.submitInfo('84912345678'));
    await run.choose('Gửi tin');
    const register = run.outcome.registerNumbers[0] ?? '';
    expect((await readParityReport(harness.config.DATABASE_URL, register))?.anonymity).toBe('confidential');
    const parts = await readChannelParts(harness.config.DATABASE_URL, harness.app.protection, register);
    expect(parts.phone).toBe('+84912345678');
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
