/**
 * The control actions the interpreter runs itself: Scope, If, Switch, Foreach, Until, Terminate
 * and Wait. Each opens containers (scope instances) or sets a timer; the container's end completes
 * the action (see Step.closeScope).
 */
import type { ActionResult } from '../actions/descriptor.js';
import { deepEqual, isInteger, isObject, toText, type Value } from '../expressions/value.js';
import { addIsoDuration, durationMs } from './iso-duration.js';
import { compileCondition, compileJson } from './json-evaluator.js';
import { bodyPointer, type ActionPlan } from './plan.js';
import { terminateRun } from './run-end.js';
import type { ActionRecord, LoopState } from './run-state.js';
import { executionKey } from './state-view.js';
import { invalidTemplate, scopeFailure, type Step } from './transition.js';

export const CONTROL_TYPES: ReadonlySet<string> = new Set(['Scope', 'If', 'Switch', 'Foreach', 'Until', 'Terminate', 'Wait']);

function fail(code: string, message: string): ActionResult {
  return { status: 'Failed', code, error: { code, message } };
}

export function startControl(step: Step, record: ActionRecord, plan: ActionPlan): void {
  record.attempts = 1;
  switch (plan.type) {
    case 'Scope':
      step.openScope(bodyPointer(plan, 'actions'), record.key, record.repetition);
      return;
    case 'If':
      return startIf(step, record, plan);
    case 'Switch':
      return startSwitch(step, record, plan);
    case 'Foreach':
      return startForeach(step, record, plan);
    case 'Until':
      return startUntil(step, record, plan);
    case 'Terminate':
      return startTerminate(step, record, plan);
    case 'Wait':
      return startWait(step, record, plan);
  }
}

function evaluate(step: Step, record: ActionRecord, plan: ActionPlan, raw: unknown, part: string, condition = false): { ok: true; value: Value } | { ok: false } {
  try {
    const view = step.view(step.frameOf(plan, record.repetition));
    return { ok: true, value: (condition ? compileCondition(raw) : compileJson(raw))(view) };
  } catch (err) {
    step.complete(record, invalidTemplate(plan.name, part, err));
    return { ok: false };
  }
}

function startIf(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const result = evaluate(step, record, plan, plan.node['expression'], 'expression', true);
  if (!result.ok) return;
  if (typeof result.value !== 'boolean') {
    step.complete(record, fail('InvalidTemplate', `The condition of action '${plan.name}' must evaluate to a boolean; it evaluated to ${JSON.stringify(toText(result.value))}.`));
    return;
  }
  record.inputs = { expression: result.value };
  record.outputs = { expression: result.value };
  const taken = bodyPointer(plan, result.value ? 'actions' : 'else');
  const other = bodyPointer(plan, result.value ? 'else' : 'actions');
  step.skipContainer(other, record.repetition, `The condition of '${plan.name}' evaluated to ${result.value}, so this branch did not run.`);
  step.openScope(taken, record.key, record.repetition);
}

function startSwitch(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const result = evaluate(step, record, plan, plan.node['expression'], 'expression');
  if (!result.ok) return;
  const cases = (plan.node['cases'] ?? {}) as Record<string, { case?: Value }>;
  let chosen: string | undefined;
  for (const [name, branch] of Object.entries(cases)) {
    if (chosen === undefined && switchMatches(result.value, branch?.case ?? null)) chosen = name;
  }
  record.inputs = { expression: result.value };
  const containers = Object.keys(cases).map((name) => bodyPointer(plan, { case: name }));
  const taken = chosen === undefined ? bodyPointer(plan, 'default') : bodyPointer(plan, { case: chosen });
  record.outputs = { expression: result.value, case: chosen ?? null };
  for (const container of [...containers, bodyPointer(plan, 'default')]) {
    if (container !== taken) step.skipContainer(container, record.repetition, `Switch '${plan.name}' chose another case.`);
  }
  step.openScope(taken, record.key, record.repetition);
}

/** Case values are static strings or integers; a string expression value matches an integer case by its text. */
function switchMatches(value: Value, caseValue: Value): boolean {
  if (deepEqual(value, caseValue)) return true;
  const scalar = (v: Value): boolean => typeof v === 'string' || isInteger(v);
  return scalar(value) && scalar(caseValue) && toText(value) === toText(caseValue);
}

