import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import {
  crimeCategories,
  helpKinds,
  traffickingSituations,
} from '../../platform/vocabulary/report-categories.ts';

const reportKinds = ['crime_tip', 'trafficking'] as const;
// Trafficking reports carry the category "trafficking" (set by the trafficking flow).
const categories = [...crimeCategories, 'trafficking'] as const;

const ruleIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id is lower_snake_case');
const describedSchema = { description_vi: z.string().min(1), description_en: z.string().min(1) };

// Clauses end at punctuation, so a keyword holding any would never match: only words and spaces.
const keywordSchema = z
  .string()
  .regex(
    /^[\p{L}\p{M}\p{N}]+(?: [\p{L}\p{M}\p{N}]+)*$/u,
    'a keyword is words separated by single spaces, without punctuation',
  )
  .transform((keyword) => keyword.normalize('NFC'));

// Strict objects: a misspelt condition must fail loading, not silently match every report.
const priorityConditionsSchema = z
  .strictObject({
    kind: z.enum(reportKinds).optional(),
    category_in: z.array(z.enum(categories)).min(1).optional(),
    danger_now: z.boolean().optional(),
    child_involved: z.enum(['yes', 'no', 'unknown']).optional(),
    ongoing: z.boolean().optional(),
    situation_in: z.array(z.enum(traffickingSituations)).min(1).optional(),
    help_needed_any: z.array(z.enum(helpKinds)).min(1).optional(),
    keywords_any: z.array(keywordSchema).min(1).optional(),
  })
  .refine((when) => Object.values(when).some((v) => v !== undefined), {
    message: 'a rule needs at least one condition; an empty `when` would apply to every report',
  });

const priorityRuleSchema = z.strictObject({
  id: ruleIdSchema,
  ...describedSchema,
  when: priorityConditionsSchema,
  raise_to: z.literal([1, 2, 3]),
});

const priorityRulesSchema = z
  .strictObject({
    version: z.literal(1),
    note: z.string().min(1),
    default_priority: z.literal([1, 2, 3, 4]),
    ignore_phrases: z.array(keywordSchema),
    rules: z.array(priorityRuleSchema).min(1),
  })
  .superRefine((file, ctx) => rejectDuplicateIds(file.rules, ctx));

const routingRuleSchema = z.strictObject({
  id: ruleIdSchema,
  ...describedSchema,
  when: z
    .strictObject({
      kind: z.enum(reportKinds).optional(),
      category_in: z.array(z.enum(categories)).min(1).optional(),
    })
    .refine((when) => Object.values(when).some((v) => v !== undefined), {
      message: 'a rule needs at least one condition; use `default` for the rest',
    }),
  route_to: z.enum(['province', 'commune']),
});

const fallbackSchema = z.strictObject(describedSchema);

const routingRulesSchema = z
  .strictObject({
    version: z.literal(1),
    note: z.string().min(1),
    rules: z.array(routingRuleSchema),
    default: z.strictObject({
      id: ruleIdSchema,
      ...describedSchema,
      route_to: z.enum(['province', 'commune']),
    }),
    fallbacks: z.strictObject({
      province_without_ward: fallbackSchema,
      coordinates_without_ward: fallbackSchema,
      place_abroad: fallbackSchema,
      place_unknown: fallbackSchema,
    }),
  })
  .superRefine((file, ctx) => {
    rejectDuplicateIds(file.rules, ctx);
    const reserved = [file.default.id, ...Object.keys(file.fallbacks)];
    file.rules.forEach((rule, index) => {
      if (reserved.includes(rule.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: 'is already the id of the default or a fallback',
        });
    });
  });

function rejectDuplicateIds(rules: readonly { id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.id))
      ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: 'is used by an earlier rule' });
    seen.add(rule.id);
  });
}

export type PriorityRules = z.output<typeof priorityRulesSchema>;
export type PriorityRule = PriorityRules['rules'][number];
export type RoutingRules = z.output<typeof routingRulesSchema>;
export type RoutingRule = RoutingRules['rules'][number];
/** The name of a place fallback: the reason given when the place alone decided the unit. */
export type RoutingFallback = keyof RoutingRules['fallbacks'];

function ruleIdAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('rules' in raw) || !Array.isArray(raw.rules))
    return undefined;
  const rule: unknown = raw.rules[index];
  if (typeof rule !== 'object' || rule === null || !('id' in rule)) return undefined;
  return typeof rule.id === 'string' ? rule.id : undefined;
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, source: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    const field = issue.path.join('.') || '(file)';
    if (top !== 'rules' || typeof index !== 'number') return `${field}: ${issue.message}`;
    const id = ruleIdAt(raw, index);
    const rule = id === undefined ? `rule #${index + 1}` : `rule "${id}"`;
    return `${rule} (rules[${index}])${rest.length > 0 ? ` ${rest.join('.')}` : ''}: ${issue.message}`;
  });
  throw new AppError('triage_rules', `${source} is invalid:\n  ${problems.join('\n  ')}`);
}

/**
 * Validates a parsed priority rules document. Throws an AppError `triage_rules` naming each bad rule by id.
 * Example: `parsePriorityRules(JSON.parse(text), 'my-rules.json')`.
 */
export function parsePriorityRules(raw: unknown, source = 'priority rules'): PriorityRules {
  return parseWith(priorityRulesSchema, raw, source);
}

/**
 * Validates a parsed routing rules document; throws an AppError `triage_rules` naming each bad rule
 * by id.
 */
export function parseRoutingRules(raw: unknown, source = 'routing rules'): RoutingRules {
  return parseWith(routingRulesSchema, raw, source);
}

function readJson(fileName: string): unknown {
  const url = new URL(fileName, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch (error) {
    throw new AppError('triage_rules', `src/triage/${fileName} cannot be read as JSON: ${String(error)}`);
  }
}

export interface TriageRules {
  priority: PriorityRules;
  routing: RoutingRules;
}

/**
 * Reads and validates the reviewed rules shipped beside this module (priority-rules.json and
 * routing-rules.json). Call once at start-up so a bad edit stops the process with a clear message.
 */
export function loadTriageRules(): TriageRules {
  return {
    priority: parsePriorityRules(readJson('priority-rules.json'), 'src/triage/rules/priority-rules.json'),
    routing: parseRoutingRules(readJson('routing-rules.json'), 'src/triage/rules/routing-rules.json'),
  };
}
