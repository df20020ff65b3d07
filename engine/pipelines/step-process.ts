/**
 * One step as a child process in its own process group, so a timeout or a cancel ends everything
 * the script started (shells, grandchildren), not just the script. stdout and stderr go to one log
 * file as whole lines, interleaved in the order they arrive, so the log reads like a terminal.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface StepProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  logPath: string;
  timeoutSeconds: number;
  /** Aborting stops the process group (cancel, or a failure elsewhere in the run). */
  signal: AbortSignal;
  /** How long SIGTERM has before SIGKILL. @default 5000 */
  killGraceMs?: number;
}

export interface StepProcessResult {
  /** How it ended: its own exit, a timeout, or an abort from outside. */
  ending: 'exited' | 'timedOut' | 'aborted' | 'spawnFailed';
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines of stderr, for the error message. */
  stderrTail: string[];
  spawnError?: string;
}

const TAIL_LINES = 20;

export function runStepProcess(options: StepProcessOptions): Promise<StepProcessResult> {
  return new Promise((done) => {
    const log = createWriteStream(options.logPath, { flags: 'a' });
    const tail: string[] = [];
    let ending: StepProcessResult['ending'] = 'exited';
    const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = lineWriter(log, () => undefined);
    const err = lineWriter(log, (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    });
    child.stdout.on('data', (chunk: Buffer) => out.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.write(chunk));
    const grace = options.killGraceMs ?? 5000;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'timedOut' | 'aborted'): void => {
      if (ending !== 'exited' || child.pid === undefined) return;
      ending = why;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), grace);
    };
    const timer = setTimeout(() => stop('timedOut'), options.timeoutSeconds * 1000);
    const onAbort = (): void => stop('aborted');
    options.signal.addEventListener('abort', onAbort);
    if (options.signal.aborted) onAbort();
    let settled = false;
    const finish = (result: Omit<StepProcessResult, 'ending' | 'stderrTail'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      options.signal.removeEventListener('abort', onAbort);
      out.flush();
      err.flush();
      const how = result.spawnError !== undefined ? 'spawnFailed' : ending;
      log.end(() => done({ ...result, ending: how, stderrTail: tail }));
    };
    child.once('error', (e) => {
      log.write(`[sluice] could not start ${options.command}: ${e.message}\n`);
      finish({ exitCode: null, signal: null, spawnError: e.message });
    });
    child.once('exit', (code, signal) => {
      // Whatever the script left behind in its group goes with it; its pipes then close.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      const closed = setTimeout(() => finish({ exitCode: code, signal }), 1000);
      child.once('close', () => {
        clearTimeout(closed);
        finish({ exitCode: code, signal });
      });
    });
  });
}

/** ESRCH (the group is already gone) is the good case. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Writes whole lines only, so lines from stdout and stderr never interleave mid-line. */
function lineWriter(log: WriteStream, onLine: (line: string) => void): { write(chunk: Buffer): void; flush(): void } {
  let partial = '';
  return {
    write(chunk) {
      const text = partial + chunk.toString('utf8');
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        partial = text;
        return;
      }
      const complete = text.slice(0, end + 1);
      partial = text.slice(end + 1);
      log.write(complete);
      for (const line of complete.slice(0, -1).split('\n')) onLine(line);
    },
    flush() {
      if (partial === '') return;
      log.write(`${partial}\n`);
      onLine(partial);
      partial = '';
    },
  };
}
