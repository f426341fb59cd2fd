import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/database/create-database-client.ts';
import type {
  InboundOutcome,
  OutboundStatus,
  ReportStatus,
} from '../../src/platform/database/generated/prisma/client.ts';

/**
 * Rows of the intake tables with chosen timestamps, for tests of what is late and what is not.
 * Content is placeholder bytes: these tests look at ids, states and times only.
 */
export function intakeSeeder(db: Database) {
  // A register of its own per seeder, so seeders never collide on the gapless numbering.
  const register = `S${randomBytes(4).toString('hex').toUpperCase()}`;
  let sequence = 0;
  const placeholder = () => new Uint8Array(randomBytes(16));

  return {
    async inboundEvent(options: { outcome: InboundOutcome; receivedAt: Date }): Promise<string> {
      const row = await db.inboundEvent.create({
        data: {
          channel: 'telegram',
          platformKey: `seed-${randomUUID()}`,
          payloadEnc: placeholder(),
          outcome: options.outcome,
          receivedAt: options.receivedAt,
          processedAt: options.outcome === 'pending' ? null : options.receivedAt,
        },
      });
      return String(row.id);
    },

    /** A reporter and a report; `triagedAt` null means not triaged. */
    async report(options: {
      submittedAt: Date;
      triagedAt: Date | null;
      status?: ReportStatus;
    }): Promise<{ reportId: string; reporterId: string }> {
      const reporter = await db.reporter.create({
        data: { channel: 'telegram', identityHash: `seed-${randomUUID()}`, chatIdEnc: placeholder() },
      });
      sequence++;
      const report = await db.report.create({
        data: {
          kind: 'crime_tip',
          channel: 'telegram',
          reporterId: reporter.id,
          anonymity: 'anonymous',
          status: options.status ?? 'submitted',
          register,
          registerYear: 2026,
          registerSeq: sequence,
          registerNumber: `${register}-${sequence}`,
          receiptCodeHash: randomBytes(32).toString('hex'),
          language: 'vi',
          category: 'theft',
          description: 'placeholder',
          submittedAt: options.submittedAt,
          triagedAt: options.triagedAt,
        },
      });
      return { reportId: report.id, reporterId: reporter.id };
    },

    async receipt(options: {
      reportId: string;
      reporterId: string;
      status: OutboundStatus;
      createdAt: Date;
      channel?: 'telegram' | 'web';
    }): Promise<void> {
      await db.outboundMessage.create({
        data: {
          channel: options.channel ?? 'telegram',
          reporterId: options.reporterId,
          reportId: options.reportId,
          purpose: 'receipt',
          payloadEnc: placeholder(),
          status: options.status,
          createdAt: options.createdAt,
          sentAt: options.status === 'sent' ? options.createdAt : null,
        },
      });
    },

    async outbox(options: {
      topic: string;
      aggregateId: string;
      createdAt: Date;
      dispatchedAt: Date | null;
    }): Promise<string> {
      const row = await db.outbox.create({ data: options });
      return String(row.id);
    },
  };
}
