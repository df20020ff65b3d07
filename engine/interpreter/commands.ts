/**
 * What the interpreter asks the executor to do. The executor carries these out only after the
 * transition that produced them has been committed (the durability rule).
 */
import type { Value } from '../expressions/value.js';
import type { RunStatus } from './run-state.js';

export type Command =
  /** Run an action with an external effect (Http, Response, Workflow ...) and report its result. */
  | { kind: 'invokeAction'; key: string; name: string; type: string; attempt: number; inputs: Value; timeoutMs?: number }
  /** Fire `timerFired` at `due` (survives restarts: timers are part of the run state). */
  | { kind: 'startTimer'; key: string; due: string; purpose: 'wait' | 'retry' }
  /** Stop an in-flight effect (the run was cancelled or terminated). */
  | { kind: 'cancelAction'; key: string }
  | { kind: 'runCompleted'; status: RunStatus };
