/**
 * The workflows list: state and last run status per workflow; create (a Request trigger and no
 * actions), import a definition (file or pasted JSON), export, enable, disable, delete.
 */
import { useCallback, useEffect, useState } from 'react';
import { HttpError } from '../api/http';
import {
  deleteWorkflow,
  emptyDefinition,
  lastRun,
  listWorkflows,
  putWorkflow,
  setWorkflowState,
  validateDefinition,
  type RunSummary,
  type WorkflowResource,
} from '../api/workflows-client';
import { isObject } from '../graph/json';
import { navigate } from '../router';

interface Row {
  workflow: WorkflowResource;
  last?: RunSummary | null;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.()-]{0,79}$/;

export function WorkflowsPage() {
  const [rows, setRows] = useState<Row[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [newName, setNewName] = useState('');
  const [importText, setImportText] = useState('');
  const [importOpen, setImportOpen] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const list = await listWorkflows();
      setRows(list.map((workflow) => ({ workflow })));
      const lasts = await Promise.all(list.map((w) => lastRun(w.name).catch(() => undefined)));
      setRows(list.map((workflow, i) => ({ workflow, last: lasts[i] ?? null })));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const act = async (what: () => Promise<unknown>): Promise<void> => {
    setError(undefined);
    try {
      await what();
      await refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const create = async (): Promise<void> => {
    const name = newName.trim();
    if (!NAME.test(name)) return setError('A workflow name is up to 80 letters, digits and _ . ( ) -, starting with a letter, digit or _.');
    if (rows?.some((r) => r.workflow.name === name)) return setError(`A workflow named '${name}' already exists.`);
    await act(async () => {
      await putWorkflow(name, emptyDefinition());
      navigate(`/workflows/${encodeURIComponent(name)}`);
    });
  };

  const importJson = async (text: string): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setError(`The file is not JSON: ${messageOf(e)}`);
    }
    if (!isObject(parsed)) return setError('The JSON must be an object: a definition, or { definition } / { properties: { definition } }.');
    const props = isObject(parsed['properties']) ? parsed['properties'] : parsed;
    const definition = isObject(props['definition']) ? props['definition'] : parsed;
    const parameters = isObject(props['parameters']) ? props['parameters'] : undefined;
    const name = (newName.trim() || (typeof parsed['name'] === 'string' ? parsed['name'] : '')).trim();
    if (!NAME.test(name)) return setError('Type a workflow name for the import (or import a resource that has "name").');
    await act(async () => {
      // Issues come back in a 200 from the validator: listed here, no failed request in the console.
      const issues = await validateDefinition(definition);
      if (issues.length > 0) throw new HttpError(400, 'DefinitionInvalid', `the definition has ${issues.length} issue${issues.length === 1 ? '' : 's'}`, issues);
      await putWorkflow(name, definition, parameters);
      setImportOpen(false);
      setImportText('');
    });
  };

  const exportJson = (w: WorkflowResource): void => {
    const text = JSON.stringify({ name: w.name, properties: { definition: w.properties.definition, parameters: w.properties.parameters ?? {} } }, null, 2);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${w.name}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <main className="page workflows-page" data-testid="workflows-page">
      <h1>Workflows</h1>
      <div className="toolbar">
        <input aria-label="New workflow name" placeholder="workflow name" value={newName} onChange={(e) => setNewName(e.target.value)} data-testid="new-workflow-name" />
        <button onClick={() => void create()} data-testid="create-workflow">Create</button>
        <button onClick={() => setImportOpen((o) => !o)} data-testid="import-workflow">Import JSON…</button>
        <button onClick={() => void refresh()}>Refresh</button>
      </div>
      {importOpen && (
        <div className="import-box" data-testid="import-box">
          <label>
            File: <input type="file" accept=".json,application/json" data-testid="import-file" onChange={(e) => void e.target.files?.[0]?.text().then(importJson)} />
          </label>
          <textarea aria-label="Definition JSON" placeholder="…or paste a definition here" value={importText} onChange={(e) => setImportText(e.target.value)} rows={8} data-testid="import-text" />
          <button onClick={() => void importJson(importText)} data-testid="import-submit">Import</button>
        </div>
      )}
      {error && <p className="error" role="alert" data-testid="workflows-error">{error}</p>}
      {rows === undefined ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No workflows yet. Create one or import a definition.</p>
      ) : (
        <table className="workflow-table">
          <thead>
            <tr><th>Name</th><th>State</th><th>Version</th><th>Last run</th><th>Actions</th></tr>
          </thead>
          <tbody>
            {rows.map(({ workflow: w, last }) => (
              <tr key={w.name} data-testid={`workflow-row-${w.name}`}>
                <td><a href={`#/workflows/${encodeURIComponent(w.name)}`}>{w.name}</a></td>
                <td><span className={`state state-${w.properties.state}`} data-testid="workflow-state">{w.properties.state}</span></td>
                <td>{w.properties.version}</td>
                <td data-testid="workflow-last-run">{last === undefined ? '…' : last === null ? '—' : <span className={`status status-${last.properties.status}`}>{last.properties.status}{last.properties.startTime ? ` · ${new Date(last.properties.startTime).toLocaleString()}` : ''}</span>}</td>
                <td className="row-actions">
                  <button onClick={() => navigate(`/workflows/${encodeURIComponent(w.name)}`)}>Open</button>
                  <button onClick={() => exportJson(w)} data-testid="export">Export</button>
                  <button onClick={() => navigate(`/workflows/${encodeURIComponent(w.name)}/identity`)} data-testid="identity">Identity</button>
                  {w.properties.state === 'Enabled' ? (
                    <button onClick={() => void act(() => setWorkflowState(w.name, 'Disabled'))} data-testid="disable">Disable</button>
                  ) : (
                    <button onClick={() => void act(() => setWorkflowState(w.name, 'Enabled'))} data-testid="enable">Enable</button>
                  )}
                  <button className="danger" onClick={() => { if (confirm(`Delete workflow '${w.name}'?`)) void act(() => deleteWorkflow(w.name)); }} data-testid="delete">Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof HttpError) {
    const issues = error.issues.map((i) => `${i.pointer || '/'}: ${i.message}`);
    return [`${error.code}: ${error.message}`, ...issues].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
