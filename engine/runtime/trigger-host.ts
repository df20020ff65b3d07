/**
 * Runs polling triggers (Recurrence, blob added or modified, ...). For every enabled workflow whose
 * trigger is a polling type it keeps one durable timer: when due, the trigger is polled, and the
 * runs it fires, its history entry and its new state (next fire time, watermark) are committed in
 * one transaction before the runs start — so a restart never fires an occurrence twice and never
 * loses one. After downtime a missed occurrence fires once, then the schedule moves on from now.
 */
import { nextOccurrences, firstFireTime, type Recurrence } from '../../connectors/recurrence/next-occurrences.js';
import { recurrenceOf } from '../../connectors/recurrence/recurrence-trigger.js';
import type { SluiceConfig } from '../config.js';
import { asSluiceError, SluiceError } from '../errors.js';
import { contextView } from '../expressions/context-view.js';
import { isObject, type Value, type ValueObject } from '../expressions/value.js';
import { compileJson } from '../interpreter/json-evaluator.js';
import type { Store, TriggerStateRow } from '../store/store.js';
import type { PollingTriggerDescriptor, PollResult } from '../triggers/descriptor.js';
import type { Clock } from './clock.js';
import type { Engine } from './engine.js';
import { resolveParameters } from './run-factory.js';

export interface TriggerHostOptions {
  engine: Engine;
  store: Store;
  clock: Clock;
  config: SluiceConfig;
  triggers: readonly PollingTriggerDescriptor[];
  onError?(workflow: string, error: Error): void;
}

/** Polling triggers without a recurrence poll every minute. */
const DEFAULT_RECURRENCE: Recurrence = { frequency: 'Minute', interval: 1 };

interface Scheduled {
  cancel(): void;
  polling?: Promise<void>;
  controller: AbortController;
}

interface TriggerSite {
  workflowName: string;
  workflowVersion: number;
  triggerName: string;
  node: Readonly<Record<string, unknown>>;
  descriptor: PollingTriggerDescriptor;
  recurrence: Recurrence;
  parameters: Record<string, Value>;
}

export class TriggerHost {
  private readonly scheduled = new Map<string, Scheduled>();
  private stopped = false;

  constructor(private readonly options: TriggerHostOptions) {}

  start(): void {
    this.options.engine.onWorkflowChange((change) => this.refresh(change.name));
    for (const workflow of this.options.store.listWorkflows()) this.refresh(workflow.name);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const polls: Promise<void>[] = [];
    for (const entry of this.scheduled.values()) {
      entry.cancel();
      entry.controller.abort();
      if (entry.polling) polls.push(entry.polling);
    }
    this.scheduled.clear();
    await Promise.allSettled(polls);
  }

  /** The descriptor handling a trigger definition, if it is a polling type Sluice runs. */
  descriptorFor(node: Readonly<Record<string, unknown>>): PollingTriggerDescriptor | undefined {
    const type = String(node['type'] ?? '').toLowerCase();
    return this.options.triggers.find((d) => (d.matches !== undefined ? d.matches(node) : d.type.toLowerCase() === type));
  }

  /** (Re)schedules a workflow's trigger after it was saved, enabled, disabled or deleted. */
  refresh(workflowName: string): void {
    const key = workflowName.toLowerCase();
    const previous = this.scheduled.get(key);
    previous?.cancel();
    previous?.controller.abort();
    this.scheduled.delete(key);
    if (this.stopped) return;
    try {
      const site = this.siteOf(workflowName);
      if (site === undefined) return;
      const due = this.dueTime(site);
      if (due === undefined) throw new SluiceError('InvalidArgument', `the recurrence of trigger '${site.triggerName}' has no occurrence to fire`);
      this.arm(site, due);
    } catch (err) {
      this.report(workflowName, err);
    }
  }

  private siteOf(workflowName: string): TriggerSite | undefined {
    const record = this.options.store.getWorkflow(workflowName);
    if (record === undefined || record.state === 'Disabled') return undefined;
    const plan = this.options.engine.planFor(record.name, record.version);
    const trigger = plan.compiled.triggers[0];
    if (trigger === undefined) return undefined;
    const node = (plan.definition['triggers'] as Record<string, Record<string, unknown>>)[trigger.name]!;
    const descriptor = this.descriptorFor(node);
    if (descriptor === undefined) return undefined;
    return {
      workflowName: record.name,
      workflowVersion: record.version,
      triggerName: trigger.name,
      node,
      descriptor,
      recurrence: recurrenceOf(node) ?? DEFAULT_RECURRENCE,
      parameters: resolveParameters(plan.definition, record.parameters),
    };
  }

