import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../src/casework/accounts/password-hashing.ts';
import { packBytea } from '../src/platform/database/packed-bytea.ts';
import { createFieldCipher } from '../src/platform/identity/field-cipher.ts';
import { createIdentityHasher } from '../src/platform/identity/identity-hasher.ts';
import type { Channel } from '../src/platform/vocabulary/channel.ts';
import { computeDeadline } from '../src/triage/deadlines/compute-deadline.ts';
import { computeReportDeadlines } from '../src/triage/deadlines/compute-report-deadlines.ts';
import type { DeadlineRule } from '../src/triage/deadlines/load-deadline-rules.ts';
import { toStoredDeadline } from '../src/triage/deadlines/stored-deadline.ts';
import { addLocalDays, localDateOf, type VietnamCalendar } from '../src/triage/deadlines/vietnam-calendar.ts';
import { listPoliceUnits } from '../src/triage/units/police-units.ts';
import { consoleBenchIdentity } from './console-bench-identity.ts';
import type { ConsoleContent } from './console-report-contents.ts';

/** Share of reports by channel; each report's reporter is one of its channel. */
export const channelShares: Readonly<Record<Channel, number>> = {
  telegram: 0.45,
  zalo_oa: 0.3,
  zalo_bot: 0.1,
  web: 0.15,
};

/** Reporters per report: some citizens report more than once, and some chats never submit. */
const reportersPerReport = 0.6;
/** Rows per statement for the tables filled from here. */
const chunk = 20_000;

/**
 * How many reports each police unit holds: Zipf's law over the units (the n-th biggest holds 1/n
 * of the biggest), the default province's police first and Ho Chi Minh City's second, the others
 * in a fixed shuffled order. With 1,000,000 reports the biggest holds about 115,000, the 100th
 * about 1,150, the smallest about 34. Written to `bench_unit`, with the officers each unit has.
 */
export async function writeUnitLoad(client: pg.Client, reports: number, defaultProvinceCode: string) {
  const first = [`PROV-${defaultProvinceCode}`, 'PROV-79'];
  const units = [...listPoliceUnits()].sort((a, b) => {
    const rank = (id: string) => (first.includes(id) ? first.indexOf(id) : first.length);
    return rank(a.id) - rank(b.id) || shuffleKey(a.id).localeCompare(shuffleKey(b.id));
  });
  const weights = units.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((reports * w) / total));
  let left = reports - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i] = (counts[i] ?? 0) + 1;
  await client.query(
    `CREATE UNLOGGED TABLE bench_unit AS
     SELECT t.unit_id, t.rank, t.reports, t.officers, p.level, p.province_code, p.ward_code
       FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS t(unit_id, rank, reports, officers)
       JOIN police_unit p ON p.id = t.unit_id`,
    [
      units.map((u) => u.id),
      units.map((_, i) => i + 1),
      counts,
      // A unit lead and enough officers for a queue of that size.
      counts.map((n) => Math.max(2, Math.ceil(n / 2500))),
    ],
  );
}

/**
 * The officers of every unit (a unit lead and `officers` officers, all enrolled with the bench's
 * password and TOTP secret, `bench.<unit>.lead` and `bench.<unit>.<k>`, and a supervisor of each
 * province's police, `bench.<unit>.supervisor`, for the dashboard), inserted as the demo
 * seeding does, and `bench_unit_officer`: each unit's officer ids, for assignees and actors.
 */
