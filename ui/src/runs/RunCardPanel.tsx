/**
 * A card of a run shown over the canvas, opened by clicking it: status, duration, retries, error,
 * inputs and outputs (`(secured)` when the server hid them), and an iteration pager for loops.
 */
import { collectActions, type WorkflowDefinition } from '../graph/index';
import { isObject } from '../graph/json';
import type { RunResource } from '../api/runs-client';
import { RepetitionPager } from './RepetitionPager';
import { RunPayload } from './RunPayload';
import { securedPayloads, type RunOverlay } from './run-overlay';

export interface RunCardPanelProps {
  workflowName: string;
  runId: string;
  run: RunResource | undefined;
  definition: WorkflowDefinition;
  /** `action:<name>` or `trigger:<name>`. */
  nodeId: string;
  overlay: RunOverlay;
  onClose(): void;
}

const LOOPS = new Set(['Foreach', 'Until']);

export function RunCardPanel({ workflowName, runId, run, definition, nodeId, overlay, onClose }: RunCardPanelProps) {
  const [kind, ...rest] = nodeId.split(':');
  const name = rest.join(':');
  const state = overlay.get(nodeId);
  const sites = collectActions(definition);
  const site = kind === 'action' ? sites.find((s) => s.name === name) : undefined;
  const type = site && typeof site.action['type'] === 'string' ? site.action['type'] : '';
  const loopChildren = site && LOOPS.has(type) && isObject(site.action['actions']) ? Object.keys(site.action['actions']) : [];
  const pagerActions = loopChildren.length > 0
    ? loopChildren.map((child) => ({ name: child, action: sites.find((s) => s.name === child)?.action }))
    : state?.repeated && site ? [{ name, action: site.action }] : [];
  const p = state?.execution.properties;
  const secured = state && kind === 'action' ? securedPayloads(state.execution, site?.action) : { inputs: false, outputs: false };

  return (
    <aside className="properties run-card-panel" data-testid="run-card-panel" aria-label={`Run of ${name}`}>
      <header className="properties-head">
        <h2>{name}</h2>
        <button type="button" onClick={onClose} aria-label="Close" data-testid="run-card-close">×</button>
      </header>
      {!state || !p ? (
        <p className="run-pager-empty" data-testid="run-card-notrun">Did not run{run && run.properties.status === 'Running' ? ' yet' : ''}.</p>
      ) : (
        <>
          <div className={`run-action-head status-${p.status.toLowerCase()}`}>
            <span className="run-status" data-testid="run-card-status">{p.status}</span>
            {state.duration !== '' && <span>{state.duration}</span>}
            {state.retries > 0 && <span className="run-retries">{state.retries} retries</span>}
          </div>
          {p.error && <div className="run-error">{p.error.code}: {p.error.message}</div>}
          {kind === 'trigger' ? (
            <RunPayload label="Outputs" value={run?.properties.trigger?.outputs} secured={false} testId="run-card-outputs" open />
          ) : (
            <>
              <RunPayload label="Inputs" value={p.inputs} secured={secured.inputs} testId="run-card-inputs" open />
              <RunPayload label="Outputs" value={p.outputs} secured={secured.outputs} testId="run-card-outputs" open />
            </>
          )}
          {pagerActions.length > 0 && (
            <RepetitionPager workflowName={workflowName} runId={runId} actions={pagerActions} version={`${run?.properties.status ?? ''}|${run?.properties.endTime ?? ''}|${state.status}`} />
          )}
        </>
      )}
    </aside>
  );
}
