import { z } from 'zod';
import { vksNoticeKinds, vksNoticeMethods } from './vks-notice-kinds.ts';

/** What an officer records of a notice sent to the procuracy: which, when, its number, how. */
export const vksNoticeRecord = z.object({
  kind: z.enum(vksNoticeKinds),
  /** When it was sent, with its offset (the console's form sends Vietnam's local time). */
  sentAt: z.iso.datetime({ offset: true }),
  reference: z.string().trim().min(1).max(100),
  method: z.enum(vksNoticeMethods),
});

export type VksNoticeRecord = z.infer<typeof vksNoticeRecord>;
