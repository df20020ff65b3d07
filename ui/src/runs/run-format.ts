/** Display helpers of the Runs view: durations, times, JSON, and whether a status is still moving. */

/** Whether a run or action in this status may still change (poll it). */
export function isInProgress(status: string | undefined): boolean {
  return status === 'Running' || status === 'Waiting';
}

/** `850 ms`, `4.2 s`, `3 min 5 s`; `now` stands in for a missing end while running. */
export function formatDuration(start: string | undefined, end: string | undefined, now = Date.now()): string {
  if (start === undefined) return '—';
  const from = Date.parse(start);
  const to = end === undefined ? now : Date.parse(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return '—';
  const ms = Math.max(0, to - from);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A local date and time with seconds. */
export function formatStart(start: string | undefined): string {
  if (start === undefined) return '—';
  const date = new Date(start);
  return Number.isNaN(date.getTime()) ? start : date.toLocaleString();
}

/** JSON for a `<pre>`: strings as they are, everything else indented. */
export function formatJson(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
