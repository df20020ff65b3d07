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
import { MoveMenu, type MoveTarget } from '../canvas/MoveMenu';
import { freshName, needsConnectionsParameter, newAction, newTrigger, withConnectionsParameter } from '../canvas/templates';
import { CodeView } from '../code/CodeView';
import type { CodeDraft } from '../code/code-draft';
import { issueNodeId } from '../editor/issue-target';
import { IssuesList } from '../editor/IssuesList';
import { useDesigner } from '../editor/use-designer';
import { PropertiesPanel } from '../forms/PropertiesPanel';
import { RunsPanel } from '../runs/RunsPanel';
import { RunCardPanel } from '../runs/RunCardPanel';
import { RunOverlayBar } from '../runs/RunOverlayBar';
import { useRunOverlay } from '../runs/use-run-overlay';
import { ConflictDialog, conflictMessage } from '../editor/ConflictDialog';
import { VersionsPanel } from '../versions/VersionsPanel';
import { collectActions, type DesignerChange, type WorkflowDefinition } from '../graph/index';
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

type View = 'designer' | 'code' | 'runs' | 'versions';
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
  const [moving, setMoving] = useState<string | undefined>();
  const [issues, setIssues] = useState<readonly ValidationIssue[]>([]);
  const [saved, setSaved] = useState<WorkflowDefinition>(workflow.properties.definition);
  const [status, setStatus] = useState<string | undefined>(`Version ${workflow.properties.version}`);
  const [saving, setSaving] = useState(false);
  // The version this editor edits (sent as If-Match), a stale save's message, the run over the canvas.
  const [version, setVersion] = useState(workflow.properties.version);
  const [conflict, setConflict] = useState<string | undefined>();
  const [openRunId, setOpenRunId] = useState<string | undefined>();
  const [shownRunId, setShownRunId] = useState<string | undefined>();
  const shownRun = useRunOverlay(name, shownRunId);

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
      move: (action: string) => setMoving(action),
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
      const trigger = newTrigger(connector.type, connector.connector);
      // A managed connector's trigger names `$connections`: declare it when the definition lacks it.
      const declare: DesignerChange[] = needsConnectionsParameter(trigger) && withConnectionsParameter(definition) !== definition ? [{ kind: 'replaceDefinition', definition: withConnectionsParameter(definition) }] : [];
      const ok = dispatch([...declare, { kind: 'setTrigger', name: picking.replace, trigger: null }, { kind: 'setTrigger', name: triggerName, trigger }]);
      if (ok) select(`trigger:${triggerName}`);
    }
    setPicking(undefined);
  };

  const moveTo = (target: MoveTarget): void => {
    if (moving === undefined) return;
    dispatch([{ kind: 'moveAction', name: moving, container: target.container, ...(target.after !== undefined ? { after: target.after } : {}) }]);
    select(`action:${moving}`);
    setMoving(undefined);
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
      // Someone else's save is found first by its version (no failed request in the console); the
      // If-Match still makes the server refuse a save that slips in between.
      const current = await getWorkflow(name);
      if (current.properties.version !== version) {
        setConflict(conflictMessage(name, current.properties.version, version));
        setStatus('Not saved: someone else saved first');
        return;
      }
      const result = await putWorkflow(name, definition, undefined, version);
      setSaved(definition);
      setVersion(result.properties.version);
      setIssues([]);
      setStatus(`Saved version ${result.properties.version}`);
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) {
        setConflict(e.message);
        setStatus('Not saved: someone else saved first');
      } else if (e instanceof HttpError && e.issues.length > 0) {
        setIssues(e.issues);
        setStatus(`Not saved: ${e.issues.length} issue${e.issues.length === 1 ? '' : 's'}`);
      } else setStatus(`Not saved: ${messageOf(e)}`);
    } finally {
      setSaving(false);
    }
  }, [name, definition, version]);

  /** The conflict dialog's choices: take their version (dropping mine) or save mine over theirs. */
  const resolveConflict = async (choice: 'theirs' | 'mine'): Promise<void> => {
    setSaving(true);
    try {
      if (choice === 'theirs') {
        const theirs = await getWorkflow(name);
        designer.reset(theirs.properties.definition);
        setSaved(theirs.properties.definition);
        setVersion(theirs.properties.version);
        setCodeDraft(undefined);
        setInputDrafts({});
        setIssues([]);
        setStatus(`Reloaded version ${theirs.properties.version}`);
      } else {
        const result = await putWorkflow(name, definition);
        setSaved(definition);
        setVersion(result.properties.version);
        setIssues([]);
        setStatus(`Saved version ${result.properties.version} (overwrote theirs)`);
      }
      setConflict(undefined);
    } catch (e) {
      setConflict(`${messageOf(e)} — try again`);
    } finally {
      setSaving(false);
    }
  };

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
      if (mod && shownRunId !== undefined && ['z', 'y'].includes(e.key.toLowerCase())) {
        e.preventDefault(); // a run is shown over the canvas: editing is off
      } else if (mod && e.key.toLowerCase() === 'z') {
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
  }, [designer, save, shownRunId]);

  return (
    <main className="editor" data-testid="editor">
      <header className="editor-bar">
        <a href="#/" className="back">← Workflows</a>
        <h1 className="editor-name">{name}</h1>
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={view === 'designer'} className={view === 'designer' ? 'active' : ''} onClick={() => setView('designer')} data-testid="designer-tab">Designer</button>
          <button role="tab" aria-selected={view === 'code'} className={view === 'code' ? 'active' : ''} onClick={() => setView('code')} data-testid="code-view-tab">Code view</button>
          <button role="tab" aria-selected={view === 'runs'} className={view === 'runs' ? 'active' : ''} onClick={() => setView('runs')} data-testid="runs-tab">Runs</button>
          <button role="tab" aria-selected={view === 'versions'} className={view === 'versions' ? 'active' : ''} onClick={() => setView('versions')} data-testid="versions-tab">Versions</button>
        </div>
        <a href={`#/workflows/${encodeURIComponent(name)}/identity`} data-testid="identity-link" title="Managed identity and role assignments">Identity</a>
        <button onClick={designer.undo} disabled={!designer.canUndo || shownRunId !== undefined} data-testid="undo" title="Undo (Ctrl+Z)">Undo</button>
        <button onClick={designer.redo} disabled={!designer.canRedo || shownRunId !== undefined} data-testid="redo" title="Redo (Ctrl+Shift+Z)">Redo</button>
        <button onClick={addFromToolbar} data-testid="add-action" disabled={view !== 'designer' || shownRunId !== undefined}>+ Add action</button>
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
      {view === 'designer' && shownRunId !== undefined && (
        <RunOverlayBar workflowName={name} runId={shownRunId} shown={shownRun} onOpenRun={setShownRunId} onClose={() => setShownRunId(undefined)} />
      )}
      {view === 'runs' && openRunId !== undefined && (
        <div className="run-overlay-bar" data-testid="run-open-bar">
          <span>Run <span className="run-id">{openRunId}</span> is open.</span>
          <button type="button" data-testid="run-show-on-canvas" onClick={() => { setShownRunId(openRunId); select(undefined); setView('designer'); }}>Show on canvas</button>
        </div>
      )}
      <div className="editor-body">
        {view === 'designer' ? (
          <>
            <Canvas definition={definition} selected={selected} collapsed={designer.collapsed} knownTypes={knownTypes} actions={canvasActions} issueIds={issueIds} readOnly={shownRunId !== undefined} {...(shownRunId !== undefined && shownRun.overlay ? { runStates: shownRun.overlay } : {})} />
            {shownRunId !== undefined && shownRun.overlay && selected && (
              <RunCardPanel workflowName={name} runId={shownRunId} run={shownRun.run} definition={definition} nodeId={selected} overlay={shownRun.overlay} onClose={() => select(undefined)} />
            )}
            {shownRunId === undefined && panelOpen && selected && (
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
          view === 'versions' ? (
            <VersionsPanel workflowName={name} refreshKey={version} />
          ) : (
          <RunsPanel workflowName={name} triggerNames={isObject(saved['triggers']) ? Object.keys(saved['triggers']) : []} onOpenRun={setOpenRunId} />
          )
        )}
      </div>
      {conflict !== undefined && (
        <ConflictDialog message={conflict} busy={saving} onReloadTheirs={() => void resolveConflict('theirs')} onOverwrite={() => void resolveConflict('mine')} onCancel={() => setConflict(undefined)} />
      )}
      {moving !== undefined && <MoveMenu definition={definition} name={moving} onMove={moveTo} onClose={() => setMoving(undefined)} />}
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
