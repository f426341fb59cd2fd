import { readFileSync } from 'node:fs';

export interface RssPeak {
  /** VmRSS at the first sample, right after start-up (idle). */
  startRssMb: number;
  /** Largest VmRSS seen in the samples. */
  peakRssMb: number;
  /** VmHWM (the kernel's own peak RSS) at the last successful read. */
  highWaterMarkMb: number;
  samples: number;
}

/**
 * Samples the resident memory of watched processes from /proc/<pid>/status (VmRSS and VmHWM)
 * every `intervalMs`. Peaks are kept per name, so a process that is restarted under the same name
 * keeps one figure.
 */
export class RssSampler {
  private readonly watched = new Map<string, number>();
  private readonly peaks = new Map<string, RssPeak>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 250) {}

  watch(name: string, pid: number): void {
    this.watched.set(name, pid);
    this.sample();
  }

  unwatch(name: string): void {
    this.sample();
    this.watched.delete(name);
  }

  start(): void {
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  results(): Record<string, RssPeak> {
    return Object.fromEntries(this.peaks);
  }

  private sample(): void {
    for (const [name, pid] of this.watched) {
      const status = readStatus(pid);
      if (!status) continue;
      const peak = this.peaks.get(name) ?? {
        startRssMb: status.rssMb,
        peakRssMb: 0,
        highWaterMarkMb: 0,
        samples: 0,
      };
      peak.peakRssMb = Math.max(peak.peakRssMb, status.rssMb);
      peak.highWaterMarkMb = Math.max(peak.highWaterMarkMb, status.hwmMb);
      peak.samples++;
      this.peaks.set(name, peak);
    }
  }
}

function readStatus(pid: number): { rssMb: number; hwmMb: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // exited
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  const mb = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { rssMb: mb(kb('VmRSS')), hwmMb: mb(kb('VmHWM')) };
}
