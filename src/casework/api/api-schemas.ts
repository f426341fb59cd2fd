import { z } from 'zod';
import { ReportStatus } from '../../platform/database/generated/prisma/enums.ts';
import { caseActionSchema } from '../status/case-action-schemas.ts';

/** The request and answer bodies of the JSON API, shared by its routes and its OpenAPI document. */
export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  totpCode: z.string().regex(/^\d{6}$/),
});

export const sessionAnswer = z.object({ token: z.string(), expiresAt: z.iso.datetime() });

export const actionBody = z.object({
  /** The report version the caller last read: a newer one means someone acted since (409). */
  version: z.number().int().min(0),
  action: caseActionSchema,
});

export const noteBody = z.object({ text: z.string().min(1).max(4000) });

/** A question to the reporter; it reaches them with the register number and the unit's name only. */
export const questionBody = z.object({ text: z.string().min(1).max(2000) });

export const questionAnswer = z.object({
  followUpId: z.uuid(),
  /** `sent`: queued to the reporter's chat; `waiting`: their channel's reply window is closed, their next status check shows it. */
  delivery: z.enum(['sent', 'waiting']),
});

export const queueQuery = z.object({
  status: z.enum(ReportStatus).optional(),
  kind: z.enum(['crime_tip', 'trafficking']).optional(),
  category: z.string().optional(),
  channel: z.enum(['telegram', 'zalo_oa', 'zalo_bot', 'web']).optional(),
  assignee: z.string().optional(),
  after: z.string().optional(),
});

export const queueItem = z.object({
  id: z.uuid(),
  registerNumber: z.string(),
  kind: z.enum(['crime_tip', 'trafficking']),
  channel: z.string(),
  category: z.string(),
  status: z.enum(ReportStatus),
  victimTrackStatus: z.string(),
  priority: z.number().int(),
  submittedAt: z.iso.datetime(),
  nextDueAt: z.iso.datetime().nullable(),
  assigneeName: z.string().nullable(),
  unitName: z.string(),
  newInformationAt: z.iso.datetime().nullable(),
  /** A procuracy notice of the report is past its limit and not recorded sent. */
  noticeOverdue: z.boolean(),
});

export const vksNoticeAnswer = z.object({
  noticeId: z.uuid(),
  /** Whether a due item of that kind was settled (false: logged as sent with none due). */
  clearedDue: z.boolean(),
});

export const queueAnswer = z.object({ items: z.array(queueItem), next: z.string().nullable() });

export const actionAnswer = z.object({
  eventId: z.string(),
  status: z.enum(ReportStatus),
  version: z.number().int(),
});

export const errorAnswer = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const reportAnswer = z
  .object({
    id: z.uuid(),
    registerNumber: z.string(),
    kind: z.enum(['crime_tip', 'trafficking']),
    status: z.enum(ReportStatus),
    victimTrackStatus: z.string(),
    priority: z.number().int(),
    version: z.number().int(),
    unitId: z.string(),
    assigneeId: z.uuid().nullable(),
    answers: z.record(z.string(), z.unknown()),
    deadlines: z.record(z.string(), z.iso.datetime().nullable()),
    allowedActions: z.array(z.string()),
    events: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        actor: z.string(),
        at: z.iso.datetime(),
      }),
    ),
  })
  .loose();
