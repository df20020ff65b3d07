/**
 * Designer edits as data, reduced onto the definition. The canvas never edits nodes: it sends a
 * `DesignerChange`, gets a new definition, and redraws from it, so code view, canvas and undo all
 * read the same JSON. `applyDesignerChanges` copies its input once and edits the copy; a change
 * that cannot apply throws a `DesignerError` and the caller keeps the definition it had.
 */
import { bodyOf, collectActions, indexActions, sameContainer, type ActionSite, type ContainerRef } from './action-tree.js';
import { DesignerError } from './errors.js';
import { cloneJson, insertEntry, isObject, renameEntry, setOwn, type JsonObject, type WorkflowDefinition } from './json.js';
import { applyMergePatch } from './merge-patch.js';
import { renameInJson } from './rename-references.js';
import { checkRunAfter, dropReferences, healAround, renameReferences, statusesOf } from './run-after.js';

export type DesignerChange =
  /** `after` and `before` both given: insert on the edge after → before. */
  | { readonly kind: 'addAction'; readonly name: string; readonly action: JsonObject; readonly container: ContainerRef; readonly after?: string; readonly before?: string }
  | { readonly kind: 'deleteAction'; readonly name: string }
  | { readonly kind: 'renameAction'; readonly from: string; readonly to: string }
  | { readonly kind: 'moveAction'; readonly name: string; readonly container: ContainerRef; readonly after?: string }
  /** `patch` is a JSON Merge Patch (RFC 7396) on the action object. */
  | { readonly kind: 'updateAction'; readonly name: string; readonly patch: JsonObject }
  | { readonly kind: 'setRunAfter'; readonly name: string; readonly runAfter: JsonObject }
  /** `trigger: null` removes the trigger. */
  | { readonly kind: 'setTrigger'; readonly name: string; readonly trigger: JsonObject | null }
  | { readonly kind: 'replaceDefinition'; readonly definition: WorkflowDefinition };

/** Logic Apps refuses these characters in action names; 80 characters is its limit. */
const FORBIDDEN_NAME = /[<>%&\\?/\u0000-\u001f]/;
const MAX_NAME_LENGTH = 80;

export function applyDesignerChanges(definition: WorkflowDefinition, changes: readonly DesignerChange[]): WorkflowDefinition {
  let draft = cloneJson(definition);
  for (const change of changes) draft = applyOne(draft, change);
  return draft;
}

function applyOne(draft: WorkflowDefinition, change: DesignerChange): WorkflowDefinition {
  switch (change.kind) {
    case 'addAction':
      addAction(draft, change);
      return draft;
    case 'deleteAction':
      deleteAction(draft, change.name);
      return draft;
    case 'renameAction':
      renameAction(draft, change.from, change.to);
      return draft;
    case 'moveAction':
      moveAction(draft, change);
      return draft;
    case 'updateAction':
      updateAction(draft, change.name, change.patch);
      return draft;
    case 'setRunAfter': {
      const site = siteOf(draft, change.name);
      checkRunAfter(site.siblings, change.name, change.runAfter);
      setOwn(site.action, 'runAfter', cloneJson(change.runAfter));
      return draft;
    }
    case 'setTrigger':
      setTrigger(draft, change.name, change.trigger);
      return draft;
    case 'replaceDefinition':
      return cloneJson(change.definition);
  }
}

function siteOf(draft: WorkflowDefinition, name: string): ActionSite {
  const site = indexActions(draft).get(name);
  if (!site) throw new DesignerError('UnknownAction', `there is no action named '${name}'`);
  return site;
}

function checkNewName(draft: WorkflowDefinition, name: string): void {
  if (name.trim() === '' || name.length > MAX_NAME_LENGTH || FORBIDDEN_NAME.test(name)) {
    throw new DesignerError('InvalidName', `'${name}' is not a valid action name: 1 to ${MAX_NAME_LENGTH} characters, none of < > % & \\ ? /`);
  }
  if (indexActions(draft).has(name)) throw new DesignerError('DuplicateName', `an action named '${name}' already exists`);
}

/** The `actions` object of a container; creates an If's else, a Switch's default or a missing body. */
function containerActions(draft: WorkflowDefinition, ref: ContainerRef): JsonObject {
  if (ref.kind === 'root') {
    if (!isObject(draft['actions'])) setOwn(draft, 'actions', {});
    return draft['actions'] as JsonObject;
  }
  const owner = indexActions(draft).get(ref.owner);
  const body = owner ? bodyOf(owner.action, ref, true) : undefined;
  if (!body) throw new DesignerError('UnknownContainer', `there is no container ${describe(ref)}`);
  return body;
}

function describe(ref: ContainerRef): string {
  switch (ref.kind) {
    case 'root':
      return 'at the top level';
    case 'actions':
      return `in '${ref.owner}'`;
    case 'else':
      return `for the false branch of '${ref.owner}'`;
    case 'default':
      return `for the default case of '${ref.owner}'`;
    case 'case':
      return `for case '${ref.case}' of '${ref.owner}'`;
    case 'tool':
      return `for tool '${ref.tool}' of '${ref.owner}'`;
  }
}

function requireSibling(siblings: JsonObject, name: string, ref: ContainerRef): void {
  if (!isObject(siblings[name])) throw new DesignerError('UnknownAction', `there is no action named '${name}' ${describe(ref)}`);
}

