import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The Chromium the browser tests drive: `CHROMIUM_PATH`, else Debian's, which `.ci/run` installs. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Launches headless Chromium once for the calling test file and closes it after; returns the
 * browser's getter. When the binary is missing, every test that asks for the browser FAILS with how
 * to install it (never skips: a skipped browser test reads as a pass, and a failing `beforeAll`
 * alone would count its tests as skipped in the summary line).
 *
 * @example
 * const browser = useChromium();
 * it('…', async () => { const page = await browser().newPage(); });
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  let failure: unknown = null;
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser) return browser;
    throw failure ?? new Error('useChromium: the browser is asked for before its beforeAll ran');
  };
}

async function launchChromium(): Promise<Browser> {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: install it with \`sudo apt-get install -y chromium\` ` +
        '(as .ci/run does) or set CHROMIUM_PATH to a Chromium binary',
    );
  }
  return await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // As the machine notes ask: no sandbox as root, no GPU, and no background connections, which
    // this closed network refuses. Playwright gives every launch a fresh profile directory.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
