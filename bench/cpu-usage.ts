import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time of each part of the system, in clock ticks, at one moment. */
export interface CpuSnapshot {
  at: number;
  /** Busy ticks of the whole machine (all cores). */
  machine: number;
  groups: Record<string, number>;
}

/** Where the CPU went during a phase, in cores (CPU seconds per wall-clock second). */
export interface CpuShare {
  wallSeconds: number;
  machineCores: number;
  cores: Record<string, number>;
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * A cheap profile: CPU ticks of named pids (the web and worker children), of every `postgres` and
 * `redis-server` process (with the ticks of reaped children, so short-lived backends count), of
 * the bench process itself (load generator and fake Telegram), and of the whole machine.
 */
export function takeCpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  const groups: Record<string, number> = { postgres: 0, redis: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    if (stat.comm === 'postgres') groups.postgres = (groups.postgres ?? 0) + stat.ticksWithChildren;
    else if (stat.comm === 'redis-server') groups.redis = (groups.redis ?? 0) + stat.ticksWithChildren;
  }
  for (const [name, pid] of Object.entries(pids)) groups[name] = readStat(pid)?.ticks ?? 0;
  const own = process.cpuUsage();
  groups.bench = ((own.user + own.system) / 1e6) * ticksPerSecond;
  return { at: performance.now(), machine: machineBusyTicks(), groups };
}

export function cpuShareBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
  const wallSeconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => Math.round((ticks / ticksPerSecond / wallSeconds) * 100) / 100;
  const share: Record<string, number> = {};
  let named = 0;
  for (const [name, ticks] of Object.entries(after.groups)) {
    const used = Math.max(0, ticks - (before.groups[name] ?? 0));
    named += used;
    share[name] = cores(used);
  }
  const machine = after.machine - before.machine;
  share.other = cores(Math.max(0, machine - named));
  return { wallSeconds: Math.round(wallSeconds * 10) / 10, machineCores: cores(machine), cores: share };
}

function readStat(pid: number): { comm: string; ticks: number; ticksWithChildren: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  // Fields after the command: state is field 3, so utime (14) … cstime (17) sit at 11 … 14.
  const rest = text.slice(close + 2).split(' ');
  const field = (i: number) => Number(rest[i] ?? 0);
  const ticks = field(11) + field(12);
  return { comm, ticks, ticksWithChildren: ticks + field(13) + field(14) };
}

function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}
