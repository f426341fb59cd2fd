import {
  findVietnamesePhrase,
  type PhraseSearchText,
  prepareVietnameseText,
} from './find-vietnamese-phrase.ts';
import type { PriorityRule, PriorityRules } from './load-triage-rules.ts';
import type { TriageReport } from './triage-report.ts';

/** 1 is the highest priority, 4 routine. */
export type Priority = 1 | 2 | 3 | 4;

/** A rule that held for a report: recorded on it so an officer sees why it got its priority. */
export interface PriorityHit {
  ruleId: string;
  raisedTo: 1 | 2 | 3;
  /** For a keyword rule, the keyword found, as written in the rule. */
  matched?: string;
}

export interface PriorityAssessment {
  priority: Priority;
  /** Every rule that held, in the order of the rules file, whether or not it set the priority. */
  hits: PriorityHit[];
}

/** The keyword that satisfies the rule, true when it holds without one, false when it does not. */
function evaluate(rule: PriorityRule, report: TriageReport, text: PhraseSearchText): string | boolean {
  const when = rule.when;
  if (when.kind !== undefined && report.kind !== when.kind) return false;
  if (when.category_in !== undefined && !when.category_in.some((c) => c === report.category)) return false;
  if (when.danger_now !== undefined && (report.dangerNow ?? false) !== when.danger_now) return false;
  if (when.ongoing !== undefined && (report.ongoing ?? false) !== when.ongoing) return false;
  if (when.child_involved !== undefined && report.childInvolved !== when.child_involved) return false;
  if (when.situation_in !== undefined && !when.situation_in.some((s) => s === report.situation)) return false;
  if (
    when.help_needed_any !== undefined &&
    !when.help_needed_any.some((h) => (report.helpNeeded ?? []).includes(h))
  )
    return false;
  if (when.keywords_any === undefined) return true;
  return findVietnamesePhrase(text, when.keywords_any) ?? false;
}

/**
 * The priority of a report under the reviewed rules: the file's default, lowered to the
 * `raise_to` of every rule whose conditions all hold. Keywords are looked for in the description,
 * the amendments and the people text. Pure. Example:
 * `assessPriority({ kind: 'crime_tip', category: 'theft', description: 'no co sung' }, rules)`
 * → `{ priority: 2, hits: [{ ruleId: 'weapons', raisedTo: 2, matched: 'có súng' }] }`.
 */
export function assessPriority(report: TriageReport, rules: PriorityRules): PriorityAssessment {
  const text = prepareVietnameseText(
    [report.description, ...(report.amendments ?? []), report.peopleText ?? ''],
    rules.ignore_phrases,
  );
  let priority: Priority = rules.default_priority;
  const hits: PriorityHit[] = [];
  for (const rule of rules.rules) {
    const outcome = evaluate(rule, report, text);
    if (outcome === false) continue;
    hits.push(
      typeof outcome === 'string'
        ? { ruleId: rule.id, raisedTo: rule.raise_to, matched: outcome }
        : { ruleId: rule.id, raisedTo: rule.raise_to },
    );
    if (rule.raise_to < priority) priority = rule.raise_to;
  }
  return { priority, hits };
}
