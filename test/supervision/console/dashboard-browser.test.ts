import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/supervision/figures/figure-period.ts';
import { unitFigureScope } from '../../../src/supervision/figures/figure-scope.ts';
import { readFigureReports } from '../../../src/supervision/figures/read-figure-reports.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { totpCodeFor } from '../../support/totp-code.ts';
import { useChromium } from '../../support/use-chromium.ts';
import { insertSeedReports, units } from '../figures/figure-seed.ts';

const browser = useChromium();
let harness: ConsoleHarness;
let onPhone: TestOfficer;
let onDesktop: TestOfficer;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await insertSeedReports(harness.pool);
  onPhone = await harness.enrol({
    username: 'dash-phone',
    role: 'supervisor',
    unitId: units.P,
    displayName: 'Lê Văn Cường',
  });
  onDesktop = await harness.enrol({
    username: 'dash-desk',
    role: 'supervisor',
    unitId: units.P,
    displayName: 'Phạm Thị Dung',
  });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

async function logIn(page: Page, who: TestOfficer) {
  await page.goto(`${harness.baseUrl}/console/login`);
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByLabel('Mã xác thực').fill(totpCodeFor(who.totpSecret, Math.floor(Date.now() / 30_000) + 1));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.url()).toMatch(/\/console$/);
}

/** Opens November's figures, reads the headline, follows its denominator, and saves both pages. */
async function walk(open: () => ReturnType<Browser['newContext']>, who: TestOfficer, size: string) {
  const context = await open();
  const page = await context.newPage();
  await logIn(page, who);
  await page.goto(`${harness.baseUrl}/console/dashboard?unit=${units.P}&period=month&year=2026&month=11`);
  await expect.poll(() => page.locator('[data-headline]').innerText()).toBe('28,6%');
  await page.screenshot({ path: `test-results/dashboard-${size}.png`, fullPage: true });
  await page.locator('[data-denominator]').click();
  await expect.poll(() => page.url()).toMatch(/\/console\/dashboard\/reports\?/);
  const ids = await page
    .locator('tr[data-report]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report')));
  const scope = await unitFigureScope(harness.pool, units.P, monthPeriod(2026, 11));
  const expected = await readFigureReports(
    harness.pool,
    scope,
    { figure: 'resolution_rate', side: 'denominator' },
    {},
  );
  expect(ids).toEqual(expected.reports.map((r) => r.id));
  expect(ids).toHaveLength(14);
  await page.screenshot({ path: `test-results/dashboard-reports-${size}.png`, fullPage: true });
  await context.close();
}

describe('the dashboard in a browser', () => {
  it('reads the headline and follows its denominator on a phone and on a desktop', {
    timeout: 90_000,
  }, async () => {
    await walk(
      () => browser().newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 }),
      onPhone,
      'phone',
    );
    await walk(() => browser().newContext({ viewport: { width: 1366, height: 900 } }), onDesktop, 'desktop');
  });
});
