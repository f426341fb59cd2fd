import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { DraftAttachment } from '../../../src/citizen/engine/conversation-state.ts';
import { createMediaDownloader } from '../../../src/citizen/media/media-downloader.ts';
import { createSafeFetch } from '../../../src/citizen/media/safe-fetch.ts';
import { submitReport } from '../../../src/intake/register/submit-report.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import type { FakeZaloMediaServer } from '../../fakes/fake-zalo-media-server.ts';
import type { ConsoleHarness } from '../../support/console-harness.ts';
import { inTestTransaction, testDraft } from '../../support/submit-test-report.ts';

export interface ZaloOaFile {
  kind: DraftAttachment['kind'];
  body: Buffer;
  /** The type the media host answers with. */
  type: string;
  fileName?: string;
  /** A host the fake DNS sends to a private address: the download is refused, nothing fetched. */
  refused?: boolean;
}

// The media host is the fake on loopback; the refused one resolves into a private range.
const names: Record<string, string[]> = {
  'f1.zalo.test': ['127.0.0.1'],
  'private.zalo.test': ['10.20.30.40'],
};

const triageSettings = {
  rules: loadTriageRules(),
  deadlineRules: loadDeadlineRules(),
  calendar: createVietnamCalendar(loadPublicHolidays()),
  defaultProvinceCode: '01',
};

/**
 * A tip sent through Zalo OA with files, written as the intake writes it: each URL of the event
 * downloaded by the media downloader (through the SSRF-safe fetch, here from the fake media host)
 * into `media_file` under the event's key, then the report submitted with the URLs as the
 * attachments' platform file ids (as `parseZaloEvent` gives them), then triaged. Returns the
 * report and its attachments' ids in the order of `files`.
 */
export async function submitZaloOaReport(
  harness: ConsoleHarness,
  media: FakeZaloMediaServer,
  files: readonly ZaloOaFile[],
  place: { provinceCode: string; wardCode?: string } = { provinceCode: '01', wardCode: '00004' },
): Promise<{ reportId: string; attachmentIds: string[] }> {
  const { app, databaseUrl } = harness.web;
  const downloader = createMediaDownloader({
    db: app.db,
    cipher: app.protection.cipher,
    logger: pino({ level: 'silent' }),
    attempts: 1,
    fetch: createSafeFetch({
      allowedHostSuffixes: ['zalo.test'],
      maxBytes: 1024 * 1024,
      resolve: async (host) => names[host] ?? [],
      allowHttp: true,
      isAllowedAddress: (address) => address === '127.0.0.1',
    }),
  });
  const msgId = `zalo-msg-${randomUUID()}`;
  const attachments: DraftAttachment[] = [];
  for (const file of files) {
    const path = `/photo/${randomUUID()}.jpg`;
    media.addFile(path, file.body, file.type);
    const url = `http://${file.refused ? 'private' : 'f1'}.zalo.test:${media.port}${path}`;
    const recorded = await downloader.download({ channel: 'zalo_oa', platformKey: msgId, url });
    if (recorded !== (file.refused ? 'refused' : 'fetched')) throw new Error(`media download: ${recorded}`);
    attachments.push({
      kind: file.kind,
      platformFileId: url,
      sizeBytes: file.body.length,
      ...(file.fileName ? { fileName: file.fileName } : {}),
    });
  }
  const now = new Date();
  const { reportId } = await inTestTransaction(databaseUrl, async (tx) => {
    const reporterId = randomUUID();
    await tx.query(
      `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc) VALUES ($1, 'zalo_oa', $2, $3)`,
      [
        reporterId,
        app.protection.hasher.hash('zalo_oa', `user-${reporterId}`),
        app.protection.cipher.encrypt('u'),
      ],
    );
    return submitReport(tx, app.protection, {
      draft: testDraft({ ...place, attachments }),
      language: 'vi',
      channel: 'zalo_oa',
      reporterId,
      register: 'TB',
      now,
    });
  });
  await triageSubmittedReports(harness.pool, triageSettings, [reportId], now);
  const { rows } = await harness.pool.query<{ id: string; platform_file_id: string }>(
    'SELECT id, platform_file_id FROM attachment WHERE report_id = $1',
    [reportId],
  );
  const idOf = (url: string) => rows.find((r) => r.platform_file_id === url)?.id ?? '';
  return { reportId, attachmentIds: attachments.map((a) => idOf(a.platformFileId)) };
}
