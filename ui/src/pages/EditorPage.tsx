/**
 * One workflow in the designer: the canvas with its properties panel, or the code view; undo and
 * redo; add from the catalogue; save with every validation issue listed (clicking one selects
 * its card). The code view's draft and the panel's drafts live here, so switching views loses
 * nothing typed.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { HttpError, type ValidationIssue } from '../api/http';
import { getWorkflow, listConnectors, putWorkflow, validateDefinition, type ConnectorType, type WorkflowResource } from '../api/workflows-client';
import { Canvas } from '../canvas/Canvas';
import type { Placement } from '../canvas/canvas-context';
import { Catalogue } from '../canvas/Catalogue';
import { freshName, newAction, newTrigger } from '../canvas/templates';
import { CodeView } from '../code/CodeView';
import type { CodeDraft } from '../code/code-draft';
import { issueNodeId } from '../editor/issue-target';
import { IssuesList } from '../editor/IssuesList';
import { useDesigner } from '../editor/use-designer';
import { PropertiesPanel } from '../forms/PropertiesPanel';
import { RunsPanel } from '../runs/RunsPanel';
import { collectActions, type WorkflowDefinition } from '../graph/index';
import { isObject } from '../graph/json';
import { messageOf } from './WorkflowsPage';

export function EditorPage({ name }: { name: string }) {
  const [workflow, setWorkflow] = useState<WorkflowResource | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setWorkflow(undefined);
    getWorkflow(name).then(setWorkflow, (e: unknown) => setError(messageOf(e)));
  }, [name]);
  if (error) return <main className="page"><p className="error" role="alert">{error}</p><a href="#/">Back to workflows</a></main>;
  if (!workflow) return <main className="page"><p>Loading {name}…</p></main>;
  return <Editor key={name} workflow={workflow} />;
}

type View = 'designer' | 'code' | 'runs';
type Picking = { kind: 'action'; placement: Placement } | { kind: 'trigger'; replace: string };

function Editor({ workflow }: { workflow: WorkflowResource }) {
  const name = workflow.name;
  const designer = useDesigner(workflow.properties.definition);
  const { definition, dispatch, select, selected } = designer;
  const [view, setView] = useState<View>('designer');
  const [panelOpen, setPanelOpen] = useState(false);
  const [codeDraft, setCodeDraft] = useState<CodeDraft | undefined>();
  const [inputDrafts, setInputDrafts] = useState<Record<string, string>>({});
  const [connectors, setConnectors] = useState<ConnectorType[] | undefined>();
  const [connectorError, setConnectorError] = useState<string | undefined>();
  const [picking, setPicking] = useState<Picking | undefined>();
  const [issues, setIssues] = useState<readonly ValidationIssue[]>([]);
  const [saved, setSaved] = useState<WorkflowDefinition>(workflow.properties.definition);
  const [status, setStatus] = useState<string | undefined>(`Version ${workflow.properties.version}`);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    listConnectors().then(setConnectors, (e: unknown) => setConnectorError(messageOf(e)));
  }, []);

  const knownTypes = useMemo(() => connectors?.map((c) => c.type), [connectors]);
  const dirty = definition !== saved && JSON.stringify(definition) !== JSON.stringify(saved);

  const issueIds = useMemo(() => new Set(issues.map((i) => issueNodeId(definition, i.pointer)).filter((id): id is string => id !== undefined)), [issues, definition]);

  const canvasActions = useMemo(
    () => ({
      select: (id: string) => select(id === '' ? undefined : id),
      open: (id: string) => {
        select(id);
        setPanelOpen(true);
      },
      addAction: (placement: Placement) => setPicking({ kind: 'action', placement }),
      replaceTrigger: (trigger: string) => setPicking({ kind: 'trigger', replace: trigger }),
      toggleCollapsed: designer.toggleCollapsed,
      remove: (action: string) => {
        if (dispatch([{ kind: 'deleteAction', name: action }]) !== undefined && selected === `action:${action}`) {
          select(undefined);
          setPanelOpen(false);
        }
      },
    }),
    [select, dispatch, designer.toggleCollapsed, selected],
  );

  const pick = (connector: ConnectorType): void => {
    if (!picking) return;
    if (picking.kind === 'action') {
      const actionName = freshName(definition, connector.title.replace(/\s+/g, '_') || connector.type);
      const ok = dispatch([{ kind: 'addAction', name: actionName, action: newAction(connector.type), ...picking.placement }]);
      if (ok) {
        select(`action:${actionName}`);
        setPanelOpen(true);
      }
    } else {
      const triggerName = connector.type === 'Request' ? 'manual' : freshName(definition, connector.type);
      const ok = dispatch([{ kind: 'setTrigger', name: picking.replace, trigger: null }, { kind: 'setTrigger', name: triggerName, trigger: newTrigger(connector.type) }]);
      if (ok) select(`trigger:${triggerName}`);
    }
    setPicking(undefined);
  };

  /** The toolbar's add button: after the selected action, else after the last top-level action. */
  const addFromToolbar = (): void => {
    const actionName = selected?.startsWith('action:') ? selected.slice('action:'.length) : undefined;
    const site = actionName === undefined ? undefined : collectActions(definition).find((s) => s.name === actionName);
    if (site) return setPicking({ kind: 'action', placement: { container: site.container, after: site.name } });
    const root = isObject(definition['actions']) ? Object.keys(definition['actions']) : [];
    const last = root[root.length - 1];
    setPicking({ kind: 'action', placement: last === undefined ? { container: { kind: 'root' } } : { container: { kind: 'root' }, after: last } });
  };

  const save = useCallback(async () => {
    setSaving(true);
    setStatus('Saving…');
    try {
      // Validate first: the issues arrive in a 200, so a refused save logs no failed request.
      const found = await validateDefinition(definition);
      if (found.length > 0) {
        setIssues(found);
        setStatus(`Not saved: ${found.length} issue${found.length === 1 ? '' : 's'}`);
        return;
      }
      const result = await putWorkflow(name, definition);
      setSaved(definition);
      setIssues([]);
      setStatus(`Saved version ${result.properties.version}`);
    } catch (e) {
      if (e instanceof HttpError && e.issues.length > 0) {
        setIssues(e.issues);
        setStatus(`Not saved: ${e.issues.length} issue${e.issues.length === 1 ? '' : 's'}`);
      } else setStatus(`Not saved: ${messageOf(e)}`);
    } finally {
      setSaving(false);
    }
  }, [name, definition]);

  const pickIssue = (issue: ValidationIssue): void => {
    const id = issueNodeId(definition, issue.pointer);
    if (id === undefined) return;
    setView('designer');
    select(id);
    setPanelOpen(true);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, .cm-editor')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) designer.redo();
        else designer.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        designer.redo();
      } else if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [designer, save]);

  return (
    <main className="editor" data-testid="editor">
      <header className="editor-bar">
        <a href="#/" className="back">← Workflows</a>
        <h1 className="editor-name">{name}</h1>
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={view === 'designer'} className={view === 'designer' ? 'active' : ''} onClick={() => setView('designer')} data-testid="designer-tab">Designer</button>
          <button role="tab" aria-selected={view === 'code'} className={view === 'code' ? 'active' : ''} onClick={() => setView('code')} data-testid="code-view-tab">Code view</button>
          <button role="tab" aria-selected={view === 'runs'} className={view === 'runs' ? 'active' : ''} onClick={() => setView('runs')} data-testid="runs-tab">Runs</button>
        </div>
        <a href={`#/workflows/${encodeURIComponent(name)}/identity`} data-testid="identity-link" title="Managed identity and role assignments">Identity</a>
        <button onClick={designer.undo} disabled={!designer.canUndo} data-testid="undo" title="Undo (Ctrl+Z)">Undo</button>
        <button onClick={designer.redo} disabled={!designer.canRedo} data-testid="redo" title="Redo (Ctrl+Shift+Z)">Redo</button>
        <button onClick={addFromToolbar} data-testid="add-action" disabled={view !== 'designer'}>+ Add action</button>
        <span className="spacer" />
        <span className="save-status" data-testid="save-status">{dirty ? 'Unsaved changes · ' : ''}{status}</span>
        <button className="primary" onClick={() => void save()} disabled={saving} data-testid="save">Save</button>
      </header>
      {designer.error && (
        <p className="error banner" role="alert" data-testid="designer-error">
          {designer.error} <button onClick={designer.clearError} aria-label="Dismiss">×</button>
        </p>
      )}
      <IssuesList issues={issues} onPick={pickIssue} onClose={() => setIssues([])} />
      <div className="editor-body">
        {view === 'designer' ? (
          <>
            <Canvas definition={definition} selected={selected} collapsed={designer.collapsed} knownTypes={knownTypes} actions={canvasActions} issueIds={issueIds} />
            {panelOpen && selected && (
              <PropertiesPanel
                definition={definition}
                nodeId={selected}
                dispatch={dispatch}
                onSelect={select}
                onClose={() => setPanelOpen(false)}
                drafts={inputDrafts}
                setDraft={(id, text) => setInputDrafts((d) => withDraft(d, id, text))}
              />
            )}
          </>
        ) : view === 'code' ? (
          <CodeView definition={definition} draft={codeDraft} setDraft={setCodeDraft} apply={dispatch} />
        ) : (
          <RunsPanel workflowName={name} triggerNames={isObject(saved['triggers']) ? Object.keys(saved['triggers']) : []} />
        )}
      </div>
      {picking && (
        <Catalogue kind={picking.kind} connectors={connectors} {...(connectorError ? { loadError: connectorError } : {})} onPick={pick} onClose={() => setPicking(undefined)} />
      )}
    </main>
  );
}

function withDraft(drafts: Record<string, string>, id: string, text: string | undefined): Record<string, string> {
  const next = { ...drafts };
  if (text === undefined) delete next[id];
  else next[id] = text;
  return next;
}
