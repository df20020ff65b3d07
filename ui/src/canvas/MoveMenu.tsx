/**
 * "Move to…" for one action: the top level and every container or lane body of the definition
 * (its `ContainerRef`s), except the action's own body and those inside it. Picking one moves the
 * action to the end of that container (a `moveAction`). Arrow keys move, Enter picks, Escape closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { bodyOf, containersOf } from '../graph/action-tree';
import { collectActions, containerKey, type ContainerRef, type WorkflowDefinition } from '../graph/index';
import { isObject } from '../graph/json';

export interface MoveTarget {
  readonly container: ContainerRef;
  /** The last action there (the moved one runs after it); none for an empty container. */
  readonly after?: string;
  readonly label: string;
  readonly current: boolean;
}

function labelOf(ref: ContainerRef): string {
  switch (ref.kind) {
    case 'root':
      return 'Top level';
    case 'actions':
      return `Inside ${ref.owner}`;
    case 'else':
      return `${ref.owner} · False`;
    case 'case':
      return `${ref.owner} · Case ${ref.case}`;
    case 'default':
      return `${ref.owner} · Default`;
    case 'tool':
      return `${ref.owner} · Tool ${ref.tool}`;
  }
}

/** Where `name` can go: the top level, then each container in reading order. */
export function moveTargets(definition: WorkflowDefinition, name: string): MoveTarget[] {
  const sites = collectActions(definition);
  const self = sites.find((s) => s.name === name);
  const lastIn = (siblings: Record<string, unknown> | undefined): string | undefined => {
    const names = Object.keys(siblings ?? {}).filter((n) => n !== name);
    return names[names.length - 1];
  };
  const target = (container: ContainerRef, siblings: Record<string, unknown> | undefined): MoveTarget => {
    const after = lastIn(siblings);
    const label = container.kind === 'actions' && sites.find((s) => s.name === container.owner)?.action['else'] !== undefined ? `${container.owner} · True` : labelOf(container);
    return { container, ...(after !== undefined ? { after } : {}), label, current: self !== undefined && containerKey(self.container) === containerKey(container) };
  };
  const out: MoveTarget[] = [target({ kind: 'root' }, isObject(definition['actions']) ? definition['actions'] : undefined)];
  for (const site of sites) {
    if (site.name === name || site.ancestors.includes(name)) continue;
    for (const ref of containersOf(site.name, site.action)) out.push(target(ref, bodyOf(site.action, ref)));
  }
  return out;
}

interface Props {
  definition: WorkflowDefinition;
  name: string;
  onMove: (target: MoveTarget) => void;
  onClose: () => void;
}

export function MoveMenu({ definition, name, onMove, onClose }: Props) {
  const targets = useMemo(() => moveTargets(definition, name), [definition, name]);
  const list = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(() => Math.max(0, targets.findIndex((t) => !t.current)));
  /** Focuses the next target from `from` in direction `step`, skipping where the action already is. */
  const focus = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < targets.length; i += step) {
      if (targets[i]!.current) continue;
      setActive(i);
      list.current?.querySelectorAll('button')[i]?.focus();
      return;
    }
  };
  useEffect(() => focus(0, 1), []); // once, on open
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="catalogue"
        role="dialog"
        aria-label={`Move ${name} to`}
        data-testid="move-menu"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') focus(active + 1, 1);
          else if (e.key === 'ArrowUp') focus(active - 1, -1);
          else if (e.key === 'Escape') onClose();
          else return;
          e.preventDefault();
        }}
      >
        <div className="catalogue-head">
          <strong>Move {name} to…</strong>
          <button onClick={onClose} aria-label="Close">×</button>
        </div>
        <ul className="catalogue-list" role="menu" ref={list}>
          {targets.map((t, i) => (
            <li key={containerKey(t.container)} role="none">
              <button
                role="menuitem"
                className={i === active ? 'active' : ''}
                disabled={t.current}
                data-testid={`move-target-${containerKey(t.container)}`}
                onFocus={() => setActive(i)}
                onClick={() => onMove(t)}
              >
                <span className="catalogue-title">{t.label}</span>
                {t.current && <span className="catalogue-type">(where it is)</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
