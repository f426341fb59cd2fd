import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type DeadlineUnit = 'hours' | 'days' | 'working_days' | 'months';

/** The event that starts a limit's clock; `previous_limit` is the due instant of the limit it extends. */
export type ClockStart = 'receipt' | 'classification' | 'decision' | 'resumption' | 'previous_limit';

/** A legal time limit as data: how long, counted how, from what, for which reports, and why. */
export interface DeadlineRule {
  id: string;
  nameVi: string;
  nameEn: string;
  length: number;
  unit: DeadlineUnit;
  clockStart: ClockStart;
  appliesTo: 'all' | 'trafficking';
  /** The provision that sets the limit, e.g. "BLTTHS 2015 Art. 147(1)". */
  basis: string;
  note?: string;
}

const ruleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name_vi: z.string().min(1),
  name_en: z.string().min(1),
  length: z.number().int().positive(),
  unit: z.enum(['hours', 'days', 'working_days', 'months']),
  clock_start: z.enum(['receipt', 'classification', 'decision', 'resumption', 'previous_limit']),
  applies_to: z.enum(['all', 'trafficking']),
  basis: z.string().min(1),
  note: z.string().min(1).optional(),
});

const fileSchema = z.object({ rules: z.array(ruleSchema).min(1) }).superRefine((file, context) => {
  const ids = file.rules.map((r) => r.id);
  for (const id of new Set(ids.filter((id, index) => ids.indexOf(id) !== index)))
    context.addIssue({ code: 'custom', message: `rule ${id} is defined twice` });
});

const shippedRules = new URL('./deadline-rules.json', import.meta.url);

/** Validates rules already read as JSON (snake_case fields, as in deadline-rules.json). */
export function parseDeadlineRules(raw: unknown): DeadlineRule[] {
  return fileSchema.parse(raw).rules.map((r) => ({
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    length: r.length,
    unit: r.unit,
    clockStart: r.clock_start,
    appliesTo: r.applies_to,
    basis: r.basis,
    ...(r.note === undefined ? {} : { note: r.note }),
  }));
}

/** Reads the deadline rules from `path`, or the rules shipped with the code. */
export function loadDeadlineRules(path?: string | URL): DeadlineRule[] {
  const file = path ?? shippedRules;
  try {
    return parseDeadlineRules(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    throw new Error(`deadline rules ${String(file)} are invalid: ${detail}`, { cause: error });
  }
}
