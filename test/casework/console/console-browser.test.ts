import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReceiptNotices } from '../../../src/casework/notices/send-receipt-notices.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { totpCodeFor } from '../../support/totp-code.ts';
import { useChromium } from '../../support/use-chromium.ts';

const browser = useChromium();
let harness: ConsoleHarness;
let officer: TestOfficer;
let lead: TestOfficer;
let reports: string[];

beforeAll(async () => {
  // A bot token, so the Telegram page offers linking (no Telegram is reached).
  harness = await startConsoleHarness({
    TELEGRAM_BOT_TOKEN: '1:browser',
    TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
  });
  reports = await harness.seedReports(2);
  const unit = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
    reports[0],
  ]);
  const unitId = unit.rows[0]?.unit_id ?? null;
  officer = await harness.enrol({
    username: 'browser-officer',
    role: 'officer',
    unitId,
    displayName: 'Nguyễn Văn An',
  });
  lead = await harness.enrol({
    username: 'browser-lead',
    role: 'unit_lead',
    unitId,
    displayName: 'Trần Thị Bình',
  });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

/** Logs in through the form, with the code of the TOTP step after the last one used. */
async function logIn(page: Page, who: TestOfficer, step: number) {
  await page.goto(`${harness.baseUrl}/console/login`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByLabel('Mã xác thực').fill(totpCodeFor(who.totpSecret, step));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Opens an action's form (if folded) and submits it with its fields. */
async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  const summary = page.locator('summary', { hasText: action });
  if ((await summary.count()) > 0) await summary.first().click();
  for (const [label, value] of Object.entries(fields)) {
    const field = page.locator('details[open]').getByLabel(label, { exact: false }).first();
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
  const scope = (await summary.count()) > 0 ? page.locator('details[open]') : page.locator('.actions');
  await scope.getByRole('button', { name: action }).first().click();
  await page.waitForLoadState('load');
}

describe('the console in a browser', () => {
  it('takes a tip from the queue through accept, extend and decide, on a phone and on a desktop', {
    timeout: 90_000,
  }, async () => {
    const now = Math.floor(Date.now() / 30_000);
    const phone = await browser().newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await phone.newPage();
    await logIn(page, officer, now + 1);
    await expect.poll(() => page.url()).toMatch(/\/console$/);
    await page.screenshot({ path: 'test-results/console-queue-phone.png', fullPage: true });
    const queueText = await page.locator('main').innerText();
    expect(queueText).toContain('Hàng chờ của đơn vị');
    expect(queueText).toMatch(/còn \d+ giờ/);

    await page.locator(`a[href="/console/reports/${reports[0]}"]`).click();
    await act(page, 'Nhận xử lý');
    await act(page, 'Phân loại', { 'Kết quả': 'Thuộc thẩm quyền' });
    await act(page, 'Thụ lý');
    await act(page, 'Bắt đầu xác minh');
    const afterAccept = await page.locator('main').innerText();
    expect(afterAccept).toContain('Đang kiểm tra, xác minh');
    await page.screenshot({ path: 'test-results/console-report-phone.png', fullPage: true });
    await phone.close();

    const desktop = await browser().newContext({ viewport: { width: 1366, height: 900 } });
    const leadPage = await desktop.newPage();
    await logIn(leadPage, lead, now + 1);
    await leadPage.goto(`${harness.baseUrl}/console/reports/${reports[0]}`);
    const before = await leadPage.locator('section', { hasText: 'Thời hạn theo luật' }).innerText();
    await act(leadPage, 'Gia hạn (tổng 2 tháng)', { 'Lý do': 'Vụ việc phức tạp, phải xác minh ở nhiều nơi' });
    const after = await leadPage.locator('section', { hasText: 'Thời hạn theo luật' }).innerText();
    expect(after).not.toBe(before);
    expect(after).toContain('decide_extended');
    await act(leadPage, 'Ra quyết định', {
      'Quyết định': 'Khởi tố vụ án',
      'Căn cứ pháp lý': 'Điều 143, 153 BLTTHS 2015',
    });
    const decided = await leadPage.locator('main').innerText();
    expect(decided).toContain('Đã quyết định khởi tố vụ án');
    expect(decided).toContain('Gửi quyết định cho Viện kiểm sát');
    await leadPage.screenshot({ path: 'test-results/console-report-desktop.png', fullPage: true });
    await desktop.close();
  });

  it('gives an officer a code to link Telegram on a phone', { timeout: 60_000 }, async () => {
    const phone = await browser().newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await phone.newPage();
    // An account of its own: the other test used the officer's and the lead's next TOTP step.
    const linker = await harness.enrol({
      username: 'browser-linker',
      role: 'officer',
      unitId: officer.unitId,
    });
    await logIn(page, linker, Math.floor(Date.now() / 30_000) + 1);
    await expect.poll(() => page.url()).toMatch(/\/console$/);
    await page.getByRole('link', { name: 'Telegram' }).click();
    expect(await page.locator('main').innerText()).toContain('Chưa liên kết.');
    await page.getByRole('button', { name: 'Lấy mã liên kết' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main code').innerText()).toMatch(/^\/link [A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.screenshot({ path: 'test-results/console-telegram-phone.png', fullPage: true });

    // An urgent report of the unit: the alert is on the officer's list, new until seen.
    const [urgent = ''] = await harness.seedReports(1);
    await harness.pool.query('UPDATE report SET priority = 1 WHERE id = $1', [urgent]);
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 10, {
      urgentPriority: 1,
    });
    await page.getByRole('link', { name: 'Nhắc việc' }).click();
    const alerts = await page.locator('main').innerText();
    expect(alerts).toContain('Tin báo khẩn');
    expect(alerts).toContain('mới');
    await page.screenshot({ path: 'test-results/console-alerts-phone.png', fullPage: true });
    await page.reload();
    expect(await page.locator('main').innerText()).not.toContain('mới');
    await phone.close();
  });
});