export async function writeOfficers(client: pg.Client, enrolledAt: Date) {
  const { rows } = await client.query<{ unit_id: string; officers: number; level: string }>(
    'SELECT unit_id, officers, level FROM bench_unit ORDER BY rank',
  );
  const passwordHash = await hashPassword(consoleBenchIdentity.password);
  const cipher = createFieldCipher(consoleBenchIdentity.encryptionKey);
  const officers = rows.flatMap((unit) => [
    { unit: unit.unit_id, name: `bench.${unit.unit_id.toLowerCase()}.lead`, role: 'unit_lead' },
    ...(unit.level === 'province'
      ? [{ unit: unit.unit_id, name: `bench.${unit.unit_id.toLowerCase()}.supervisor`, role: 'supervisor' }]
      : []),
    ...Array.from({ length: unit.officers }, (_, k) => ({
      unit: unit.unit_id,
      name: `bench.${unit.unit_id.toLowerCase()}.${k + 1}`,
      role: 'officer',
    })),
  ]);
  for (let i = 0; i < officers.length; i += chunk) {
    const part = officers.slice(i, i + chunk);
    const secrets = packBytea(part.map(() => cipher.encrypt(consoleBenchIdentity.totpSecret)));
    await client.query(
      `INSERT INTO officer (id, username, display_name, role, unit_id, password_hash, totp_secret_enc, enrolled_at, created_at)
       SELECT t.id, t.username, t.display_name, t.role::"OfficerRole", t.unit_id, $5,
              substring($6::bytea FROM t.secret_start FOR t.secret_length), $9, $9
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $7::int[], $8::int[], $10::text[])
           AS t(id, username, display_name, role, secret_start, secret_length, unit_id)`,
      [
        part.map(() => randomUUID()),
        part.map((o) => o.name),
        part.map((o) => `Cán bộ ${o.name.split('.').slice(1).join(' ').toUpperCase()}`),
        part.map((o) => o.role),
        passwordHash,
        secrets.data,
        secrets.starts,
        secrets.lengths,
        enrolledAt,
        part.map((o) => o.unit),
      ],
    );
  }
  await client.query(
    `CREATE UNLOGGED TABLE bench_unit_officer AS
     SELECT unit_id, array_agg(id ORDER BY username) FILTER (WHERE role = 'officer') AS officer_ids,
            (array_agg(id) FILTER (WHERE role = 'unit_lead'))[1] AS lead_id
       FROM officer WHERE username LIKE 'bench.%' GROUP BY unit_id`,
  );
  return officers.length;
}

/**
 * The reporters (channel, keyed identity hash of a made-up platform id, that id encrypted), as the
 * intake writes them, with the bench's keys; `bench_reporter` numbers them per channel so each
 * report can draw one of its channel.
 */
export async function writeReporters(client: pg.Client, reports: number, createdAt: Date) {
  const cipher = createFieldCipher(consoleBenchIdentity.encryptionKey);
  const hasher = createIdentityHasher(consoleBenchIdentity.hashKey);
  let written = 0;
  for (const [channel, share] of Object.entries(channelShares) as [Channel, number][]) {
    const count = Math.ceil(reports * share * reportersPerReport);
    for (let from = 0; from < count; from += chunk) {
      const size = Math.min(chunk, count - from);
      const platformIds = Array.from({ length: size }, (_, i) => platformId(channel, from + i));
      const chatIds = packBytea(platformIds.map((id) => cipher.encrypt(id)));
      await client.query(
        `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc, language, language_chosen, created_at, last_interaction_at)
         SELECT t.id, $2::"Channel", t.identity_hash, substring($4::bytea FROM t.chat_start FOR t.chat_length),
                t.language, true, $7, $7
           FROM unnest($1::uuid[], $3::text[], $5::int[], $6::int[], $8::text[])
             AS t(id, identity_hash, chat_start, chat_length, language)`,
        [
          Array.from({ length: size }, () => randomUUID()),
          channel,
          platformIds.map((id) => hasher.hash(channel, id)),
          chatIds.data,
          chatIds.starts,
          chatIds.lengths,
          createdAt,
          platformIds.map((_, i) => ((from + i) % 12 === 0 ? 'en' : 'vi')),
        ],
      );
      written += size;
    }
  }
  await client.query(
    `CREATE UNLOGGED TABLE bench_reporter AS
     SELECT channel::text AS channel, (row_number() OVER (PARTITION BY channel ORDER BY id) - 1)::int AS idx, id, language
       FROM reporter`,
  );
  await client.query('CREATE INDEX ON bench_reporter (channel, idx)');
  return written;
}

/**
 * The report kinds (`bench_content`), and per unit level 1,000 slots shared among them by weight
 * (`bench_content_slot`), so a report draws its kind with one equality join. A commune unit draws
 * from `commune`, a provincial unit from `province`, the default province from `province` and
 * `default` together.
 */
