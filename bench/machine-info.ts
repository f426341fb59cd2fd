import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { postgresVersion } from './bench-databases.ts';

export interface MachineInfo {
  hostname: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  os: string;
  node: string;
  postgres: string;
  redis: string;
}

/** What the figures were measured on: they only mean something next to this. */
export async function describeMachine(): Promise<MachineInfo> {
  return {
    hostname: readFileSync('/proc/sys/kernel/hostname', 'utf8').trim(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    os: /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readOrEmpty('/etc/os-release'))?.[1] ?? 'unknown',
    node: process.version,
    postgres: await postgresVersion(),
    redis: await redisVersion(),
  };
}

async function redisVersion(): Promise<string> {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