function startForeach(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const result = evaluate(step, record, plan, plan.node['foreach'], 'foreach');
  if (!result.ok) return;
  const items = result.value;
  const limits = step.ctx.limits;
  if (!Array.isArray(items)) {
    step.complete(record, fail('InvalidTemplate', `The 'foreach' of action '${plan.name}' must evaluate to an array; it evaluated to ${items === null ? 'null' : typeof items === 'object' ? 'an object' : `a ${typeof items}`}.`));
    return;
  }
  if (items.length > limits.foreachItems) {
    step.complete(record, fail('ActionLimitExceeded', `The 'foreach' of action '${plan.name}' has ${items.length} items; at most ${limits.foreachItems} are allowed.`));
    return;
  }
  record.inputs = { foreachItemsCount: items.length };
  const loop: LoopState = { kind: 'Foreach', items, next: 0, running: 0, done: 0, degree: foreachDegree(step, plan), failed: false };
  step.state.loops[record.key] = loop;
  if (items.length === 0) {
    step.complete(record, { status: 'Succeeded' });
    return;
  }
  while (loop.next < items.length && loop.running < loop.degree) openIteration(step, record, plan, loop);
}

function foreachDegree(step: Step, plan: ActionPlan): number {
  const limits = step.ctx.limits;
  const options = String(plan.node['operationOptions'] ?? '').toLowerCase();
  if (options.split(',').map((o) => o.trim()).includes('sequential')) return 1;
  const config = plan.node['runtimeConfiguration'] as { concurrency?: { repetitions?: unknown } } | undefined;
  const repetitions = config?.concurrency?.repetitions;
  const degree = typeof repetitions === 'number' ? Math.floor(repetitions) : limits.foreachDegree;
  return Math.min(Math.max(degree, 1), limits.foreachMaxDegree);
}

function openIteration(step: Step, record: ActionRecord, plan: ActionPlan, loop: LoopState): void {
  const index = loop.next++;
  loop.running++;
  step.openScope(bodyPointer(plan, 'actions'), record.key, [...record.repetition, index]);
}

function startUntil(step: Step, record: ActionRecord, plan: ActionPlan): void {
  step.state.loops[record.key] = { kind: 'Until', next: 0, running: 0, done: 0, degree: 1, failed: false, startedAt: step.at };
  const limit = untilLimits(step, record, plan);
  if (limit === undefined) return;
  record.inputs = { limit: { count: limit.count, timeout: limit.timeout } };
  openIteration(step, record, plan, step.state.loops[record.key]!);
}

function untilLimits(step: Step, record: ActionRecord, plan: ActionPlan): { count: number; timeout: string } | undefined {
  const limits = step.ctx.limits;
  const raw = (plan.node['limit'] ?? {}) as { count?: unknown; timeout?: unknown };
  const count = raw.count === undefined ? { ok: true as const, value: limits.untilDefaultCount as Value } : evaluate(step, record, plan, raw.count, 'limit');
  if (!count.ok) return undefined;
  const timeout = raw.timeout === undefined ? { ok: true as const, value: limits.untilDefaultTimeout as Value } : evaluate(step, record, plan, raw.timeout, 'limit');
  if (!timeout.ok) return undefined;
  const n = typeof count.value === 'string' ? Number(count.value) : count.value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > limits.untilMaxCount) {
    step.complete(record, fail('InvalidTemplate', `The limit count of Until '${plan.name}' must be an integer from 1 to ${limits.untilMaxCount}.`));
    return undefined;
  }
  if (typeof timeout.value !== 'string') {
    step.complete(record, fail('InvalidTemplate', `The limit timeout of Until '${plan.name}' must be an ISO 8601 duration.`));
    return undefined;
  }
  return { count: n, timeout: timeout.value };
}

/** A loop iteration's container finished. */
export function loopIterationDone(step: Step, record: ActionRecord, failed: boolean): void {
  const loop = step.state.loops[record.key]!;
  loop.running--;
  loop.done++;
  if (failed) loop.failed = true;
  const plan = step.plan.actions.get(record.name)!;
  if (loop.kind === 'Foreach') {
    if (loop.next < loop.items!.length && step.running) openIteration(step, record, plan, loop);
    else if (loop.done === loop.items!.length) step.complete(record, loop.failed ? scopeFailure() : { status: 'Succeeded' });
    return;
  }
  untilIterationDone(step, record, plan, loop, failed);
}

