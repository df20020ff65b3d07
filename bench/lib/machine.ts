/** What the figures were measured on: cores, memory, CPU model, kernel, Node.js. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  /** `nproc`: cores available to this process. */
  cores: number;
  memory_total_mb: number;
  /** `free -m` as printed, when available. */
  free_m?: string;
  cpu_model: string;
  kernel: string;
  node: string;
  platform: string;
  /** 1, 5 and 15 min load averages when this was taken (other work on the machine shows here). */
  load_average: string;
  /** The same, taken before the measurements started, when the caller recorded it. */
  load_average_before?: string;
}

function nproc(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  let free: string | undefined;
  try { free = execFileSync('free', ['-m'], { encoding: 'utf8' }).trim(); } catch { free = undefined; }
  return {
    cores: nproc(),
    memory_total_mb: Math.round(os.totalmem() / 1024 / 1024),
    ...(free === undefined ? {} : { free_m: free }),
    cpu_model: cpuModel(),
    kernel: `${os.type()} ${os.release()} ${os.machine()}`,
    node: process.version,
    platform: process.platform,
    load_average: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}
