import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariableNames } from '../../../src/platform/config/load-config.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');

/** Variable names in the first column of the README's configuration table (`A` / `B` rows too). */
function documentedVariables(): Set<string> {
  const names = new Set<string>();
  for (const line of readme.split('\n')) {
    const firstCell = /^\| ([^|]+) \|/.exec(line)?.[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) if (match[1]) names.add(match[1]);
  }
  return names;
}

describe('the configuration table', () => {
  it('lists every variable the configuration reads, and nothing it does not', () => {
    const documented = documentedVariables();
    expect([...configVariableNames].filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !configVariableNames.includes(name))).toEqual([]);
  });

  it('.env.example names only variables the configuration reads', () => {
    const named = [...envExample.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');
    expect(named.filter((name) => !configVariableNames.includes(name))).toEqual([]);
  });
});
