/**
 * Compiles an AST into a closure tree once; evaluating is then a plain function call per node with
 * no dispatch on node types and no repeated function look-ups. The closures are pure: everything
 * they read of the run comes through the `RunView` passed in.
 */
import { SluiceError } from '../errors.js';
import type { AccessNode, Ast, CallNode } from './ast.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import { countWord } from './functions/args.js';
import type { CallContext, FunctionDef, Thunk } from './functions/function-def.js';
import { lookupFunction } from './functions/index.js';
import { printExpression } from './print.js';
import type { RunView } from './run-view.js';
import { findKey, isInteger, isObject, kindOf, toText, type Value } from './value.js';

export type Evaluator = (view: RunView) => Value;

export function compileExpression(ast: Ast): Evaluator {
  switch (ast.type) {
    case 'literal': {
      const value = ast.value;
      return () => value;
    }
    case 'call':
      return compileCall(ast);
    case 'access':
      return compileAccess(ast);
  }
}

/** Evaluates an AST directly (compiles on the fly; prefer compileExpression for repeated use). */
export function evaluate(ast: Ast, view: RunView): Value {
  return compileExpression(ast)(view);
}

function compileCall(node: CallNode): Evaluator {
  const def = lookupFunction(node.name);
  // Unknown names and wrong arities fail when the call is evaluated, not when it is compiled, as in
  // Logic Apps (an unknown function in an untaken if() branch is harmless); the definition
  // validator reports both up front.
  if (def === undefined) {
    return () => {
      throw new ExpressionEvaluationError(`unknown function '${node.name}'`, {
        detail: `The template function '${node.name}' is not defined or not valid.`,
        where: { function: node.name, position: node.span.start },
      });
    };
  }
  const arityError = checkArity(def, node.args.length);
  if (arityError !== undefined) {
    return () => {
      throw new ExpressionEvaluationError(`${def.name}: ${arityError.message}`, {
        detail: arityError.detail,
        where: { function: def.name, position: node.span.start },
      });
    };
  }
  const args = node.args.map(compileExpression);
  const position = node.span.start;
  if (def.lazy !== undefined) {
    const lazy = def.lazy;
    return (view) => {
      const thunks: Thunk[] = args.map((arg) => () => arg(view));
      return guard(() => lazy(thunks, { fn: def.name, view }), def.name, position);
    };
  }
  const impl = def.impl;
  const name = def.name;
  switch (args.length) {
    case 0:
      return (view) => invoke(impl, [], { fn: name, view }, position);
    case 1: {
      const [a] = args as [Evaluator];
      return (view) => invoke(impl, [a(view)], { fn: name, view }, position);
    }
    case 2: {
      const [a, b] = args as [Evaluator, Evaluator];
      return (view) => invoke(impl, [a(view), b(view)], { fn: name, view }, position);
    }
    case 3: {
      const [a, b, c] = args as [Evaluator, Evaluator, Evaluator];
      return (view) => invoke(impl, [a(view), b(view), c(view)], { fn: name, view }, position);
    }
    default:
      return (view) => {
        const values = new Array<Value>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = args[i]!(view);
        return invoke(impl, values, { fn: name, view }, position);
      };
  }
}

/** `undefined` when `count` arguments are acceptable, otherwise what is wrong in both wordings. */
export function checkArity(def: FunctionDef, count: number): { message: string; detail: string } | undefined {
  if (count >= def.minArgs && count <= def.maxArgs) return undefined;
  let expected: string;
  let words: string;
  if (def.maxArgs === Infinity) {
    expected = `at least ${def.minArgs} argument${def.minArgs === 1 ? '' : 's'}`;
    words = `at least ${countWord(def.minArgs)} parameter${def.minArgs === 1 ? '' : 's'}`;
  } else if (def.minArgs === def.maxArgs) {
    expected = `${def.minArgs} argument${def.minArgs === 1 ? '' : 's'}`;
    words = `${countWord(def.minArgs)} parameter${def.minArgs === 1 ? '' : 's'}`;
  } else {
    expected = `${def.minArgs} to ${def.maxArgs} arguments`;
    words = `${countWord(def.minArgs)} to ${countWord(def.maxArgs)} parameters`;
  }
  return {
    message: `expects ${expected}, got ${count}`,
    detail: `The template language function '${def.name}' expects ${words}.`,
  };
}

function invoke(impl: (args: Value[], ctx: CallContext) => Value, args: Value[], ctx: CallContext, position: number): Value {
  try {
    return impl(args, ctx);
  } catch (err) {
    throw locate(err, ctx.fn, position);
  }
}

function guard(run: () => Value, fn: string, position: number): Value {
  try {
    return run();
  } catch (err) {
    throw locate(err, fn, position);
  }
}

/** Adds the call's position to an evaluation error; wraps anything untyped (a bug) into one. */
function locate(err: unknown, fn: string, position: number): SluiceError {
  if (err instanceof SluiceError) {
    if (err.where.position === undefined) (err.where as { position?: number }).position = position;
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ExpressionEvaluationError(`${fn}: ${message}`, {
    detail: `The template language function '${fn}' failed: ${message}`,
    where: { function: fn, position },
  });
}

function compileAccess(node: AccessNode): Evaluator {
  const target = compileExpression(node.target);
  const key = compileExpression(node.key);
  const optional = node.optional;
  return (view) => select(target(view), key(view), optional, node);
}

function select(target: Value, key: Value, optional: boolean, node: AccessNode): Value {
  if (target === null) {
    if (optional) return null;
    return accessError(node, `property '${keyText(key)}' cannot be selected: the value is null (write ?['${keyText(key)}'] to allow null)`,
      `Property selection is not supported on values of type 'Null'.`);
  }
  if (typeof key === 'string' && isObject(target)) {
    const found = findKey(target, key);
    if (found !== undefined) return target[found]!;
    if (optional) return null;
    const available = Object.keys(target).join(', ');
    return accessError(node, `property '${key}' doesn't exist, available properties are '${available}'`,
      `Property '${key}' doesn't exist, available properties are '${available}'.`);
  }
  if (isInteger(key) && Array.isArray(target)) {
    const index = Number(key);
    if (index >= 0 && index < target.length) return target[index]!;
    if (optional) return null;
    return accessError(node, `array index ${index} is outside the bounds (0 - ${target.length - 1}) of the array`,
      `Array index '${index}' is outside bounds (0 - ${target.length - 1}) of array.`);
  }
  const what = typeof key === 'string' ? `property '${key}'` : `index ${keyText(key)}`;
  return accessError(node, `${what} cannot be selected from a value of type ${kindOf(target).toLowerCase()}` +
      (isInteger(key) || typeof key === 'string' ? '' : ` (the index must be a string or an integer, got ${kindOf(key).toLowerCase()})`),
    `Property selection is not supported on values of type '${kindOf(target)}'.`);
}

function keyText(key: Value): string {
  return toText(key);
}

function accessError(node: AccessNode, message: string, detail: string): never {
  const text = printExpression(node);
  throw new ExpressionEvaluationError(`${text}: ${message}`, {
    detail: `The template language expression '${text}' cannot be evaluated because ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`,
    where: { position: node.span.start },
  });
}
