/**
 * Loads a workflow definition: finds it inside its wrapper, checks it against the JSON Schema,
 * then the semantic and expression rules, and returns either a compiled workflow or every issue
 * found (each with a JSON pointer into the document as given). Never throws: anything unexpected
 * becomes an `InternalError` issue.
 */
import { lookupFunction as registryLookup } from '../engine/expressions/functions/index.js';
import { collectActions, collectTriggers, type ActionSite } from './action-tree.js';
import type { FunctionArity } from './arity.js';
import { isUnderArm, scanArmExpressions } from './arm-checks.js';
import type { CompiledAction, CompiledWorkflow } from './compiled.js';
import { checkExpressions } from './expression-checks.js';
import { issue, type Issue } from './issue.js';
import { deepFreeze, normaliseDefinition } from './normalise.js';
import { checkParameters } from './parameter-checks.js';
import { checkSchema } from './schema-check.js';
import { checkRecurrences } from './recurrence-checks.js';
import { checkActionNames, checkCycles, checkLimits, checkResponse, checkRunAfter, checkStaticResults } from './semantic-checks.js';
import { defaultSupport, type TypeSupport } from './support.js';
import { unwrapDefinition } from './unwrap.js';
import { checkVariables, declaredVariables } from './variable-checks.js';
import { isPlainObject } from './unwrap.js';

export type { Issue, IssueCode } from './issue.js';
export type { CompiledWorkflow } from './compiled.js';

export interface LoadOptions {
  /**
   * Names of parameters whose values come from outside the definition (a Standard app's
   * parameters.json, `sluice run --parameters`). `parameters('x')` of such a name is not an issue.
   */
  readonly externalParameters?: Iterable<string>;
  /** Which trigger/action types and connectors can run; defaults to Sluice's built-in set. */
  readonly support?: TypeSupport;
  /** Function table used for name and argument-count checks; defaults to the expression registry. */
  readonly lookupFunction?: (name: string) => FunctionArity | undefined;
}

export type LoadResult =
  | { readonly ok: true; readonly definition: Readonly<Record<string, unknown>>; readonly compiled: CompiledWorkflow }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export function loadDefinition(json: unknown, options: LoadOptions = {}): LoadResult {
  try {
    return load(json, options);
  } catch (err) {
    return { ok: false, issues: [internalIssue('loading', '', err)] };
  }
}

function load(json: unknown, options: LoadOptions): LoadResult {
  const unwrapped = unwrapDefinition(json);
  if ('code' in unwrapped) return { ok: false, issues: [unwrapped] };
  const { basePointer, kind } = unwrapped;
  const issues: Issue[] = [];
  const guard = <T>(step: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (err) {
      issues.push(internalIssue(step, '', err));
      return fallback;
    }
  };
  const arm = scanArmExpressions(unwrapped.definition);
  issues.push(...arm.issues);
  const suppressed = (pointer: string): boolean => isUnderArm(arm.pointers, pointer);
  const copy = normaliseDefinition(unwrapped.definition);
  const schema = guard('the schema check', { issues: [], definition: copy }, () => checkSchema(copy, suppressed));
  issues.push(...schema.issues);
  const definition = schema.definition;
  const sites = collectActions(definition);
  const triggers = collectTriggers(definition);
  const triggerNames = triggers.map(([name]) => name);
  issues.push(...guard('the semantic checks', [], () => semanticIssues(definition, sites, triggers, triggerNames)));
  issues.push(...guard('the support check', [], () => supportIssues(sites, triggers, options.support ?? defaultSupport, suppressed)));
  const scan = guard('the expression checks', { issues: [], templates: new Map() }, () =>
    checkExpressions(definition, sites, triggers, {
      lookupFunction: options.lookupFunction ?? registryLookup,
      parameters: parameterNames(definition, options.externalParameters),
      actions: new Set(sites.map((s) => s.name.toLowerCase())),
      variables: new Set(declaredVariables(sites).keys()),
      suppressed,
    }),
  );
  issues.push(...scan.issues);
  const visible = issues.filter((i) => i.code === 'ArmTemplateExpression' || i.code === 'InternalError' || !suppressed(i.pointer));
  if (visible.length > 0) return { ok: false, issues: visible.map((i) => ({ ...i, pointer: basePointer + i.pointer })) };
  const frozen = deepFreeze(definition);
  const compiled: CompiledWorkflow = {
    definition: frozen,
    ...(kind ? { kind } : {}),
    triggers: triggers.map(([name, node, pointer]) => ({ name, type: String(node['type']), pointer })),
    actions: new Map(sites.map((s) => [s.name, compileAction(s)])),
    expressions: scan.templates,
  };
  return { ok: true, definition: frozen, compiled };
}

function semanticIssues(
  definition: Record<string, unknown>,
  sites: readonly ActionSite[],
  triggers: readonly [string, Record<string, unknown>, string][],
  triggerNames: readonly string[],
): Issue[] {
  return [
    ...checkActionNames(sites, triggerNames),
    ...checkRunAfter(sites, triggerNames),
    ...checkCycles(sites),
    ...checkVariables(sites),
    ...checkParameters(definition),
    ...checkResponse(sites, triggers),
    ...checkLimits(sites),
    ...checkStaticResults(sites, definition),
    ...checkRecurrences(triggers),
  ];
}

function supportIssues(
  sites: readonly ActionSite[],
  triggers: readonly [string, Record<string, unknown>, string][],
  support: TypeSupport,
  suppressed: (pointer: string) => boolean,
): Issue[] {
  const issues: Issue[] = [];
  for (const [name, node, pointer] of triggers) {
    if (typeof node['type'] !== 'string' || suppressed(pointer + '/type')) continue;
    const problem = support.trigger(name, node);
    if (problem) issues.push(issue(problem.code, pointer, problem.message));
  }
  for (const site of sites) {
    if (!site.type || suppressed(site.pointer + '/type')) continue;
    const problem = support.action(site.name, site.node);
    if (problem) issues.push(issue(problem.code, site.pointer, problem.message));
  }
  return issues;
}

function parameterNames(definition: Record<string, unknown>, external: Iterable<string> | undefined): Set<string> {
  const declared = isPlainObject(definition['parameters']) ? Object.keys(definition['parameters']) : [];
  return new Set([...declared, ...(external ?? [])].map((n) => n.toLowerCase()));
}

function compileAction(site: ActionSite): CompiledAction {
  const runAfter = isPlainObject(site.node['runAfter']) ? (site.node['runAfter'] as Record<string, string[]>) : {};
  const parent = site.ancestors[site.ancestors.length - 1]?.name;
  return { name: site.name, type: site.type, pointer: site.pointer, container: site.container.pointer, ...(parent ? { parent } : {}), runAfter };
}

function internalIssue(step: string, pointer: string, err: unknown): Issue {
  const detail = err instanceof Error ? err.message : String(err);
  return issue('InternalError', pointer, `Sluice failed unexpectedly during ${step} (a bug; please report it): ${detail}`);
}
