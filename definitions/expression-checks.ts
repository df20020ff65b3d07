/**
 * Expressions inside a definition: every string that may hold one is parsed once here, so a
 * syntax error surfaces at load time with its pointer and character position, not mid-run. Calls
 * are checked against the function table (name and argument count), and calls that name a
 * parameter, action or variable with a literal are checked against what the definition declares.
 */
import type { Ast, CallNode } from '../engine/expressions/ast.js';
import { forEachCall } from '../engine/expressions/ast.js';
import { ExpressionSyntaxError } from '../engine/expressions/expression-errors.js';
import { mayBeExpression, parseTemplate, type Template } from '../engine/expressions/template.js';
import type { ActionSite } from './action-tree.js';
import { arityText, type FunctionArity } from './arity.js';
import { checkCondition } from './condition-checks.js';
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { inOwner } from './owner.js';
import { isPlainObject } from './unwrap.js';

export const MAX_EXPRESSION_LENGTH = 8192;

export interface ExpressionContext {
  readonly lookupFunction: (name: string) => FunctionArity | undefined;
  /** Lower-cased names. */
  readonly parameters: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly variables: ReadonlySet<string>;
  /** Pointers other checks already explain (ARM expressions). */
  readonly suppressed: (pointer: string) => boolean;
}

export interface ExpressionScan {
  readonly issues: Issue[];
  /** Parsed templates of every string holding an expression, by pointer (relative to the definition). */
  readonly templates: Map<string, Template>;
}

/** Keys whose values are structure or prose, never evaluated. */
const NOT_EVALUATED = new Set(['type', 'kind', 'runAfter', 'metadata', 'description', 'actions', 'else', 'cases', 'default', 'tools']);

export function checkExpressions(
  definition: Record<string, unknown>,
  sites: readonly ActionSite[],
  triggers: readonly [string, Record<string, unknown>, string][],
  ctx: ExpressionContext,
): ExpressionScan {
  const scan: ExpressionScan = { issues: [], templates: new Map() };
  const walk = (value: unknown, pointer: string): void => walkValue(value, pointer, ctx, scan);
  for (const [, node, pointer] of triggers) walkNode(node, pointer, walk, node['type'] === 'Request');
  for (const site of sites) {
    walkNode(site.node, site.pointer, walk, site.type === 'Response');
    for (const key of ['expression', 'where'] as const) {
      const holder = key === 'where' ? site.node['inputs'] : site.node;
      const base = key === 'where' ? childPointer(site.pointer, 'inputs') : site.pointer;
      if (isPlainObject(holder) && isPlainObject(holder[key])) {
        scan.issues.push(...checkCondition(holder[key], childPointer(base, key), ctx.lookupFunction));
      }
    }
  }
  for (const section of ['outputs', 'parameters'] as const) {
    const entries = definition[section];
    if (!isPlainObject(entries)) continue;
    const key = section === 'outputs' ? 'value' : 'defaultValue';
    for (const [name, entry] of Object.entries(entries)) {
      if (isPlainObject(entry) && key in entry) walk(entry[key], childPointer('/' + section, name, key));
    }
  }
  return scan;
}

function walkNode(node: Record<string, unknown>, pointer: string, walk: (v: unknown, p: string) => void, skipSchema: boolean): void {
  for (const [key, value] of Object.entries(node)) {
    if (NOT_EVALUATED.has(key)) continue;
    if (key === 'inputs' && skipSchema && isPlainObject(value)) {
      // The Request trigger's and Response's `schema` is a JSON Schema for designers, not evaluated.
      for (const [k, v] of Object.entries(value)) if (k !== 'schema') walk(v, childPointer(pointer, key, k));
      continue;
    }
    walk(value, childPointer(pointer, key));
  }
}

function walkValue(value: unknown, pointer: string, ctx: ExpressionContext, scan: ExpressionScan): void {
  if (typeof value === 'string') {
    checkString(value, pointer, ctx, scan);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkValue(v, childPointer(pointer, i), ctx, scan));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) walkValue(v, childPointer(pointer, k), ctx, scan);
  }
}

function checkString(text: string, pointer: string, ctx: ExpressionContext, scan: ExpressionScan): void {
  if (!mayBeExpression(text) || ctx.suppressed(pointer)) return;
  let template: Template;
  try {
    template = parseTemplate(text);
  } catch (err) {
    if (!(err instanceof ExpressionSyntaxError)) throw err;
    scan.issues.push(issue('ExpressionSyntax', pointer, `expression does not parse${inOwner(pointer)}: ${err.message}`, err.position));
    return;
  }
  if (template.kind === 'literal') return;
  scan.templates.set(pointer, template);
  if (text.length > MAX_EXPRESSION_LENGTH) {
    scan.issues.push(issue('LimitExceeded', pointer, `the expression is ${text.length} characters long${inOwner(pointer)}; Logic Apps allows at most ${MAX_EXPRESSION_LENGTH}`));
  }
  const asts = template.kind === 'expression' ? [template.ast] : template.parts.filter((p): p is Ast => typeof p !== 'string');
  for (const ast of asts) forEachCall(ast, (call) => scan.issues.push(...checkCall(call, pointer, ctx)));
}

function checkCall(call: CallNode, pointer: string, ctx: ExpressionContext): Issue[] {
  const at = call.nameSpan.start;
  const def = ctx.lookupFunction(call.name);
  if (!def) return [issue('UnknownFunction', pointer, `unknown function '${call.name}'${inOwner(pointer)}`, at)];
  const n = call.args.length;
  if (n < def.minArgs || n > def.maxArgs) {
    return [issue('WrongArgumentCount', pointer, `function '${call.name}' ${arityText(def)}, got ${n}${inOwner(pointer)}`, at)];
  }
  return checkReference(call, pointer, ctx);
}

const ACTION_REFERENCES = new Set(['body', 'outputs', 'actions', 'actionbody', 'actionoutputs', 'result', 'items', 'iterationindexes']);

function checkReference(call: CallNode, pointer: string, ctx: ExpressionContext): Issue[] {
  const first = call.args[0];
  if (!first || first.type !== 'literal' || typeof first.value !== 'string') return [];
  const name = first.value;
  const fn = call.name.toLowerCase();
  const at = first.span.start;
  const where = inOwner(pointer);
  if (fn === 'parameters' && !ctx.parameters.has(name.toLowerCase())) {
    return [issue('UndeclaredParameter', pointer,
      `parameters('${name}') refers to a parameter the definition does not declare${where}; declare it under "parameters" or supply its value from outside (as a Standard app's parameters.json does)`, at)];
  }
  if (ACTION_REFERENCES.has(fn) && !ctx.actions.has(name.toLowerCase())) {
    return [issue('UnknownActionReference', pointer, `${call.name}('${name}') refers to an action that does not exist${where}`, at)];
  }
  if (fn === 'variables' && !ctx.variables.has(name.toLowerCase())) {
    return [issue('UndeclaredVariable', pointer, `variables('${name}') refers to a variable no InitializeVariable action declares${where}`, at)];
  }
  return [];
}
