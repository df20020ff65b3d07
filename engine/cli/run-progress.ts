/**
 * Live progress of a pipeline run for `sluice pipeline run --wait`. On a terminal: a table of steps
 * (status, duration) redrawn in place with ANSI cursor movement. Otherwise (logs, CI, pipes): one
 * plain line `step <name>: <status>` each time a step's status changes.
 */
export interface StepView {
  stepName: string;
  status: string;
  startTime?: string;
  endTime?: string;
  reusedFromRunId?: string;
}

export interface ProgressWriter {
  update(steps: readonly StepView[], now: number): void;
  finish(runId: string, status: string): void;
}

function duration(step: StepView, now: number): string {
  if (step.startTime === undefined) return '';
  const end = step.endTime === undefined ? now : Date.parse(step.endTime);
  const seconds = Math.max(0, (end - Date.parse(step.startTime)) / 1000);
  return seconds < 60 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
}

function label(step: StepView): string {
  return step.reusedFromRunId === undefined ? step.status : `${step.status} (reused)`;
}

/** Plain lines, one per status change. */
export class PlainProgress implements ProgressWriter {
  private readonly seen = new Map<string, string>();

  constructor(private readonly write: (text: string) => void) {}

  update(steps: readonly StepView[]): void {
    for (const step of steps) {
      const status = label(step);
      if (this.seen.get(step.stepName) === status) continue;
      this.seen.set(step.stepName, status);
      this.write(`step ${step.stepName}: ${status}\n`);
    }
  }

  finish(runId: string, status: string): void {
    this.write(`run ${runId}: ${status}\n`);
  }
}

/** A table redrawn in place: the cursor moves up over the previous drawing and each line is cleared. */
export class TableProgress implements ProgressWriter {
  private drawn = 0;

  constructor(private readonly write: (text: string) => void) {}

  update(steps: readonly StepView[], now: number): void {
    const width = Math.max(4, ...steps.map((s) => s.stepName.length));
    const lines = [`${'STEP'.padEnd(width)}  ${'STATUS'.padEnd(20)}  DURATION`];
    for (const step of steps) lines.push(`${step.stepName.padEnd(width)}  ${label(step).padEnd(20)}  ${duration(step, now)}`);
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
    this.drawn = lines.length;
  }

  finish(runId: string, status: string): void {
    this.write(`run ${runId}: ${status}\n`);
  }
}
