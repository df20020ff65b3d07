/**
 * Workflow functions: everything an expression reads of its run goes through `ctx.view`, so these
 * functions see only what the RunView chooses to expose.
 */
import { formDataValues, multipartBody } from '../form-data.js';
import { getMember, isObject, type Value } from '../value.js';
import { argIndex, argString, fail, failArg } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';

function member(record: Value | undefined, name: string): Value {
  return isObject(record) ? (getMember(record, name) ?? null) : null;
}

function triggerRecord(ctx: CallContext): Value {
  const record = ctx.view.trigger();
  if (record === undefined) fail(ctx, 'there is no trigger in this context', `The template language function '${ctx.fn}' cannot be used: the workflow has no trigger output here.`);
  return record;
}

function actionRecord(ctx: CallContext, name: string): Value {
  const record = ctx.view.action(name);
  if (record === undefined) {
    failArg(ctx, 0, `names the action '${name}', which does not exist in the workflow or has not run yet`,
      `The template language function '${ctx.fn}' cannot be evaluated because the action '${name}' is not defined or has not been executed.`);
  }
  return record;
}

/** Form data of an outputs record; parse failures are reported against the call. */
function formValues(ctx: CallContext, outputs: Value, key: string): string[] {
  try {
    return formDataValues(outputs, key);
  } catch (err) {
    return fail(ctx, (err as Error).message);
  }
}

function singleFormValue(ctx: CallContext, outputs: Value, key: string): Value {
  const values = formValues(ctx, outputs, key);
  if (values.length > 1) fail(ctx, `the key '${key}' has ${values.length} values; use ${ctx.fn === 'formDataValue' ? 'formDataMultiValues' : 'triggerFormDataMultiValues'} to read them all`);
  return values[0] ?? null;
}

function partBody(ctx: CallContext, outputs: Value, index: number): Value {
  try {
    return multipartBody(outputs, index);
  } catch (err) {
    return fail(ctx, (err as Error).message);
  }
}

function loopValue<T>(ctx: CallContext, value: T | undefined, loop: string, what: string): T {
  if (value === undefined) failArg(ctx, 0, `names '${loop}', which is not ${what} enclosing this expression`);
  return value;
}

export const workflowFunctions: FunctionDef[] = [
  fn('trigger', 0, 0, (_, ctx) => triggerRecord(ctx)),
  fn('triggerOutputs', 0, 0, (_, ctx) => member(triggerRecord(ctx), 'outputs')),
  fn('triggerBody', 0, 0, (_, ctx) => member(member(triggerRecord(ctx), 'outputs'), 'body')),
  fn('triggerFormDataValue', 1, 1, (args, ctx) => singleFormValue(ctx, member(triggerRecord(ctx), 'outputs'), argString(ctx, args, 0))),
  fn('triggerFormDataMultiValues', 1, 1, (args, ctx) => formValues(ctx, member(triggerRecord(ctx), 'outputs'), argString(ctx, args, 0))),
  fn('triggerMultipartBody', 1, 1, (args, ctx) => partBody(ctx, member(triggerRecord(ctx), 'outputs'), argIndex(ctx, args, 0))),
  fn('actions', 1, 1, (args, ctx) => actionRecord(ctx, argString(ctx, args, 0))),
  fn('action', 0, 0, (_, ctx) => {
    const record = ctx.view.currentAction();
    if (record === undefined) fail(ctx, 'is only available in trackedProperties, an Until expression or a webhook unsubscribe');
    return record;
  }),
  fn('outputs', 1, 1, (args, ctx) => member(actionRecord(ctx, argString(ctx, args, 0)), 'outputs')),
  fn('body', 1, 1, (args, ctx) => member(member(actionRecord(ctx, argString(ctx, args, 0)), 'outputs'), 'body')),
  fn('formDataValue', 2, 2, (args, ctx) =>
    singleFormValue(ctx, member(actionRecord(ctx, argString(ctx, args, 0)), 'outputs'), argString(ctx, args, 1))),
  fn('formDataMultiValues', 2, 2, (args, ctx) =>
    formValues(ctx, member(actionRecord(ctx, argString(ctx, args, 0)), 'outputs'), argString(ctx, args, 1))),
  fn('multipartBody', 2, 2, (args, ctx) =>
    partBody(ctx, member(actionRecord(ctx, argString(ctx, args, 0)), 'outputs'), argIndex(ctx, args, 1))),
  fn('item', 0, 0, (_, ctx) => {
    const value = ctx.view.item();
    if (value === undefined) fail(ctx, 'is only available inside a Foreach loop or the from/where/select of Query, Select and Table');
    return value;
  }),
  fn('items', 1, 1, (args, ctx) => {
    const loop = argString(ctx, args, 0);
    return loopValue(ctx, ctx.view.items(loop), loop, 'a Foreach loop');
  }),
  fn('iterationIndexes', 1, 1, (args, ctx) => {
    const loop = argString(ctx, args, 0);
    return loopValue(ctx, ctx.view.iterationIndex(loop), loop, 'an Until or Foreach loop');
  }),
  fn('parameters', 1, 1, (args, ctx) => {
    const name = argString(ctx, args, 0);
    const value = ctx.view.parameter(name);
    if (value === undefined) failArg(ctx, 0, `names the parameter '${name}', which the workflow does not declare or supply`,
      `The workflow parameter '${name}' is not found.`);
    return value;
  }),
  fn('variables', 1, 1, (args, ctx) => {
    const name = argString(ctx, args, 0);
    const value = ctx.view.variable(name);
    if (value === undefined) failArg(ctx, 0, `names the variable '${name}', which has not been initialized`,
      `The variable '${name}' is not initialized; use an InitializeVariable action first.`);
    return value;
  }),
  fn('result', 0, 1, (args, ctx) => {
    const scope = args.length === 0 ? undefined : argString(ctx, args, 0);
    const value = ctx.view.result(scope);
    if (value === undefined) {
      if (scope === undefined) fail(ctx, 'without a name is only available inside a Scope, Foreach or Until');
      failArg(ctx, 0, `names '${scope}', which is not a Scope, Foreach or Until that has run`);
    }
    return value;
  }),
  fn('workflow', 0, 0, (_, ctx) => {
    const value = ctx.view.workflow();
    if (value === undefined) fail(ctx, 'no workflow information in this context');
    return value;
  }),
  fn('listCallbackUrl', 0, 0, (_, ctx) => {
    const url = ctx.view.callbackUrl();
    if (url === undefined) fail(ctx, 'is only available in workflows whose trigger or action has a callback URL');
    return url;
  }),
  fn('appsetting', 1, 1, (args, ctx) => {
    const name = argString(ctx, args, 0);
    const value = ctx.view.appSetting(name);
    if (value === undefined) failArg(ctx, 0, `names the app setting '${name}', which is not configured`);
    return value;
  }),
];
