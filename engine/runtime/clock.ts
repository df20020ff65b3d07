/**
 * Time is injected. The engine reads the time and sets timers only through a Clock, so tests and
 * one-off runs can skip time (Wait actions, retry delays) without sleeping.
 */
export interface Clock {
  /** Current time as an ISO-8601 string. */
  now(): string;
  /** Calls `fire` at (or after) `due`; returns a function that cancels the timer. */
  setTimer(due: string, fire: () => void): () => void;
}

/** Longest delay one setTimeout accepts; longer timers re-arm. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export class SystemClock implements Clock {
  now(): string {
    return new Date().toISOString();
  }

  setTimer(due: string, fire: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const wait = Date.parse(due) - Date.now();
      if (wait <= 0) {
        handle = setTimeout(fire, 0);
        return;
      }
      handle = setTimeout(arm, Math.min(wait, MAX_TIMEOUT_MS));
    };
    arm();
    return () => clearTimeout(handle);
  }
}

/**
 * A clock whose timers fire as soon as the event loop is free, each moving the clock forward to its
 * due time: a Wait of a day costs nothing, yet the run records the times it would have had.
 */
export class VirtualClock implements Clock {
  private offsetMs = 0;
  private readonly timers = new Set<{ due: number; fire: () => void }>();
  private scheduled = false;

  now(): string {
    return new Date(Date.now() + this.offsetMs).toISOString();
  }

  setTimer(due: string, fire: () => void): () => void {
    const timer = { due: Date.parse(due), fire };
    this.timers.add(timer);
    this.schedule();
    return () => void this.timers.delete(timer);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      let next: { due: number; fire: () => void } | undefined;
      for (const timer of this.timers) if (next === undefined || timer.due < next.due) next = timer;
      if (next === undefined) return;
      this.timers.delete(next);
      const current = Date.now() + this.offsetMs;
      if (next.due > current) this.offsetMs += next.due - current;
      next.fire();
      if (this.timers.size > 0) this.schedule();
    });
  }
}

/** A clock that moves only when told to (unit tests of timers). */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<{ due: number; fire: () => void }>();

  constructor(start: string) {
    this.current = Date.parse(start);
  }

  now(): string {
    return new Date(this.current).toISOString();
  }

  setTimer(due: string, fire: () => void): () => void {
    const timer = { due: Date.parse(due), fire };
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: { due: number; fire: () => void } | undefined;
      for (const timer of this.timers) if (timer.due <= target && (next === undefined || timer.due < next.due)) next = timer;
      if (next === undefined) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.due);
      next.fire();
    }
    this.current = target;
  }
}