  /** When the trigger is next due: the stored time, or the first occurrence of a new schedule. */
  private dueTime(site: TriggerSite): string | undefined {
    const { store, clock } = this.options;
    const row = store.getTriggerState(site.workflowName, site.triggerName);
    if (row?.nextFireTime !== undefined && row.workflowVersion === site.workflowVersion) return row.nextFireTime;
    // A new workflow, or a new version with perhaps a new schedule: the watermark stays.
    const nextFireTime = firstFireTime(site.recurrence, clock.now());
    if (nextFireTime === undefined) return undefined;
    store.saveTriggerState({ ...stateOf(site, row), nextFireTime, updatedTime: clock.now() });
    return nextFireTime;
  }

  private arm(site: TriggerSite, due: string): void {
    const key = site.workflowName.toLowerCase();
    const entry: Scheduled = { cancel: () => undefined, controller: new AbortController() };
    entry.cancel = this.options.clock.setTimer(due, () => {
      entry.polling = this.poll(site, due, entry.controller.signal).then(
        (next) => {
          if (next !== undefined && !entry.controller.signal.aborted && !this.stopped && this.scheduled.get(key) === entry) this.arm(site, next);
        },
        (err: unknown) => this.report(site.workflowName, err),
      );
    });
    this.scheduled.set(key, entry);
  }

  /** One poll; returns the next due time (already committed), or undefined when the schedule has ended. */
  private async poll(site: TriggerSite, due: string, signal: AbortSignal): Promise<string | undefined> {
    const { store, clock, engine, config } = this.options;
    const now = clock.now();
    const row = store.getTriggerState(site.workflowName, site.triggerName);
    let result: PollResult;
    try {
      const inputs = evaluateInputs(site.node['inputs'], site.parameters, now);
      result = await site.descriptor.poll({
        workflowName: site.workflowName, triggerName: site.triggerName, node: site.node, inputs, state: row?.state, now, config, signal,
      });
    } catch (err) {
      const error = asSluiceError(err);
      result = { status: 'failed', error: { code: error.code, message: error.message } };
    }
    if (signal.aborted) return due;
    const later = Date.parse(now) > Date.parse(due) ? now : due;
    const next = result.status === 'fired' && result.morePending === true ? now : nextOccurrences(site.recurrence, later, 1)[0];
    const keep = stateOf(site, row);
    const advanced: TriggerStateRow = { ...keep, nextFireTime: next, updatedTime: now, ...('state' in result && result.state !== undefined ? { state: result.state } : {}) };
    if (result.status === 'fired') {
      try {
        await engine.fireTrigger({
          workflowName: site.workflowName, triggerName: site.triggerName, outputs: result.outputs, at: now,
          defaultSplitOn: site.descriptor.defaultSplitOn, triggerState: advanced,
        });
      } catch (err) {
        // Runs turned away (a full waiting queue): the items stay unconsumed for the next poll.
        const error = asSluiceError(err);
        this.record(site, now, { ...keep, nextFireTime: next, updatedTime: now }, 'Skipped', { code: error.code, message: error.message });
      }
      return next;
    }
    if (result.status === 'skipped') this.record(site, now, advanced, 'Skipped', { code: 'TriggerSkipped', message: result.reason });
    else this.record(site, now, { ...keep, nextFireTime: next, updatedTime: now }, 'Failed', result.error);
    return next;
  }

  private record(site: TriggerSite, at: string, state: TriggerStateRow, status: 'Skipped' | 'Failed', error: { code: string; message: string }): void {
    this.options.store.commitTriggerPoll({
      triggerState: state,
      runs: [],
      histories: [{ id: `${Date.parse(at)}-${Math.random().toString(36).slice(2, 10)}`, workflowName: site.workflowName, triggerName: site.triggerName, status, startTime: at, endTime: at, fired: false, error }],
    });
  }

  private report(workflow: string, err: unknown): void {
    const error = err instanceof SluiceError ? err : asSluiceError(err);
    if (this.options.onError) this.options.onError(workflow, error);
    else process.stderr.write(`sluice: trigger of workflow '${workflow}': ${error.message}\n`);
  }
}

function stateOf(site: TriggerSite, row: TriggerStateRow | undefined): TriggerStateRow {
  const base: TriggerStateRow = { workflowName: site.workflowName, triggerName: site.triggerName, workflowVersion: site.workflowVersion, updatedTime: row?.updatedTime ?? '' };
  if (row?.state !== undefined) base.state = row.state;
  if (row?.nextFireTime !== undefined) base.nextFireTime = row.nextFireTime;
  return base;
}

/**
 * A trigger's inputs, each top-level member evaluated on its own: a member that cannot be evaluated
 * here (a managed connector's `@parameters('$connections')[...]` host reference) stays as written,
 * for the trigger type to read.
 */
function evaluateInputs(raw: unknown, parameters: Record<string, Value>, now: string): Value {
  const view = contextView({ parameters: parameters as ValueObject, now });
  if (!isObject(raw as Value)) {
    try {
      return compileJson(raw)(view);
    } catch {
      return (raw ?? null) as Value;
    }
  }
  const out: ValueObject = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    try {
      out[key] = compileJson(value)(view);
    } catch {
      out[key] = value as Value;
    }
  }
  return out;
}
