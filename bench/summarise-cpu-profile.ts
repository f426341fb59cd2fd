import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Prints where a `--cpu-prof` profile spent its time: self time by package or project folder, and
 * the top functions. Usage: `node --import tsx bench/summarise-cpu-profile.ts <file.cpuprofile>`
 * (profiles come from `npm run bench -- --profile`).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: summarise-cpu-profile.ts <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = profile.endTime - profile.startTime;

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const area = areaOf(frame.url, frame.functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + micros);
  const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}
const print = (title: string, entries: Map<string, number>, limit: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s profiled\n`);
// Inclusive time of the project's own functions (src/): what each part of the system costs with
// everything it calls. A function on the stack twice is counted once.
const inclusive = new Map<string, number>();
const walk = (id: number, onStack: Set<string>): number => {
  const node = byId.get(id);
  if (!node) return 0;
  let micros = selfMicros.get(id) ?? 0;
  const frame = node.callFrame;
  const own = frame.url.includes('/src/')
    ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`
    : null;
  const entered = own !== null && !onStack.has(own);
  if (entered && own) onStack.add(own);
  for (const child of node.children ?? []) micros += walk(child, onStack);
  if (entered && own) {
    onStack.delete(own);
    inclusive.set(own, (inclusive.get(own) ?? 0) + micros);
  }
  return micros;
};
const root = profile.nodes[0];
if (root) walk(root.id, new Set());

print('self time by area', byArea, 20);
print('self time by function', byFunction, 30);
print('inclusive time of project functions (src/)', inclusive, 25);

function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module) return module;
  if (url.startsWith('node:')) return 'node internals';
  const path = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url;
  return path.split('/').slice(0, 2).join('/');
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
}
