/**
 * Variables: initialised once, only at the top level (Logic Apps rejects InitializeVariable inside
 * scopes, branches and loops), and every variable action names an initialised variable. Names
 * compare ignoring case, as in Logic Apps.
 */
import type { ActionSite } from './action-tree.js';
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { VARIABLE_ACTION_TYPES } from './type-names.js';
import { isPlainObject } from './unwrap.js';

export interface DeclaredVariable {
  readonly name: string;
  readonly type: string;
  readonly pointer: string;
}

/** Variables declared by InitializeVariable actions, first declaration of each name. */
export function declaredVariables(sites: readonly ActionSite[]): Map<string, DeclaredVariable> {
  const found = new Map<string, DeclaredVariable>();
  for (const v of initialisations(sites)) if (!found.has(v.name.toLowerCase())) found.set(v.name.toLowerCase(), v);
  return found;
}

function initialisations(sites: readonly ActionSite[]): (DeclaredVariable & { site: ActionSite })[] {
  const out: (DeclaredVariable & { site: ActionSite })[] = [];
  for (const site of sites) {
    if (site.type !== 'InitializeVariable') continue;
    const inputs = site.node['inputs'];
    const list = isPlainObject(inputs) && Array.isArray(inputs['variables']) ? inputs['variables'] : [];
    list.forEach((v: unknown, i) => {
      if (isPlainObject(v) && typeof v['name'] === 'string') {
        out.push({ name: v['name'], type: String(v['type'] ?? ''), pointer: childPointer(site.pointer, 'inputs', 'variables', i, 'name'), site });
      }
    });
  }
  return out;
}

export function checkVariables(sites: readonly ActionSite[]): Issue[] {
  const issues: Issue[] = [];
  for (const site of sites) {
    if (site.type === 'InitializeVariable' && site.ancestors.length > 0) {
      issues.push(issue('VariableNotTopLevel', site.pointer,
        `InitializeVariable '${site.name}' is inside '${site.ancestors[site.ancestors.length - 1]!.name}'; variables can only be initialised at the top level of a workflow`));
    }
  }
  const seen = new Map<string, DeclaredVariable & { site: ActionSite }>();
  for (const v of initialisations(sites)) {
    const earlier = seen.get(v.name.toLowerCase());
    if (earlier) {
      issues.push(issue('DuplicateVariable', v.pointer,
        `variable '${v.name}' is initialised by '${v.site.name}' and already by '${earlier.site.name}'; each variable is initialised once`));
    } else {
      seen.set(v.name.toLowerCase(), v);
    }
  }
  for (const site of sites) {
    if (!(VARIABLE_ACTION_TYPES as readonly string[]).includes(site.type)) continue;
    const inputs = site.node['inputs'];
    const name = isPlainObject(inputs) ? inputs['name'] : undefined;
    if (typeof name === 'string' && !seen.has(name.toLowerCase()) && !name.startsWith('@')) {
      issues.push(issue('UndeclaredVariable', childPointer(site.pointer, 'inputs', 'name'),
        `${site.type} '${site.name}' uses variable '${name}', which no InitializeVariable action declares`));
    }
  }
  return issues;
}
