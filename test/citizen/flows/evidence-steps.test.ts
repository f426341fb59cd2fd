import { describe, expect, it } from 'vitest';
import {
  atCrimeTip,
  type EngineDriver,
  photo,
  sticker,
  textOnlyCapabilities,
} from '../../support/engine-driver.ts';

/** A crime tip at the evidence question. */
function atEvidence(driver = atCrimeTip()): EngineDriver {
  driver.press('Ma túy');
  driver.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
  driver.press('Hôm nay');
  driver.press('Không rõ');
  driver.press('Bỏ qua');
  expect(driver.state.step).toBe('tip_evidence');
  return driver;
}

describe('evidence step', () => {
  it('offers "skip" before any file and "done" after one', () => {
    const d = atEvidence();
    expect(d.question().choiceIds).toEqual(['skip', 'nav_back', 'nav_cancel']);
    const exchange = d.attach(photo());
    expect(exchange.replies[0]?.choiceIds).toEqual(['done']);
  });

  it('counts each photo as it arrives', () => {
    const d = atEvidence();
    expect(d.attach(photo()).text).toBe('Đã nhận tệp thứ 1. Gửi thêm, hoặc bấm "Xong".');
    expect(d.attach(photo()).text).toBe('Đã nhận tệp thứ 2. Gửi thêm, hoặc bấm "Xong".');
    expect(d.state.draft.attachments).toHaveLength(2);
    expect(d.state.step).toBe('tip_evidence');
  });

  it('acknowledges an album once and keeps every photo of it', () => {
    const d = atEvidence();
    const replies = [1, 2, 3].flatMap(() => d.attach(photo(), { groupId: 'album-1' }).replies);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('tệp thứ 1');
    expect(d.state.draft.attachments).toHaveLength(3);
  });

  it('acknowledges a second album separately', () => {
    const d = atEvidence();
    d.attach(photo(), { groupId: 'album-1' });
    d.attach(photo(), { groupId: 'album-1' });
    const exchange = d.attach(photo(), { groupId: 'album-2' });
    expect(exchange.text).toContain('tệp thứ 3');
  });

  it('refuses an eleventh file, keeping ten', () => {
    const d = atEvidence();
    for (let i = 0; i < 10; i++) d.attach(photo());
    const exchange = d.attach(photo());
    expect(exchange.replies[0]?.keys[0]).toBe('evidence.too_many');
    expect(exchange.replies[0]?.text).toContain('tối đa 10 tệp');
    expect(d.state.draft.attachments).toHaveLength(10);
  });

  it('refuses a sticker as evidence', () => {
    const d = atEvidence();
    const exchange = d.attach(sticker());
    expect(exchange.replies[0]?.keys[0]).toBe('evidence.sticker_declined');
    expect(d.state.draft.attachments).toEqual([]);
  });

  it('keeps a caption with the notes of the report', () => {
    const d = atEvidence();
    d.attach(photo(), { caption: 'Biển số 29A1-12345' });
    expect(d.state.draft.amendments).toEqual(['Biển số 29A1-12345']);
  });

  it('keeps documents and videos as well as photos', () => {
    const d = atEvidence();
    d.attach({
      kind: 'document',
      platformFileId: 'doc-1',
      fileName: 'sao-ke.pdf',
      mimeType: 'application/pdf',
    });
    d.attach({ kind: 'video', platformFileId: 'video-1' });
    expect(d.state.draft.attachments.map((a) => a.kind)).toEqual(['document', 'video']);
  });

  it('keeps typed text as a note and stays at the question', () => {
    const d = atEvidence();
    const exchange = d.text('Tôi có ghi âm nhưng chưa gửi được');
    expect(exchange.replies[0]?.keys).toEqual(['evidence.note_kept']);
    expect(d.state.step).toBe('tip_evidence');
    expect(d.state.draft.amendments).toEqual(['Tôi có ghi âm nhưng chưa gửi được']);
  });

  it('moves on with "done" and shows the count in the review', () => {
    const d = atEvidence();
    d.attach(photo());
    d.attach(photo());
    d.press('Xong');
    expect(d.state.step).toBe('tip_anonymity');
    d.press('Ẩn danh');
    expect(d.question().text).toContain('• Tệp đính kèm: 2');
  });

  it('takes "done" typed without diacritics', () => {
    const d = atEvidence();
    d.attach(photo());
    d.text('xong');
    expect(d.state.step).toBe('tip_anonymity');
  });

  it('says when the channel cannot take files', () => {
    const d = atEvidence(atCrimeTip({ capabilities: textOnlyCapabilities }));
    expect(d.question().keys).toEqual(['evidence.question_no_files']);
  });
});

describe('a photo sent before the evidence question', () => {
  it('is kept in the draft and the current question is not disturbed', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    const early = photo();
    const exchange = d.attach(early, { caption: 'Ảnh quán' });
    expect(exchange.text).toBe('Đã nhận tệp, tệp sẽ được gửi kèm tin báo.');
    expect(d.state.step).toBe('tip_description');
    expect(d.state.draft.attachments).toEqual([early]);
    expect(d.state.draft.amendments).toEqual(['Ảnh quán']);
  });

  it('is counted at the evidence question, which then offers "done"', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.attach(photo());
    d.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    d.press('Hôm nay');
    d.press('Không rõ');
    d.press('Bỏ qua');
    const question = d.question();
    expect(question.text).toContain('Đã nhận 1 tệp.');
    expect(question.choiceIds[0]).toBe('done');
  });

  it('in an album is acknowledged once', () => {
    const d = atCrimeTip();
    const replies = [1, 2].flatMap(() => d.attach(photo(), { groupId: 'album-9' }).replies);
    expect(replies).toHaveLength(1);
    expect(d.state.draft.attachments).toHaveLength(2);
  });

  it('counts toward the limit of ten', () => {
    const d = atCrimeTip();
    for (let i = 0; i < 10; i++) d.attach(photo());
    const exchange = d.attach(photo());
    expect(exchange.replies[0]?.keys).toEqual(['evidence.too_many', 'tip.category_question']);
    expect(d.state.draft.attachments).toHaveLength(10);
  });
});
