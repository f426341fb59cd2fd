import { z } from 'zod';
import { ReportStatus } from '../../platform/database/generated/prisma/enums.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { QueueCursor, QueueFilter } from '../reports/read-unit-queue.ts';

const querySchema = z.object({
  status: z.enum(ReportStatus).optional().catch(undefined),
  kind: z.enum(['crime_tip', 'trafficking']).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  channel: z.enum(['telegram', 'zalo_oa', 'zalo_bot', 'web']).optional().catch(undefined),
  assignee: z
    .string()
    .refine((v) => v === 'none' || isUuid(v))
    .optional()
    .catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});

/** The queue's filter and cursor from a query string; anything unreadable is ignored. */
export function parseQueueQuery(query: unknown): { filter: QueueFilter; cursor: QueueCursor | null } {
  const q = querySchema.parse(typeof query === 'object' && query !== null ? query : {});
  return {
    filter: {
      statuses: q.status ? [q.status] : undefined,
      kind: q.kind,
      category: q.category,
      channel: q.channel,
      assignee: q.assignee,
    },
    cursor: q.after ? decodeQueueCursor(q.after) : null,
  };
}

/** The cursor as it travels in a link: `priority.dueMs.id`, with `-` for no limit. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return `${cursor.priority}.${cursor.due ? cursor.due.getTime() : '-'}.${cursor.id}`;
}

export function decodeQueueCursor(text: string): QueueCursor | null {
  const match = /^([1-9])\.(-|\d{1,15})\.([0-9a-f-]{36})$/i.exec(text);
  if (!match?.[1] || !match[2] || !match[3] || !isUuid(match[3])) return null;
  return {
    priority: Number(match[1]),
    due: match[2] === '-' ? null : new Date(Number(match[2])),
    id: match[3],
  };
}
