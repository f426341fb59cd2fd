import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .transform((v) => Buffer.from(v, 'base64'));

const secretToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -');

/** Every environment variable the system reads. Keep the README's configuration table in step. */
const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  /** Only behind a reverse proxy that sets X-Forwarded-For: otherwise clients could forge their address. */
  TRUST_PROXY: booleanFlag,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Most webhook INSERTs in flight at once. Normally one is: payloads arriving meanwhile wait and
   * go together in the next (group commit), so a commit carries as many webhooks as possible;
   * another starts while the newest has taken `INTAKE_SLOW_INSERT_MS`, so one stalled commit does
   * not hold every webhook.
   */
  INTAKE_INSERTS_IN_FLIGHT: z.coerce.number().int().min(1).max(4).default(4),
  INTAKE_SLOW_INSERT_MS: z.coerce.number().int().min(0).max(10_000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -')
    .default('tinbao'),
  DEMO_MODE: booleanFlag,
  IDENTITY_ENCRYPTION_KEY: base64Key.optional(),
  IDENTITY_HASH_KEY: base64Key.optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-DEF…')
    .optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  TELEGRAM_WEBHOOK_SECRET: secretToken.optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  /** A separate bot for officer alerts; without it officers link the citizens' bot. */
  OFFICER_TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-DEF…')
    .optional(),
  OFFICER_TELEGRAM_WEBHOOK_SECRET: secretToken.optional(),
  /** Reports of this priority or higher (1 highest) raise an alert when triaged. */
  ALERT_URGENT_PRIORITY: z.coerce.number().int().min(1).max(4).default(1),
  /** Reminders of each legal limit: at these shares of it (percent), and this close to it. */
  REMINDER_POINTS_PERCENT: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2})*$/, 'must be percentages 1–99 separated by commas, e.g. 50,80')
    .default('50,80'),
  ALERT_DEADLINE_LEAD_HOURS: z.coerce.number().min(0.25).max(240).default(4),
  /** The unit lead's warning this many days before a limit; the extension reminder before the decide limit. */
  REMINDER_WARNING_DAYS: z.coerce.number().min(0.5).max(60).default(3),
  REMINDER_EXTENSION_DAYS: z.coerce.number().min(0.5).max(60).default(5),
  ALERT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  REGISTER_NAME: z
    .string()
    .regex(/^[A-Z0-9-]{1,16}$/)
    .default('TB'),
  CONVERSATION_TIMEOUT_MINUTES: z.coerce.number().int().min(5).max(10080).default(120),
  THROTTLE_MESSAGES_PER_MINUTE: z.coerce.number().int().min(5).max(10000).default(30),
  STATUS_LOOKUP_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  STATUS_LOOKUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  DEFAULT_PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'must be a two-digit province code of the 2025 list')
    .default('01'),
  PUBLIC_HOLIDAYS_FILE: z.string().optional(),
  /** The worker's /healthz and /metrics: this machine only unless set (0.0.0.0 in a container). */
  WORKER_HOST: z.string().default('127.0.0.1'),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  TRIAGE_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(64),
  TRIAGE_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(10),
  CONVERSATION_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(2),
  CONVERSATION_BATCH_CHATS: z.coerce.number().int().min(1).max(1000).default(64),
  QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  RECONCILE_GRACE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long a receipt may wait in the outbound queue (rate limits, retries) before `npm run reconcile` calls it overdue. */
  RECEIPT_DELIVERY_BUDGET_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** Bearer token for GET /metrics: without it the web's /metrics is 404, the worker's open on WORKER_HOST. */
  METRICS_TOKEN: secretToken.optional(),
  ADMIN_USER: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  TELEGRAM_GLOBAL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(25),
  // Zalo Official Account (API v3). The channel is on when the app id, app secret and OA secret key
  // are all set; see the README section "Connecting a Zalo Official Account".
  ZALO_OA_APP_ID: z
    .string()
    .regex(/^\d{1,32}$/, 'must be the numeric app id from developers.zalo.me')
    .optional(),
  ZALO_OA_APP_SECRET: z.string().min(8, 'must be the app secret key from developers.zalo.me').optional(),
  ZALO_OA_SECRET_KEY: z.string().min(8, 'must be the OA secret key (webhook signing key)').optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().min(8).optional(),
  ZALO_OA_API_ROOT: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_ROOT: z.url().default('https://oauth.zaloapp.com'),
  ZALO_OA_MEDIA_HOSTS: z
    .string()
    .default('zdn.vn,zadn.vn,zalo.me,zaloapp.com')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    )
    .refine(
      (hosts) => hosts.length > 0 && hosts.every((h) => /^[a-z0-9.-]+$/.test(h) && !h.startsWith('.')),
      'must be a comma-separated list of host names (suffixes)',
    ),
  ZALO_OA_MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  ZALO_OA_CONTACT_IMAGE_URL: z.url().optional(),
  // Zalo Bot Platform (bot.zapps.me). The channel is on when the token is set; see the README
  // section "Connecting a Zalo Bot".
  ZALO_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456789:abc-xyz (the bot token from bot.zapps.me)')
    .optional(),
  ZALO_BOT_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  ZALO_BOT_WEBHOOK_SECRET: secretToken.optional(),
  ZALO_BOT_API_ROOT: z.url().default('https://bot-api.zaloplatforms.com'),
  ZALO_BOT_GLOBAL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
  // Web chat (/chat, /chat/embed.js, /chat/api): on by default, the demo channel without tokens.
  WEB_CHAT_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Sites allowed to show /chat in an iframe (embed.js): comma-separated origins. */
  WEB_CHAT_EMBED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
            'must be origins like https://congan.example.gov.vn',
          ),
      ),
    ),
  WEB_CHAT_SESSION_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  WEB_CHAT_ADDRESS_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
  WEB_CHAT_ADDRESS_SESSIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Test-only fault injection: SIGKILL the process right after this update id is committed. */
  FAULT_KILL_AFTER_COMMIT_UPDATE_ID: z.string().optional(),
});

