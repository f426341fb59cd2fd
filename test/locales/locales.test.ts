import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/citizen/engine/conversation-state.ts';
import type { Reply } from '../../src/citizen/engine/reply.ts';
import { whenChoices } from '../../src/citizen/flows/report-answers.ts';
import { buildStepRegistry } from '../../src/citizen/flows/step-registry.ts';
import { countries } from '../../src/citizen/flows/trafficking-flow.ts';
import { ReportStatus } from '../../src/platform/database/generated/prisma/enums.ts';
import { type Language, languages } from '../../src/platform/vocabulary/language.ts';
import type { LocalText } from '../../src/platform/vocabulary/local-text.ts';
import {
  crimeCategories,
  helpKinds,
  traffickingSituations,
} from '../../src/platform/vocabulary/report-categories.ts';
import { telegramCapabilities, textOnlyCapabilities } from '../support/engine-driver.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The catalogues as stored, before `translate` normalises them. */
const raw: Record<Language, Record<string, string>> = {
  vi: JSON.parse(readFileSync(join(root, 'locales/vi/messages.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync(join(root, 'locales/en/messages.json'), 'utf8')) as Record<string, string>,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
const sources = sourceFiles(join(root, 'src')).map((path) => ({
  path: path.slice(root.length),
  text: readFileSync(path, 'utf8'),
}));

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** Every key a reply uses, nested parameters and choice labels included. */
function keysOf(reply: Reply): string[] {
  const ofText = (text: LocalText): string[] => [
    text.key,
    ...Object.values(text.params ?? {}).flatMap((v) => (typeof v === 'object' ? ofText(v) : [])),
  ];
  return [
    ...reply.text.flatMap(ofText),
    ...(reply.choices ?? []).flatMap((c) => ('literal' in c.label ? [] : ofText(c.label))),
  ];
}

const missingIn = (language: Language, keys: Iterable<string>) =>
  [...keys].filter((k) => !(k in raw[language]));

describe('locales', () => {
  it('have exactly the same keys in Vietnamese and English', () => {
    expect(Object.keys(raw.en).sort()).toEqual(Object.keys(raw.vi).sort());
  });

  it('hold only non-empty strings', () => {
    for (const language of languages) {
      for (const [key, value] of Object.entries(raw[language])) {
        expect(typeof value === 'string' && value.trim() !== '', `${language} ${key}`).toBe(true);
      }
    }
  });

  it('contain every key written as `key: …` in the source', () => {
    const used = new Set(
      sources.flatMap((s) => [...s.text.matchAll(/\bkey: '([^']+)'/g)].map((m) => m[1] ?? '')),
    );
    expect(used.size).toBeGreaterThan(50);
    for (const language of languages) expect(missingIn(language, used), language).toEqual([]);
  });

  it('contain every other literal in the source shaped like a key of a known family', () => {
    const families = new Set(Object.keys(raw.vi).map((k) => k.split('.')[0]));
    const used = new Set(
      sources.flatMap((s) =>
        [...s.text.matchAll(/'([a-z_]+)\.([a-z_]+)'/g)]
          .filter((m) => families.has(m[1]))
          .map((m) => `${m[1]}.${m[2]}`),
      ),
    );
    // Zod messages and the request button labels are written without `key:`.
    expect(used).toContain('errors.too_short');
    expect(used).toContain('status.bad_format');
    expect(used).toContain('place.share_location');
    for (const language of languages) expect(missingIn(language, used), language).toEqual([]);
  });

  it.each([
    ['category', crimeCategories],
    ['situation', traffickingSituations],
    ['country', ['vietnam', ...countries, 'unknown']],
    ['help_kind', [...helpKinds, 'selected', 'unselected']],
    ['when', whenChoices],
    ['report_status', Object.values(ReportStatus)],
    ['keywords', ['cancel', 'back', 'menu', 'help']],
    ['anonymity', ['anonymous', 'confidential']],
    ['affected', ['self', 'family', 'other']],
    ['child', ['yes', 'no', 'unknown']],
  ] as const)('contain every %s.* key the code builds', (family, ids) => {
    const keys = ids.map((id) => `${family}.${id}`);
    for (const language of languages) expect(missingIn(language, keys), language).toEqual([]);
  });

  it('contain every key of every step question and button, in every state the choices depend on', () => {
    const registry = buildStepRegistry();
    const base = initialState('vi', true);
    const states = [
      base,
      {
        ...base,
        draft: {
          ...base.draft,
          helpNeeded: ['rescue'],
          attachments: [{ kind: 'photo' as const, platformFileId: 'f' }],
        },
      },
      { ...base, draft: { ...base.draft, provinceQuery: 'quang', provinceCode: '01', wardQuery: 'dinh' } },
    ];
    const stepNames = [
      ...['menu', 'language', 'st_code', 'fu_code', 'fu_content'],
      ...['tip_category', 'tip_description', 'tip_when', 'tip_people', 'tip_evidence'],
      ...['tr_danger', 'tr_affected', 'tr_child', 'tr_situation', 'tr_description', 'tr_where'],
      ...['tr_last_contact', 'tr_help', 'tr_evidence'],
      ...['tip', 'tr'].flatMap((p) =>
        ['place', 'province', 'ward', 'anonymity', 'contact', 'review'].map((s) => `${p}_${s}`),
      ),
    ];
    const used = new Set<string>();
    for (const name of stepNames) {
      const step = registry.step(name);
      expect(step, name).toBeDefined();
      for (const state of states) {
        for (const capabilities of [telegramCapabilities, textOnlyCapabilities]) {
          for (const key of keysOf(
            step?.prompt({ ...state, step: name }, { now: new Date(), capabilities }) ?? { text: [] },
          ))
            used.add(key);
        }
      }
    }
    for (const key of [...keysOf(registry.emergencyCard), ...keysOf(registry.helpCard)]) used.add(key);
    expect(used).toContain('last_contact.this_month');
    for (const language of languages) expect(missingIn(language, used), language).toEqual([]);
  });

  it('use the same placeholders in English as in Vietnamese', () => {
    const differing = Object.keys(raw.vi).filter(
      (key) =>
        JSON.stringify(placeholders(raw.vi[key] ?? '')) !== JSON.stringify(placeholders(raw.en[key] ?? '')),
    );
    expect(differing).toEqual([]);
  });

  it('use every placeholder the code fills', () => {
    expect(placeholders(raw.vi['receipt.submitted'] ?? '')).toEqual(['code', 'register']);
    expect(placeholders(raw.vi['status.found'] ?? '')).toEqual(['register', 'status', 'submitted']);
  });

  it('contain no decomposed (non-NFC) characters', () => {
    for (const language of languages) {
      const decomposed = Object.entries(raw[language])
        .filter(([key, value]) => value !== value.normalize('NFC') || key !== key.normalize('NFC'))
        .map(([key]) => key);
      expect(decomposed, language).toEqual([]);
    }
  });

  it('keep the keyword lists free of empty words, so no blank message is read as a command', () => {
    for (const language of languages) {
      for (const intent of ['cancel', 'back', 'menu', 'help']) {
        const words = (raw[language][`keywords.${intent}`] ?? '').split(',');
        expect(
          words.every((w) => w.trim() !== ''),
          `${language} ${intent}`,
        ).toBe(true);
      }
    }
  });
});
