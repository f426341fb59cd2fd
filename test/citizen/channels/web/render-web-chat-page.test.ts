import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  jsonForScriptBlock,
  renderWebChatPage,
} from '../../../../src/citizen/channels/web/render-web-chat-page.ts';
import { webChatTexts } from '../../../../src/citizen/channels/web/web-chat-texts.ts';

const template = readFileSync(
  new URL('../../../../src/citizen/channels/web/page/chat.html', import.meta.url),
  'utf8',
);
const settings = { embedded: false, demo: false, maxTextLength: 5000 };

describe('the web chat page', () => {
  it.each(['vi', 'en'] as const)(
    'renders every text of the template in %s, leaving no placeholder',
    (language) => {
      const page = renderWebChatPage(template, { ...settings, language });
      expect(page).not.toContain('{{');
      expect(page).toContain(`<html lang="${language}">`);
      expect(page).toContain(webChatTexts(language).emergency_police ?? 'missing');
      const config = JSON.parse(/id="web-chat-config">([^<]*)</.exec(page)?.[1] ?? 'null') as {
        language: string;
        texts: { vi: Record<string, string>; en: Record<string, string> };
      };
      expect(config.language).toBe(language);
      expect(Object.keys(config.texts.en).sort()).toEqual(Object.keys(config.texts.vi).sort());
    },
  );

  it('loads nothing from elsewhere and has no inline script or style', () => {
    const page = renderWebChatPage(template, { ...settings, language: 'vi' });
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<script(?![^>]*(src="\/chat\/chat\.js"|type="application\/json"))/);
    expect(page).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
  });

  it('keeps the page texts, the demo flag and the embedded layout in the classes', () => {
    const page = renderWebChatPage(template, { ...settings, language: 'vi', embedded: true, demo: true });
    expect(page).toContain('<body class="embedded demo">');
  });

  it('writes JSON that cannot close its script element', () => {
    const json = jsonForScriptBlock({ text: '</script><script>alert(1)</script>&\u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>&\u2028' });
  });
});
