import type { FastifyReply } from 'fastify';
import { html, type SafeHtml } from '../../platform/http/html.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { consoleHeaders } from './console-http.ts';
import { consoleText } from './console-text.ts';

export interface ConsolePage {
  language: Language;
  title: string;
  body: SafeHtml;
  /** The signed-in user; the login and enrolment pages have none. */
  user?: ConsoleUser | undefined;
  unitName?: string | undefined;
  /** The form token of the session (for the logout form). */
  csrf?: string | undefined;
  /** A line shown above the content (a result or a refusal). */
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  demo: boolean;
  /** The address of this page, for the language switch. */
  path: string;
}

/**
 * The frame of every console page: no script at all, one same-origin style sheet, a header with
 * the user, the navigation their role has, the language switch and logout.
 */
export function renderConsolePage(page: ConsolePage): string {
  const t = (key: string, params?: Record<string, string | number>) =>
    consoleText(page.language, key, params);
  const other: Language = page.language === 'vi' ? 'en' : 'vi';
  const user = page.user;
  const nav = user
    ? html`<nav aria-label="${t('title')}">
        ${user.role === 'admin' ? html`<a href="/console/accounts">${t('nav_accounts')}</a>` : html`<a href="/console">${t('nav_queue')}</a>`}
        ${
          user.role === 'admin'
            ? ''
            : html`<a href="/console/alerts">${t('nav_alerts')}</a>
          <a href="/console/telegram">${t('nav_telegram')}</a>`
        }
        ${
          user.role === 'supervisor' || user.role === 'unit_lead'
            ? html`<a href="/console/dashboard">${t('nav_dashboard')}</a>
          <a href="/console/periods">${t('nav_periods')}</a>
          <a href="/console/ledger">${t('nav_ledger')}</a>`
            : ''
        }
        <a href="/console/sessions">${t('nav_sessions')}</a>
      </nav>
      <div class="who">
        <span>${t('signed_in_as', { name: user.displayName, unit: page.unitName ?? t(`role_${user.role}`) })}</span>
        <form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${page.csrf ?? ''}"><button type="submit" class="link">${t('logout')}</button></form>
      </div>`
    : '';
  const switchHref = `/console/language?to=${other}&back=${encodeURIComponent(page.path)}`;
  return `<!doctype html>${html`<html lang="${page.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Tin Báo</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
${page.demo ? html`<div class="demo" role="note">${t('demo_banner')}</div>` : ''}
<header>
  <a class="brand" href="/console">Tin Báo</a>
  ${nav}
  <a class="language" href="${switchHref}" lang="${other}">${t('switch_language')}</a>
</header>
<main id="main">
${page.flash ? html`<p class="flash ${page.flash.kind}" role="${page.flash.kind === 'error' ? 'alert' : 'status'}">${page.flash.text}</p>` : ''}
${page.body}
</main>
</body>
</html>`}`;
}

/** Answers with a console page and the console's headers. */
export function sendConsolePage(reply: FastifyReply, status: number, page: ConsolePage): FastifyReply {
  return consoleHeaders(reply).code(status).type('text/html; charset=utf-8').send(renderConsolePage(page));
}

/** The 403 page for a signed-in user who may not use a page or a form. */
export function sendForbiddenPage(
  reply: FastifyReply,
  page: { language: Language; user: ConsoleUser; csrf: string; demo: boolean },
): FastifyReply {
  const title = consoleText(page.language, 'forbidden');
  return sendConsolePage(reply, 403, { ...page, title, body: html`<h1>${title}</h1>`, path: '/console' });
}
