/** Running a pure action inside the transition: evaluate, compute, complete. */
import type { PureActionDescriptor, VariableAccess } from '../actions/descriptor.js';
import { compileJson, type JsonEvaluator } from './json-evaluator.js';
import type { ActionPlan } from './plan.js';
import type { ActionRecord } from './run-state.js';
import { invalidTemplate, type Step } from './transition.js';
import { findKey, type Value, type ValueObject } from '../expressions/value.js';

/**
 * Inputs evaluators of actions whose descriptor keeps some inputs for per-item evaluation (Query's
 * `where`, Select's `select`, Table's `columns`): those keys are returned as written.
 */
const itemAwareInputs = new WeakMap<ActionPlan, JsonEvaluator>();

function inputsEvaluator(plan: ActionPlan, descriptor: PureActionDescriptor): JsonEvaluator {
  const raw = plan.node['inputs'];
  const keep = descriptor.itemInputs;
  if (keep === undefined || keep.length === 0 || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return plan.inputs;
  let evaluator = itemAwareInputs.get(plan);
  if (evaluator === undefined) {
    const entries = Object.entries(raw as Record<string, unknown>);
    const rest = compileJson(Object.fromEntries(entries.filter(([key]) => !keep.includes(key))));
    const kept = entries.filter(([key]) => keep.includes(key)) as [string, Value][];
    evaluator = (view) => {
      const out = rest(view) as ValueObject;
      for (const [key, value] of kept) out[key] = value;
      return out;
    };
    itemAwareInputs.set(plan, evaluator);
  }
  return evaluator;
}

export function startPure(step: Step, record: ActionRecord, plan: ActionPlan, descriptor: PureActionDescriptor): void {
  record.attempts = 1;
  const evaluateInputs = inputsEvaluator(plan, descriptor);
  const frame = step.frameOf(plan, record.repetition);
  let evaluated: Value | undefined;
  const ctx = {
    name: plan.name,
    node: plan.node,
    inputs: (): Value => {
      if (evaluated === undefined) {
        evaluated = evaluateInputs(step.view(frame));
        record.inputs = evaluated;
      }
      return evaluated;
    },
    evaluateWithItem: (raw: unknown, item: Value): Value => compileJson(raw)(step.view({ ...frame, item: { value: item } })),
    variables: variableAccess(step),
  };
  try {
    step.complete(record, descriptor.run(ctx));
  } catch (err) {
    step.complete(record, invalidTemplate(plan.name, 'inputs', err));
  }
}

/** Run variables; names match ignoring case, as `variables('x')` does. */
function variableAccess(step: Step): VariableAccess {
  const state = step.state;
  const types = (state.variableTypes ??= {});
  const keyOf = (name: string): string | undefined => findKey(state.variables as ValueObject, name);
  const limits = step.ctx.limits;
  return {
    limits: { arrayItems: limits.variableArrayItems, stringChars: limits.variableStringChars },
    has: (name) => keyOf(name) !== undefined,
    get: (name) => {
      const key = keyOf(name);
      return key === undefined ? undefined : state.variables[key];
    },
    declare: (name, type, value) => {
      state.variables[name] = value;
      types[name] = type;
    },
    typeOf: (name) => {
      const key = keyOf(name);
      return key === undefined ? undefined : types[key];
    },
    set: (name, value) => {
      state.variables[keyOf(name) ?? name] = value;
    },
  };
}
