import { formatDate } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ReporterNoticeView } from '../engine/reporter-notice-view.ts';

/** The decisions the law tells the reporter they may complain about (BLTTHS Art. 158, 469ff). */
const complaintKinds = new Set(['no_prosecute', 'administrative', 'suspend']);

/**
 * The plain-language text of a notice to the reporter, in their language: what was decided, by
 * which unit and when, the reasons when the decision has them, and the right to complain.
 * @example reporterNoticeLines({ kind: 'receipt', registerNumber: 'TB-2026-000001', unitName: 'Công an TP Hà Nội', at }, 'vi')
 */
export function reporterNoticeLines(notice: ReporterNoticeView, language: Language): LocalText[] {
  const params = {
    register: notice.registerNumber,
    unit: notice.unitName,
    date: formatDate(notice.at, language),
  };
  const lines: LocalText[] = [
    notice.kind === 'transfer'
      ? { key: 'notice.transfer', params: { ...params, receiving: notice.receivingBody ?? '' } }
      : { key: noticeKey(notice.kind), params },
  ];
  if (notice.reasons) lines.push({ key: 'notice.reasons', params: { reasons: notice.reasons } });
  if (complaintKinds.has(notice.kind)) lines.push({ key: 'notice.complaint_right' });
  return lines;
}

function noticeKey(kind: ReporterNoticeView['kind']): string {
  switch (kind) {
    case 'receipt':
      return 'notice.receipt';
    case 'prosecute':
      return 'notice.prosecute';
    case 'no_prosecute':
      return 'notice.no_prosecute';
    case 'administrative':
      return 'notice.administrative';
    case 'suspend':
      return 'notice.suspend';
    case 'resume':
      return 'notice.resume';
    case 'transfer':
      return 'notice.transfer';
  }
}
