import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

/** The parts of `src/` in the order a tip goes through them: each may import only from earlier ones. */
const parts = ['platform', 'citizen', 'intake', 'triage', 'casework', 'supervision', 'processes'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:from\s+|import\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+\.ts)'/gm;

/** Every source file with the source files it imports (relative specifiers only). */
const graph = new Map(
  sourceFiles(src).map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(importPattern)].map((m) => resolve(dirname(file), m[1] ?? ''));
    return [relative(src, file), targets.map((target) => relative(src, target))];
  }),
);

const partOf = (file: string) => parts.indexOf(file.split('/')[0] ?? '');

describe('the source tree', () => {
  it('has only the parts at its top level', () => {
    const top = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());
    expect(top.sort()).toEqual([...parts].sort());
    for (const file of graph.keys()) expect(partOf(file), file).toBeGreaterThanOrEqual(0);
  });

  it('imports only from the same part or an earlier one, never against the flow', () => {
    const against: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (partOf(target) > partOf(file)) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => !t.includes('/generated/') && !graph.has(t)).map((t) => `${file} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('keeps every source file to 300 lines or fewer', () => {
    const long = [...graph.keys()]
      .map((file) => ({ file, lines: readFileSync(join(src, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
