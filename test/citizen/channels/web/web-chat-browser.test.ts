import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptCodeKey } from '../../../../src/intake/register/receipt-code-key.ts';
import { useChromium } from '../../../support/use-chromium.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

const screenshotPath = 'test-results/web-chat-receipt.png';

let harness: WebChatHarness;
const browser = useChromium();
// A police unit's website on another origin, embedding the chat with one script tag.
let unitSite: Server;
let unitSiteUrl = '';
beforeAll(async () => {
  unitSite = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      `<!doctype html><html lang="vi"><head><title>Công an xã</title></head><body><h1>Công an xã</h1>` +
        `<script src="${harness.baseUrl}/chat/embed.js" defer></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => unitSite.listen(0, '127.0.0.1', resolve));
  unitSiteUrl = `http://127.0.0.1:${(unitSite.address() as AddressInfo).port}`;
  harness = await startWebChatHarness({ DEMO_MODE: 'true', WEB_CHAT_EMBED_ORIGINS: unitSiteUrl });
});
afterAll(async () => {
  await harness?.stop();
  if (unitSite) await new Promise((resolve) => unitSite.close(resolve));
});

/** Presses the enabled button with this label: only the latest question's buttons are enabled. */
async function press(page: Page, label: string): Promise<void> {
  await page.locator('.choices button:enabled', { hasText: label }).first().click();
}

/** Types into the message box and sends, with Enter or the Send button. */
async function type(page: Page, text: string, how: 'enter' | 'button' = 'enter'): Promise<void> {
  await page.locator('#input').fill(text);
  if (how === 'enter') await page.locator('#input').press('Enter');
  else await page.getByRole('button', { name: 'Gửi', exact: true }).click();
}

describe('the web chat in a real browser (Debian chromium)', () => {
  it('walks a phone user through a crime tip to the receipt of the committed report', async () => {
    const context = await browser().newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      geolocation: { latitude: 21.0333, longitude: 105.85 },
    });
    await context.grantPermissions(['geolocation'], { origin: harness.baseUrl });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(harness.baseUrl)) problems.push(`outside request: ${request.url()}`);
    });

    await page.goto(`${harness.baseUrl}/chat`);
    await expect.poll(() => page.locator('.emergency').innerText()).toContain('113');
    await press(page, 'Tiếng Việt');
    await press(page, 'Tố giác tội phạm');
    await press(page, 'Ma túy');
    await type(page, 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await press(page, 'Hôm nay');
    // The browser's own location, through the page's location button.
    await press(page, 'Gửi vị trí');
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('Đã ghi nhận vị trí');
    await type(page, 'Một thanh niên đi xe máy biển 29A1-12345', 'button');
    // "1" is the number of the first choice ("Bỏ qua"): typed numbers work like buttons.
    await expect
      .poll(() => page.locator('.msg.bot').last().innerText())
      .toContain('Kênh này chưa nhận được tệp');
    await type(page, '1');
    await press(page, 'Ẩn danh');
    await expect
      .poll(() => page.locator('.msg.bot').last().innerText())
      .toContain('Vui lòng kiểm tra lại thông tin');
    await press(page, 'Gửi tin');

    const receipt = page.locator('.msg.receipt');
    await receipt.waitFor();
    const receiptText = await receipt.innerText();
    const code = /Mã tra cứu: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})/.exec(receiptText)?.[1];
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receiptText)?.[1];
    expect(code).toBeDefined();
    expect(register).toBeDefined();
    // The menu follows the receipt; wait for it so the screenshot shows the settled chat.
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('Bạn muốn làm gì');
    await expect.poll(() => page.locator('#status').innerText()).toBe('');
    await receipt.scrollIntoViewIfNeeded();
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: screenshotPath });

    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
    });
    expect(report.receiptCodeHash).toBe(receiptCodeKey(harness.app.protection, code ?? ''));
    expect(report).toMatchObject({
      channel: 'web',
      category: 'drugs',
      description: 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.',
      latitude: 21.0333,
      longitude: 105.85,
      anonymity: 'anonymous',
    });

    // A reload keeps the conversation (this tab's storage) and shows the receipt once.
    await page.reload();
    await expect.poll(() => page.locator('.msg.receipt').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("opens from a unit's website through the one-tag snippet", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(unitSiteUrl);
    const button = page.getByRole('button', { name: /Báo tin cho Công an/ });
    await button.click();
    const chat = page.frameLocator('iframe[title="Trò chuyện báo tin Tin Báo"]');
    await expect.poll(() => chat.locator('.emergency').innerText()).toContain('113');
    await chat.locator('.choices button:enabled', { hasText: 'Tiếng Việt' }).first().click();
    await expect.poll(() => chat.locator('.msg.bot').last().innerText()).toContain('Bạn muốn làm gì');
    await page.getByRole('button', { name: /Đóng/ }).click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});