function untilIterationDone(step: Step, record: ActionRecord, plan: ActionPlan, loop: LoopState, failed: boolean): void {
  loop.lastIterationFailed = failed;
  const frame = { ...step.frameOf(plan, [...record.repetition, loop.done - 1]), loops: [...plan.loops, plan.name], current: record };
  let met: Value;
  try {
    met = compileCondition(plan.node['expression'])(step.view(frame));
  } catch (err) {
    step.complete(record, invalidTemplate(plan.name, 'expression', err));
    return;
  }
  const { count, timeout } = (record.inputs as { limit: { count: number; timeout: string } }).limit;
  const result = failed ? scopeFailure() : ({ status: 'Succeeded' } as ActionResult);
  if (met === true) {
    step.complete(record, result);
    return;
  }
  if (loop.done >= count || timedOut(loop, timeout, step.at)) {
    const failWhenLimits = String(plan.node['operationOptions'] ?? '').toLowerCase().includes('failwhenlimitsreached');
    step.complete(record, failWhenLimits ? fail('ActionLimitReached', `Until '${plan.name}' reached its limit before its condition was met.`) : result);
    return;
  }
  if (step.running) openIteration(step, record, plan, loop);
}

function timedOut(loop: LoopState, timeout: string, at: string): boolean {
  try {
    return Date.parse(at) - Date.parse(loop.startedAt!) >= durationMs(timeout);
  } catch {
    return Date.parse(at) >= Date.parse(addIsoDuration(loop.startedAt!, timeout));
  }
}

function startTerminate(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const inputs = step.evaluateInputs(record, plan);
  if (!inputs.ok) {
    step.complete(record, inputs.result);
    return;
  }
  record.inputs = inputs.value;
  const raw = isObject(inputs.value) ? inputs.value : {};
  const status = String(raw['runStatus'] ?? 'Failed');
  const canonical = ['Succeeded', 'Failed', 'Cancelled'].find((s) => s.toLowerCase() === status.toLowerCase());
  if (canonical === undefined) {
    step.complete(record, fail('InvalidTemplate', `Terminate '${plan.name}': runStatus must be Succeeded, Failed or Cancelled, got '${status}'.`));
    return;
  }
  step.finish(record, { status: 'Succeeded' });
  const runError = isObject(raw['runError']) ? raw['runError'] : undefined;
  const error = canonical === 'Failed'
    ? { code: String(runError?.['code'] ?? 'Terminated'), message: String(runError?.['message'] ?? `The run was terminated by action '${plan.name}'.`) }
    : undefined;
  terminateRun(step, canonical as 'Succeeded' | 'Failed' | 'Cancelled', error);
}

const UNIT_DURATIONS: Record<string, (n: number) => string> = {
  second: (n) => `PT${n}S`,
  minute: (n) => `PT${n}M`,
  hour: (n) => `PT${n}H`,
  day: (n) => `P${n}D`,
  week: (n) => `P${n * 7}D`,
  month: (n) => `P${n}M`,
};

function startWait(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const inputs = step.evaluateInputs(record, plan);
  if (!inputs.ok) {
    step.complete(record, inputs.result);
    return;
  }
  record.inputs = inputs.value;
  const due = waitDue(inputs.value, step.at);
  if (typeof due !== 'string' || !due.includes('T')) {
    step.complete(record, fail('InvalidTemplate', `Wait '${plan.name}': ${due ?? 'inputs need interval {count, unit} or until {timestamp}'}.`));
    return;
  }
  record.status = 'Waiting';
  step.state.timers[record.key] = { key: record.key, due, purpose: 'wait' };
  step.commands.push({ kind: 'startTimer', key: record.key, due, purpose: 'wait' });
}

/** The due time of a Wait, or a message saying what is wrong with its inputs. */
function waitDue(inputs: Value, at: string): string | undefined {
  if (!isObject(inputs)) return undefined;
  const interval = inputs['interval'];
  const until = inputs['until'];
  try {
    if (isObject(interval)) {
      const count = Number(interval['count']);
      const unit = UNIT_DURATIONS[String(interval['unit'] ?? '').toLowerCase()];
      if (!Number.isInteger(count) || count < 0 || unit === undefined) return 'interval needs an integer count and a unit (Second, Minute, Hour, Day, Week, Month)';
      return addIsoDuration(at, unit(count));
    }
    if (isObject(until)) {
      const time = Date.parse(String(until['timestamp'] ?? ''));
      if (Number.isNaN(time)) return `until.timestamp is not a valid time: '${String(until['timestamp'])}'`;
      return new Date(Math.max(time, Date.parse(at))).toISOString();
    }
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}

export function fireWait(step: Step, key: string): void {
  const record = step.state.actions[key];
  if (record === undefined || record.status !== 'Waiting' || !step.running) return;
  delete step.state.timers[key];
  step.complete(record, { status: 'Succeeded' });
}

export { executionKey };