function addAction(draft: WorkflowDefinition, change: Extract<DesignerChange, { kind: 'addAction' }>): void {
  checkNewName(draft, change.name);
  const siblings = containerActions(draft, change.container);
  const action = cloneJson(change.action);
  const { after, before } = change;
  if (after !== undefined) requireSibling(siblings, after, change.container);
  if (before !== undefined) requireSibling(siblings, before, change.container);
  const beforeAction = before === undefined ? undefined : (siblings[before] as JsonObject);
  const beforeRunAfter = isObject(beforeAction?.['runAfter']) ? beforeAction['runAfter'] : {};
  if (after !== undefined && before !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(beforeRunAfter, after)) {
      throw new DesignerError('InvalidRunAfter', `there is no edge from '${after}' to '${before}' to insert on`);
    }
    setOwn(action, 'runAfter', { [after]: statusesOf(beforeRunAfter[after]) });
    renameEntry(beforeRunAfter, after, change.name);
    setOwn(beforeRunAfter, change.name, ['Succeeded']);
  } else if (after !== undefined) {
    setOwn(action, 'runAfter', { [after]: ['Succeeded'] });
  } else if (beforeAction !== undefined) {
    setOwn(action, 'runAfter', cloneJson(beforeRunAfter));
    setOwn(beforeAction, 'runAfter', { [change.name]: ['Succeeded'] });
  } else if (!isObject(action['runAfter'])) {
    setOwn(action, 'runAfter', {});
  } else {
    checkRunAfter(siblings, change.name, action['runAfter']);
  }
  insertEntry(siblings, change.name, action, after !== undefined ? { after } : before !== undefined ? { before } : undefined);
  checkNestedNames(draft, change.name);
}

function deleteAction(draft: WorkflowDefinition, name: string): void {
  const site = siteOf(draft, name);
  delete site.siblings[name];
  healAround(site.siblings, name, isObject(site.action['runAfter']) ? site.action['runAfter'] : {});
}

function renameAction(draft: WorkflowDefinition, from: string, to: string): void {
  const site = siteOf(draft, from);
  if (from === to) return;
  checkNewName(draft, to);
  renameEntry(site.siblings, from, to);
  renameReferences(site.siblings, from, to);
  // Expressions anywhere can name the action: its own body, later actions, definition outputs.
  for (const key of Object.keys(draft)) {
    if (key !== 'parameters' && key !== '$schema' && key !== 'contentVersion') setOwn(draft, key, renameInJson(draft[key]!, from, to));
  }
}

function moveAction(draft: WorkflowDefinition, change: Extract<DesignerChange, { kind: 'moveAction' }>): void {
  const site = siteOf(draft, change.name);
  const target = change.container;
  if (target.kind !== 'root') {
    const owner = siteOf(draft, target.owner);
    if (target.owner === change.name || owner.ancestors.includes(change.name)) {
      throw new DesignerError('InvalidMove', `cannot move '${change.name}' into itself`);
    }
  }
  const siblings = containerActions(draft, target);
  if (change.after === change.name) throw new DesignerError('InvalidMove', `cannot move '${change.name}' after itself`);
  if (change.after !== undefined) requireSibling(siblings, change.after, target);
  // Leaving its place: whoever ran after it now runs after its predecessors.
  delete site.siblings[change.name];
  healAround(site.siblings, change.name, isObject(site.action['runAfter']) ? site.action['runAfter'] : {});
  if (!sameContainer(site.container, target)) dropReferences(siblings, change.name);
  setOwn(site.action, 'runAfter', change.after === undefined ? {} : { [change.after]: ['Succeeded'] });
  insertEntry(siblings, change.name, site.action, change.after === undefined ? undefined : { after: change.after });
}

function updateAction(draft: WorkflowDefinition, name: string, patch: JsonObject): void {
  const site = siteOf(draft, name);
  const updated = applyMergePatch(site.action, patch);
  if (!isObject(updated)) throw new DesignerError('InvalidPatch', `the patch for '${name}' must leave an object`);
  if (Object.prototype.hasOwnProperty.call(patch, 'runAfter') && updated['runAfter'] !== undefined) {
    checkRunAfter(site.siblings, name, updated['runAfter']);
  }
  setOwn(site.siblings, name, updated);
  checkNestedNames(draft, name);
}

/** Added or patched actions can bring nested actions; names must stay unique across the definition. */
function checkNestedNames(draft: WorkflowDefinition, name: string): void {
  const sites = collectActions(draft);
  const counts = new Map<string, number>();
  for (const site of sites) counts.set(site.name, (counts.get(site.name) ?? 0) + 1);
  const clash = sites.find((site) => site.ancestors.includes(name) && counts.get(site.name)! > 1);
  if (clash) throw new DesignerError('DuplicateName', `'${name}' holds an action named '${clash.name}', which already exists`);
}

function setTrigger(draft: WorkflowDefinition, name: string, trigger: JsonObject | null): void {
  if (!isObject(draft['triggers'])) setOwn(draft, 'triggers', {});
  const triggers = draft['triggers'] as JsonObject;
  if (trigger === null) {
    if (!Object.prototype.hasOwnProperty.call(triggers, name)) throw new DesignerError('UnknownTrigger', `there is no trigger named '${name}'`);
    delete triggers[name];
    return;
  }
  if (name.trim() === '') throw new DesignerError('InvalidName', 'a trigger needs a name');
  setOwn(triggers, name, cloneJson(trigger));
}
