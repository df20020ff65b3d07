/**
 * Step 2 of loading: rules a JSON Schema cannot say — how actions refer to each other (runAfter
 * targets, cycles, global names), where variables may be initialised, and the documented limits.
 * Every check adds to one list; none stops at the first problem.
 */
import type { ActionSite, Container } from './action-tree.js';
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { RUN_AFTER_STATUSES } from './type-names.js';
import { isPlainObject } from './unwrap.js';

export const LIMITS = {
  actions: 500,
  nestingDepth: 8,
  nameLength: 80,
  trackedPropertiesLength: 8000,
} as const;

export function checkActionNames(sites: readonly ActionSite[], triggerNames: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const first = new Map<string, ActionSite>();
  for (const site of sites) {
    const key = site.name.toLowerCase();
    const earlier = first.get(key);
    if (earlier) {
      issues.push(issue('DuplicateActionName', site.pointer,
        `action name '${site.name}' is used twice (also at ${earlier.pointer}); action names must be unique across the whole workflow, scopes included`));
    } else {
      first.set(key, site);
    }
  }
  for (const name of [...sites.map((s) => s.name), ...triggerNames]) {
    if (name.length > LIMITS.nameLength) {
      const at = sites.find((s) => s.name === name)?.pointer ?? childPointer('/triggers', name);
      issues.push(issue('LimitExceeded', at, `the name '${name.slice(0, 30)}…' is ${name.length} characters long; names may have at most ${LIMITS.nameLength}`));
    }
  }
  return issues;
}

export function checkRunAfter(sites: readonly ActionSite[], triggerNames: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const byName = new Map(sites.map((s) => [s.name, s]));
  for (const site of sites) {
    const runAfter = site.node['runAfter'];
    if (!isPlainObject(runAfter)) continue;
    for (const [target, statuses] of Object.entries(runAfter)) {
      const at = childPointer(site.pointer, 'runAfter', target);
      if (!site.container.names.includes(target)) issues.push(unknownTarget(site, target, at, byName.get(target), triggerNames));
      if (!Array.isArray(statuses)) continue;
      statuses.forEach((status, i) => {
        if (typeof status === 'string' && !(RUN_AFTER_STATUSES as readonly string[]).includes(status)) {
          issues.push(issue('UnknownRunAfterStatus', childPointer(at, i),
            `runAfter of '${site.name}' waits for status '${status}' of '${target}'; the statuses are ${RUN_AFTER_STATUSES.join(', ')} (any casing)`));
        }
      });
    }
  }
  return issues;
}

function unknownTarget(site: ActionSite, target: string, at: string, elsewhere: ActionSite | undefined, triggers: readonly string[]): Issue {
  const head = `runAfter of '${site.name}' names '${target}'`;
  if (elsewhere) {
    return issue('UnknownRunAfterTarget', at,
      `${head}, which is in ${elsewhere.container.label}, not in ${site.container.label}; runAfter may only name actions of the same scope`);
  }
  if (triggers.includes(target)) {
    return issue('UnknownRunAfterTarget', at, `${head}, which is the trigger; top-level actions with an empty runAfter already run after the trigger`);
  }
  return issue('UnknownRunAfterTarget', at, `${head}, which does not exist in ${site.container.label}`);
}

/** One issue per cycle, naming its actions in order (`A → B → A`). */
export function checkCycles(sites: readonly ActionSite[]): Issue[] {
  const containers = new Map<Container, ActionSite[]>();
  for (const s of sites) containers.set(s.container, [...(containers.get(s.container) ?? []), s]);
  const issues: Issue[] = [];
  for (const members of containers.values()) {
    for (const cycle of findCycles(members)) {
      const names = cycle.map((s) => s.name);
      issues.push(issue('RunAfterCycle', childPointer(cycle[0]!.pointer, 'runAfter'),
        `runAfter forms a cycle: ${[...names, names[0]].join(' → ')} (each waits for the next, so none can start)`));
    }
  }
  return issues;
}

function findCycles(members: readonly ActionSite[]): ActionSite[][] {
  const byName = new Map(members.map((s) => [s.name, s]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: ActionSite[] = [];
  const cycles: ActionSite[][] = [];
  const visit = (site: ActionSite): void => {
    state.set(site.name, 'open');
    stack.push(site);
    const runAfter = isPlainObject(site.node['runAfter']) ? Object.keys(site.node['runAfter']) : [];
    for (const next of runAfter.map((n) => byName.get(n)).filter((n): n is ActionSite => n !== undefined)) {
      const seen = state.get(next.name);
      if (seen === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(site.name, 'done');
  };
  for (const site of members) if (!state.has(site.name)) visit(site);
  return cycles;
}

export function checkLimits(sites: readonly ActionSite[]): Issue[] {
  const issues: Issue[] = [];
  if (sites.length > LIMITS.actions) {
    issues.push(issue('LimitExceeded', '/actions', `the workflow has ${sites.length} actions; Logic Apps allows at most ${LIMITS.actions}`));
  }
  for (const site of sites) {
    if (site.ancestors.length >= LIMITS.nestingDepth) {
      issues.push(issue('LimitExceeded', site.pointer,
        `action '${site.name}' is nested ${site.ancestors.length + 1} levels deep; Logic Apps allows at most ${LIMITS.nestingDepth}`));
    }
    const tracked = site.node['trackedProperties'];
    if (tracked !== undefined && JSON.stringify(tracked).length > LIMITS.trackedPropertiesLength) {
      issues.push(issue('LimitExceeded', childPointer(site.pointer, 'trackedProperties'),
        `trackedProperties of '${site.name}' exceed ${LIMITS.trackedPropertiesLength} characters`));
    }
  }
  return issues;
}

/** Response answers the HTTP request that started the run, so it needs a Request trigger. */
export function checkResponse(sites: readonly ActionSite[], triggers: readonly [string, Record<string, unknown>, string][]): Issue[] {
  if (triggers.length === 0 || triggers.some(([, node]) => node['type'] === 'Request')) return [];
  return sites
    .filter((s) => s.type === 'Response')
    .map((s) => issue('ResponseWithoutRequestTrigger', s.pointer,
      `Response action '${s.name}' needs a Request trigger (this workflow starts from ${triggers.map(([n, t]) => `'${n}' of type '${String(t['type'])}'`).join(', ')}), as there is no HTTP caller to answer`));
}

/** `runtimeConfiguration.staticResult.name` must name an entry of the definition's staticResults. */
export function checkStaticResults(sites: readonly ActionSite[], definition: Record<string, unknown>): Issue[] {
  const declared = isPlainObject(definition['staticResults']) ? Object.keys(definition['staticResults']) : [];
  const issues: Issue[] = [];
  for (const site of sites) {
    const config = site.node['runtimeConfiguration'];
    const staticResult = isPlainObject(config) ? config['staticResult'] : undefined;
    const name = isPlainObject(staticResult) ? staticResult['name'] : undefined;
    if (typeof name === 'string' && !declared.includes(name)) {
      issues.push(issue('UnknownStaticResult', childPointer(site.pointer, 'runtimeConfiguration', 'staticResult', 'name'),
        `action '${site.name}' uses static result '${name}', which the definition's staticResults do not declare`));
    }
  }
  return issues;
}
