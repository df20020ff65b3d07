/**
 * The "add an action" picker: every type from `GET /api/connectors`, searched with the graph
 * logic's `searchCatalogue`. Arrow keys move, Enter picks, Escape closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectorType } from '../api/workflows-client';
import { searchCatalogue, type CatalogueEntry } from '../graph/index';

interface Entry extends CatalogueEntry {
  readonly connector: ConnectorType;
  readonly key: string;
}

interface Props {
  kind: 'action' | 'trigger';
  connectors: readonly ConnectorType[] | undefined;
  loadError?: string;
  onPick: (connector: ConnectorType) => void;
  onClose: () => void;
}

export const catalogueTestId = (c: ConnectorType): string => (c.connector ? `catalogue-item-${c.type}-${c.connector}` : `catalogue-item-${c.type}`);

export function Catalogue({ kind, connectors, loadError, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const entries = useMemo<Entry[]>(
    () =>
      (connectors ?? [])
        .filter((c) => c.kind === kind)
        .map((c) => ({ type: c.type, title: c.title, description: c.description, keywords: [c.category, c.connector ?? ''], connector: c, key: `${c.type}/${c.connector ?? ''}` })),
    [connectors, kind],
  );
  const results = useMemo(() => searchCatalogue(entries, query), [entries, query]);
  const pick = (entry: Entry | undefined): void => {
    if (entry) onPick(entry.connector);
  };

  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div className="catalogue" role="dialog" aria-label={kind === 'action' ? 'Add an action' : 'Choose a trigger'} onMouseDown={(e) => e.stopPropagation()} data-testid="catalogue">
        <div className="catalogue-head">
          <strong>{kind === 'action' ? 'Add an action' : 'Choose a trigger'}</strong>
          <button onClick={onClose} aria-label="Close">×</button>
        </div>
        <input
          ref={input}
          className="catalogue-search"
          placeholder="Search types…"
          aria-label="Search types"
          value={query}
          data-testid="catalogue-search"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter') pick(results[active]);
            else if (e.key === 'Escape') onClose();
            else return;
            e.preventDefault();
          }}
        />
        {loadError && <p className="error">{loadError}</p>}
        {connectors === undefined && !loadError && <p>Loading…</p>}
        <ul className="catalogue-list" role="listbox">
          {results.map((entry, i) => (
            <li key={entry.key} role="option" aria-selected={i === active}>
              <button className={i === active ? 'active' : ''} data-testid={catalogueTestId(entry.connector)} onClick={() => pick(entry)} onMouseEnter={() => setActive(i)}>
                <span className="catalogue-title">{entry.title}</span>
                <span className="catalogue-type">{entry.type}{entry.connector.connector ? ` · ${entry.connector.connector}` : ''}</span>
                <span className="catalogue-desc">{entry.description}</span>
              </button>
            </li>
          ))}
          {connectors !== undefined && results.length === 0 && <li className="muted">No type matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
