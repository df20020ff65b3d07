/**
 * Resident memory of a server process tree from /proc, the way the peers harness measures it
 * (VmRSS of the pid and all its descendants), so Sluice-only figures compare with the table.
 */
import { readFileSync, readdirSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  // /proc/<pid>/task/<tid>/children lists direct children per thread (Linux >= 3.5).
  const kids: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return kids;
  }
  for (const tid of tasks) {
    try {
      for (const k of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) if (k) kids.push(Number(k));
    } catch {
      // the thread ended while we looked
    }
  }
  return kids;
}

/** The pid and every descendant, pid first. */
export function treePids(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(out[i]!));
  return out;
}

/** VmRSS in kB of one process; 0 when it is gone. */
export function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** VmRSS in kB of the pid and all its descendants. */
export function treeRssKb(pid: number): number {
  return treePids(pid).reduce((sum, p) => sum + rssKb(p), 0);
}

/** Samples the tree's RSS every `intervalMs` until stopped; `stop()` returns the maximum seen. */
export function sampleMaxRss(pid: number, intervalMs = 250): { stop(): number } {
  let max = treeRssKb(pid);
  const timer = setInterval(() => { max = Math.max(max, treeRssKb(pid)); }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(max, treeRssKb(pid));
    },
  };
}