/** The names of every variable the system reads (the README's configuration table lists them). */
export const configVariableNames: readonly string[] = Object.keys(variables.shape);

const environmentSchema = variables.superRefine((env, ctx) => {
  if (!env.DEMO_MODE) {
    for (const key of ['IDENTITY_ENCRYPTION_KEY', 'IDENTITY_HASH_KEY'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required outside DEMO_MODE' });
    }
  }
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'is required when TELEGRAM_BOT_TOKEN is set and TELEGRAM_MODE is webhook',
    });
  }
  if (
    env.OFFICER_TELEGRAM_BOT_TOKEN &&
    env.TELEGRAM_MODE === 'webhook' &&
    !env.OFFICER_TELEGRAM_WEBHOOK_SECRET
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['OFFICER_TELEGRAM_WEBHOOK_SECRET'],
      message: 'is required when OFFICER_TELEGRAM_BOT_TOKEN is set and TELEGRAM_MODE is webhook',
    });
  }
  const zaloRequired = ['ZALO_OA_APP_ID', 'ZALO_OA_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
  if (zaloRequired.some((key) => env[key]) || env.ZALO_OA_REFRESH_TOKEN || env.ZALO_OA_CONTACT_IMAGE_URL) {
    for (const key of zaloRequired) {
      if (!env[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required when any ZALO_OA_ variable is set',
        });
      }
    }
  }
  if (env.ZALO_BOT_TOKEN && env.ZALO_BOT_MODE === 'webhook' && !env.ZALO_BOT_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['ZALO_BOT_WEBHOOK_SECRET'],
      message: 'is required when ZALO_BOT_TOKEN is set and ZALO_BOT_MODE is webhook',
    });
  }
  if (env.FAULT_KILL_AFTER_COMMIT_UPDATE_ID && env.NODE_ENV !== 'test') {
    ctx.addIssue({
      code: 'custom',
      path: ['FAULT_KILL_AFTER_COMMIT_UPDATE_ID'],
      message: 'is only allowed with NODE_ENV=test',
    });
  }
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config extends Omit<Environment, 'IDENTITY_ENCRYPTION_KEY' | 'IDENTITY_HASH_KEY'> {
  IDENTITY_ENCRYPTION_KEY: Buffer;
  IDENTITY_HASH_KEY: Buffer;
}

/**
 * Reads and validates the environment. This is the only place that reads `process.env`. Throws an
 * AppError `config` naming every wrong variable, so start-up can stop with a clear message.
 * In DEMO_MODE, missing identity keys are derived from a fixed phrase: fine for trying the system,
 * useless for real reports, and said so loudly at start-up.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`);
    throw new AppError('config', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      details: { problems },
    });
  }
  const env = parsed.data;
  return {
    ...env,
    IDENTITY_ENCRYPTION_KEY: env.IDENTITY_ENCRYPTION_KEY ?? demoKey('encryption'),
    IDENTITY_HASH_KEY: env.IDENTITY_HASH_KEY ?? demoKey('hash'),
  };
}

function demoKey(purpose: string): Buffer {
  return createHash('sha256').update(`tin-bao demo ${purpose} key, not for real reports`).digest();
}