export async function writeContents(client: pg.Client, contents: readonly ConsoleContent[]) {
  await client.query(
    `CREATE UNLOGGED TABLE bench_content AS
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
       id int, kind text, category text, description text, "peopleText" text, "dangerNow" boolean,
       ongoing boolean, "occurredWhen" text, "childInvolved" text, situation text, country text,
       "helpNeeded" text[], place text, level text, priority int, hits jsonb, "routingReason" text)`,
    [JSON.stringify(contents)],
  );
  const slots: { level: string; slot: number; content: number }[] = [];
  const levels: Record<string, ConsoleContent['level'][]> = {
    commune: ['commune'],
    province: ['province'],
    default: ['province', 'default'],
  };
  for (const [level, drawsFrom] of Object.entries(levels)) {
    const pool = contents.filter((c) => drawsFrom.includes(c.level));
    const total = pool.reduce((a, c) => a + c.weight, 0);
    let slot = 0;
    let cumulative = 0;
    for (const content of pool) {
      cumulative += content.weight;
      const until = Math.round((cumulative / total) * 1000);
      for (; slot < until; slot++) slots.push({ level, slot, content: content.id });
    }
  }
  await client.query(
    `CREATE UNLOGGED TABLE bench_content_slot AS
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) AS t(level, slot, content_id)`,
    [slots.map((s) => s.level), slots.map((s) => s.slot), slots.map((s) => s.content)],
  );
}

/**
 * Per local day, the limits that count in days from an instant of that day, counted by the
 * project's own rules and calendar (`bench_day`): a day, working-day or month limit depends only
 * on the start's local date. Hour limits (classify, notices) are added to the instant in SQL. The
 * triage event's list of limits is stored per day and kind with `hours` in place of the due instant
 * of the hour rules, which SQL fills in.
 */
export async function writeDeadlineDays(
  client: pg.Client,
  options: { from: Date; until: Date; rules: readonly DeadlineRule[]; calendar: VietnamCalendar },
) {
  const rule = (id: string) => {
    const found = options.rules.find((r) => r.id === id);
    if (!found) throw new Error(`deadline rule ${id} is missing`);
    return found;
  };
  const count = (id: string, start: Date): Date | null => {
    try {
      return computeDeadline(rule(id), start, options.calendar);
    } catch {
      return null;
    }
  };
  const hours = new Map(options.rules.filter((r) => r.unit === 'hours').map((r) => [r.id, r.length]));
  const triageList = (start: Date, kind: 'crime_tip' | 'trafficking') =>
    JSON.stringify(
      computeReportDeadlines({ submittedAt: start, kind }, options.rules, options.calendar).deadlines.map(
        (d) => {
          const stored = toStoredDeadline(d);
          const length = hours.get(d.ruleId);
          return length === undefined
            ? stored
            : { ruleId: stored.ruleId, basis: stored.basis, hours: length };
        },
      ),
    );
  const days: string[] = [];
  for (let day = localDateOf(options.from); day <= localDateOf(options.until); day = addLocalDays(day, 1))
    days.push(day);
  // Noon in Viet Nam: any instant of the day gives the same day-based limits.
  const noon = (day: string) => new Date(`${day}T12:00:00+07:00`);
  const column = (id: string) => days.map((day) => count(id, noon(day)));
  await client.query(
    `CREATE UNLOGGED TABLE bench_day AS
     SELECT * FROM unnest($1::date[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
                          $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::jsonb[], $10::jsonb[])
       AS t(day, receipt_notice, decide, decide_extended, victim_verification, resumed_decide,
            notify_resumption, vks_extension, triage_crime_tip, triage_trafficking)`,
    [
      days,
      column('receipt_notice'),
      column('decide'),
      column('decide_extended'),
      column('victim_verification'),
      column('resumed_decide'),
      column('notify_resumption'),
      column('vks_extension'),
      days.map((day) => triageList(noon(day), 'crime_tip')),
      days.map((day) => triageList(noon(day), 'trafficking')),
    ],
  );
  await client.query('ALTER TABLE bench_day ADD PRIMARY KEY (day)');
  return { hours: Object.fromEntries(hours), days: days.length };
}

function platformId(channel: Channel, index: number): string {
  if (channel === 'telegram') return String(6_000_000_000 + index);
  if (channel === 'web') return createHash('sha256').update(`web-${index}`).digest('base64url').slice(0, 22);
  return `${channel === 'zalo_oa' ? '84' : '95'}${String(index).padStart(16, '0')}`;
}

function shuffleKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
