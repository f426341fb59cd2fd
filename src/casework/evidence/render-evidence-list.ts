import { html, type SafeHtml } from '../../platform/http/html.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import { hasText } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { consoleText } from '../console/console-text.ts';
import type { CaseView } from '../reports/read-case.ts';

type Attachment = CaseView['attachments'][number];

/**
 * A report's files: a kept copy is a link (for this session, five minutes) with its SHA-256; a
 * file Telegram or Zalo Bot holds is named as kept on the platform, with no link; a Zalo OA file
 * whose download was refused, failed or has not happened says so.
 */
export function renderEvidenceList(language: Language, attachments: readonly Attachment[]): SafeHtml {
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  if (attachments.length === 0) return html`<p class="muted">${t('no_entries')}</p>`;
  const item = (a: Attachment) => {
    const kind = hasText(`console.evidence_kind_${a.kind}`) ? t(`evidence_kind_${a.kind}`) : a.kind;
    const label = t('evidence_item', { kind, size: formatSize(a.sizeBytes, language) });
    const head = html`${a.link ? html`<a href="${a.link}">${label}</a>` : label}${a.fileName ? html` · ${a.fileName}` : ''} · ${formatDateTime(a.createdAt, language)}`;
    const note = a.link
      ? a.sha256 && t('evidence_sha256', { hash: (a.sha256.match(/.{1,16}/g) ?? []).join(' ') })
      : a.storage === 'refused' || a.storage === 'failed'
        ? t('evidence_not_kept')
        : a.channel === 'zalo_oa'
          ? t('evidence_not_kept_yet')
          : t('evidence_on_platform', { channel: t(`channel_${a.channel}`) });
    return html`<li>${head}${note ? html`<br><span class="muted">${note}</span>` : ''}</li>`;
  };
  const note = attachments.some((a) => a.link) ? html`<p class="muted">${t('evidence_link_note')}</p>` : '';
  return html`<ul>${attachments.map(item)}</ul>${note}`;
}

function formatSize(bytes: number | null, language: Language): string {
  if (bytes === null) return '?';
  const number = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
  return `${number.format(bytes / (1024 * 1024))} MB`;
}
