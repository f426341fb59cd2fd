import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/platform/errors/app-error.ts';
import {
  loadTriageRules,
  parsePriorityRules,
  parseRoutingRules,
} from '../../../src/triage/rules/load-triage-rules.ts';

const shipped = loadTriageRules();

function priorityWith(rule: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    ...structuredClone(shipped.priority),
    ...extra,
    rules: [...structuredClone(shipped.priority.rules), rule],
  };
}

const goodRule = {
  id: 'bad_rule',
  description_vi: 'Quy tắc thử',
  description_en: 'Test rule',
  when: { danger_now: true },
  raise_to: 1,
};

describe('loadTriageRules', () => {
  it('loads the shipped files', () => {
    expect(shipped.priority.rules.length).toBeGreaterThan(10);
    expect(shipped.priority.default_priority).toBe(3);
    expect(shipped.routing.default.route_to).toBe('commune');
  });

  it('ships keywords in NFC, written with diacritics as the matcher expects', () => {
    const keywords = shipped.priority.rules.flatMap((r) => r.when.keywords_any ?? []);
    expect(keywords.length).toBeGreaterThan(50);
    expect(keywords.filter((k) => k !== k.normalize('NFC'))).toEqual([]);
    expect(keywords).toContain('có súng');
  });
});

describe('parsePriorityRules', () => {
  it('accepts a well-formed extra rule', () => {
    expect(parsePriorityRules(priorityWith(goodRule)).rules.at(-1)?.id).toBe('bad_rule');
  });

  it.each([
    ['a priority out of range', { ...goodRule, raise_to: 5 }, /rule "bad_rule" \(rules\[\d+\]\) raise_to/],
    ['a misspelt condition', { ...goodRule, when: { danger_nw: true } }, /rule "bad_rule".*when/],
    ['no condition at all', { ...goodRule, when: {} }, /rule "bad_rule".*at least one condition/],
    [
      'an unknown category',
      { ...goodRule, when: { category_in: ['robbery'] } },
      /rule "bad_rule".*category_in/,
    ],
    [
      'an unknown situation',
      { ...goodRule, when: { situation_in: ['held'] } },
      /rule "bad_rule".*situation_in/,
    ],
    [
      'a keyword with punctuation, which could never match',
      { ...goodRule, when: { keywords_any: ['có súng!'] } },
      /rule "bad_rule".*keywords_any.*without punctuation/,
    ],
    ['an empty keyword list', { ...goodRule, when: { keywords_any: [] } }, /rule "bad_rule".*keywords_any/],
    ['an id already used', { ...goodRule, id: 'danger_now' }, /rule "danger_now".*earlier rule/],
    ['a missing description', { ...goodRule, description_en: undefined }, /rule "bad_rule".*description_en/],
  ])('rejects %s, naming the rule', (_name, rule, message) => {
    expect(() => parsePriorityRules(priorityWith(rule), 'priority-rules.json')).toThrow(
      expect.toSatisfy((error) => isAppError(error, 'triage_rules'), 'triage_rules'),
    );
    expect(() => parsePriorityRules(priorityWith(rule), 'priority-rules.json')).toThrow(message);
  });

  it('names a rule without an id by its position', () => {
    const { id: _id, ...noId } = goodRule;
    expect(() => parsePriorityRules(priorityWith(noId))).toThrow(/rule #\d+ \(rules\[\d+\]\) id/);
  });

  it('names the file in the message', () => {
    expect(() => parsePriorityRules({}, 'src/triage/rules/priority-rules.json')).toThrow(
      /^src\/triage\/rules\/priority-rules\.json is invalid/,
    );
  });
});

describe('parseRoutingRules', () => {
  const withRule = (rule: Record<string, unknown>): unknown => ({
    ...structuredClone(shipped.routing),
    rules: [...structuredClone(shipped.routing.rules), rule],
  });
  const rule = { id: 'bad_route', description_vi: 'x', description_en: 'x', when: { kind: 'trafficking' } };

  it.each([
    ['an unknown level', { ...rule, route_to: 'district' }, /rule "bad_route".*route_to/],
    [
      'no condition at all',
      { ...rule, when: {}, route_to: 'province' },
      /rule "bad_route".*at least one condition/,
    ],
    ['an unknown kind', { ...rule, when: { kind: 'tip' }, route_to: 'province' }, /rule "bad_route".*kind/],
    [
      'an id taken by a fallback',
      { ...rule, id: 'place_unknown', route_to: 'province' },
      /rule "place_unknown"/,
    ],
  ])('rejects %s, naming the rule', (_name, bad, message) => {
    expect(() => parseRoutingRules(withRule(bad))).toThrow(message);
  });

  it('requires every fallback to be described', () => {
    const { place_abroad: _dropped, ...fallbacks } = shipped.routing.fallbacks;
    expect(() => parseRoutingRules({ ...structuredClone(shipped.routing), fallbacks })).toThrow(
      /fallbacks\.place_abroad/,
    );
  });
});
