/**
 * A schedule's `pipeline_parameters` at fire time: values that are strings starting with `@` are
 * expressions of Sluice's engine (`@trigger().scheduledTime`, `@{formatDateTime(...)}` ...) where
 * `trigger()` is `{ scheduledTime, startTime, name, outputs: { body: { path?, datastore? } } }`;
 * `@@` escapes a literal `@`. Azure ML's `@runId()` and `@createdBy()` have no counterpart here.
 */
import { compileTemplate } from '../expressions/compile.js';
import { contextView } from '../expressions/context-view.js';
import { toJsonText, type ValueObject } from '../expressions/value.js';
import type { ParameterValue } from './schedule-types.js';

export interface FireFacts {
  scheduleName: string;
  scheduledTime: string;
  /** When the firing actually happened. */
  startTime: string;
  changedPath?: string;
  datastore?: string;
}

const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('@');

/** The syntax error of each expression value, by parameter name (create/update checks). */
export function parameterSyntaxIssues(parameters: Record<string, ParameterValue>): { name: string; message: string }[] {
  const issues: { name: string; message: string }[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (!isExpression(value)) continue;
    try {
      compileTemplate(value);
    } catch (err) {
      issues.push({ name, message: (err as Error).message });
    }
  }
  return issues;
}

/** Evaluates the expression values; throws the engine's error for one that fails. */
export function evaluateScheduleParameters(parameters: Record<string, ParameterValue>, facts: FireFacts): Record<string, ParameterValue> {
  const body: ValueObject = {};
  if (facts.changedPath !== undefined) body['path'] = facts.changedPath;
  if (facts.datastore !== undefined) body['datastore'] = facts.datastore;
  const trigger: ValueObject = { scheduledTime: facts.scheduledTime, startTime: facts.startTime, name: facts.scheduleName, outputs: { body } };
  const view = contextView({ trigger, now: facts.startTime });
  const out: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (!isExpression(value)) {
      out[name] = value;
      continue;
    }
    const result = compileTemplate(value)(view);
    out[name] = typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' ? result : toJsonText(result);
  }
  return out;
}
