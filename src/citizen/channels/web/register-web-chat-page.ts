import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { jsonForScriptBlock, renderWebChatPage } from './render-web-chat-page.ts';
import { WEB_CHAT_MAX_TEXT_LENGTH } from './web-chat-message.ts';
import { webChatAssetHeaders, webChatPageHeaders } from './web-chat-security-headers.ts';
import { requestLanguage, webChatTexts } from './web-chat-texts.ts';

export interface WebChatPageOptions {
  embedOrigins: readonly string[];
  demo: boolean;
}

const pageDir = new URL('./page/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, pageDir), 'utf8');
// The embed script's texts are filled in where this marker stands (valid JS when left alone).
const embedTextsMarker = '/* web-chat-texts */ {}';

/**
 * The page at `/chat` (Vietnamese unless `?lang=en`; `?embed=1` inside a unit's website), its
 * script and style sheet, and `/chat/embed.js`, the one-tag snippet that adds a floating button
 * opening the page in an iframe. Files are read once, at start-up; no build step.
 */
export function registerWebChatPage(server: FastifyInstance, options: WebChatPageOptions): void {
  const template = read('chat.html');
  const script = read('chat.js');
  const styles = read('chat.css');
  const icon = read('favicon.svg');
  const embed = read('embed.js');
  if (!embed.includes(embedTextsMarker)) throw new Error('embed.js lost its texts marker');
  const embedScript = embed.replace(embedTextsMarker, () =>
    jsonForScriptBlock({ vi: webChatTexts('vi'), en: webChatTexts('en') }),
  );
  const pages = new Map<string, string>();
  const pageOf = (language: 'vi' | 'en', embedded: boolean) => {
    const key = `${language}:${embedded}`;
    let page = pages.get(key);
    if (page === undefined) {
      const settings = { language, embedded, demo: options.demo, maxTextLength: WEB_CHAT_MAX_TEXT_LENGTH };
      page = renderWebChatPage(template, settings);
      pages.set(key, page);
    }
    return page;
  };
  // Rendered now so that a template naming a missing text stops start-up.
  pageOf('vi', false);
  const pageHeaders = webChatPageHeaders(options.embedOrigins);

  server.get('/chat', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    // Vietnamese unless the link asks for English: the page is for Vietnamese citizens first.
    const language = requestLanguage(typeof query.lang === 'string' ? query.lang : undefined);
    return reply
      .headers(pageHeaders)
      .type('text/html; charset=utf-8')
      .send(pageOf(language, query.embed === '1'));
  });
  server.get('/chat/chat.js', async (_request, reply) =>
    reply.headers(webChatAssetHeaders('text/javascript; charset=utf-8')).send(script),
  );
  server.get('/chat/chat.css', async (_request, reply) =>
    reply.headers(webChatAssetHeaders('text/css; charset=utf-8')).send(styles),
  );
  server.get('/chat/favicon.svg', async (_request, reply) =>
    reply.headers(webChatAssetHeaders('image/svg+xml')).send(icon),
  );
  // Loaded by other sites' pages: the one asset that may be used cross-origin.
  server.get('/chat/embed.js', async (_request, reply) =>
    reply.headers(webChatAssetHeaders('text/javascript; charset=utf-8', true)).send(embedScript),
  );
}
