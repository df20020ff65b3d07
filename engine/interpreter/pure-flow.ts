/** Running a pure action inside the transition: evaluate, compute, complete. */
import type { PureActionDescriptor, VariableAccess } from '../actions/descriptor.js';
import { compileJson } from './json-evaluator.js';
import type { ActionPlan } from './plan.js';
import type { ActionRecord } from './run-state.js';
import { invalidTemplate, type Step } from './transition.js';
import { findKey, type Value, type ValueObject } from '../expressions/value.js';

export function startPure(step: Step, record: ActionRecord, plan: ActionPlan, descriptor: PureActionDescriptor): void {
  record.attempts = 1;
  const frame = step.frameOf(plan, record.repetition);
  let evaluated: Value | undefined;
  const ctx = {
    name: plan.name,
    node: plan.node,
    inputs: (): Value => {
      if (evaluated === undefined) {
        evaluated = plan.inputs(step.view(frame));
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
  return {
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
