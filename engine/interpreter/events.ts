/**
 * What can happen to a run. Every event carries the time it happened (`at`, ISO 8601): the
 * interpreter never reads a clock.
 */
import type { ActionResult } from '../actions/descriptor.js';

export type RunEvent =
  | { kind: 'runStarted'; at: string }
  | { kind: 'actionCompleted'; at: string; key: string; attempt: number; result: ActionResult }
  | { kind: 'timerFired'; at: string; key: string; purpose: 'wait' | 'retry' }
  | { kind: 'cancelRequested'; at: string };
