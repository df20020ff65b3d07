/**
 * The properties of the selected card: its name (a rename follows into runAfter and expressions);
 * its inputs as a form rendered from the type's schema (`GET /api/connectors`), or as raw JSON (the
 * "Inputs (JSON)" tab: text that does not parse stays in the editor with its error, per card, and
 * is applied once it parses); and its settings (runAfter statuses, retry, timeout, concurrency,
 * secure data, trigger conditions and splitOn). Every form field writes a merge patch on the node.
 */
import { useEffect, useMemo, useState } from 'react';
import { cachedConnectors, cachedFunctions } from '../api/reference-client';
import type { ConnectorType } from '../api/workflows-client';
import { JsonEditor } from '../code/JsonEditor';
import { dynamicSuggestions, functionSuggestions, type FunctionInfo } from '../expressions/autocomplete';
import { propertyKeysFor } from '../expressions/dynamic-content';
import { ExpressionSourcesContext, type ExpressionSources } from '../expressions/expression-sources';
import { predecessorsOf } from '../expressions/predecessors';
import { applyMergePatch, collectActions, indexActions, RUN_STATUSES, type DesignerChange, type Json, type JsonObject, type WorkflowDefinition } from '../graph/index';
import { isObject } from '../graph/json';
import { SchemaForm } from './SchemaForm';
import { inputsForm, inputsSchemaOf, patchAt } from './schema-model';
import { setInputs } from './set-inputs';
import { SettingsSection } from './SettingsSection';
import './forms.css';

type Tab = 'form' | 'json' | 'settings';

interface Props {
  definition: WorkflowDefinition;
  /** `action:<name>` or `trigger:<name>`. */
  nodeId: string;
  dispatch: (changes: readonly DesignerChange[]) => WorkflowDefinition | undefined;
  onSelect: (id: string) => void;
  onClose: () => void;
  /** Typed-but-unparsed inputs per node id, kept by the editor so closing the panel loses nothing. */
  drafts: Record<string, string>;
  setDraft: (id: string, text: string | undefined) => void;
}

const pretty = (value: Json | undefined): string => (value === undefined ? '' : JSON.stringify(value, null, 2));

export function PropertiesPanel({ definition, nodeId, dispatch, onSelect, onClose, drafts, setDraft }: Props) {
  const isTrigger = nodeId.startsWith('trigger:');
  const name = nodeId.slice(nodeId.indexOf(':') + 1);
  const triggers = isObject(definition['triggers']) ? definition['triggers'] : {};
  const site = isTrigger ? undefined : indexActions(definition).get(name);
  const json: JsonObject | undefined = isTrigger ? (isObject(triggers[name]) ? triggers[name] : undefined) : site?.action;

  const [nameText, setNameText] = useState(name);
  useEffect(() => setNameText(name), [name]);
  const [parseError, setParseError] = useState<string | undefined>();
  useEffect(() => setParseError(undefined), [nodeId]);
  const [tab, setTab] = useState<Tab>('form');
  const [connectors, setConnectors] = useState<ConnectorType[] | undefined>();
  const [functions, setFunctions] = useState<FunctionInfo[]>([]);
  useEffect(() => {
    let live = true;
    cachedConnectors().then((c) => live && setConnectors(c), () => live && setConnectors([]));
    cachedFunctions().then((f) => live && setFunctions(f), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  const type = json && typeof json['type'] === 'string' ? json['type'] : '';
  const entry = connectors?.find((c) => c.kind === (isTrigger ? 'trigger' : 'action') && c.type.toLowerCase() === type.toLowerCase());
  const fields = useMemo(() => inputsForm(entry?.inputSchema), [entry]);
  const hasRetry = useMemo(() => {
    const schema = inputsSchemaOf(entry?.inputSchema);
    return isObject(schema) && isObject(schema['properties']) && schema['properties']['retryPolicy'] !== undefined;
  }, [entry]);

  const sources = useMemo((): ExpressionSources => {
    const predecessors = isTrigger ? [] : predecessorsOf(definition, name);
    const hasTrigger = isObject(definition['triggers']) && Object.keys(definition['triggers']).length > 0;
    const triggerSchemas: Record<string, JsonObject | undefined> = {};
    for (const c of connectors ?? []) if (c.kind === 'trigger') triggerSchemas[c.type] = (c as ConnectorType & { outputSchema?: JsonObject }).outputSchema;
    return {
      functions: functionSuggestions(functions),
      dynamic: dynamicSuggestions(hasTrigger, predecessors),
      actions: isTrigger ? [] : predecessors.length > 0 ? predecessors : collectActions(definition).map((s) => s.name),
      propertyKeys: (base) => propertyKeysFor(base, definition, { triggers: triggerSchemas }),
    };
  }, [definition, name, isTrigger, connectors, functions]);

  if (!json) {
    return (
      <aside className="properties" data-testid="properties-panel">
        <p>Nothing named '{name}' in the definition.</p>
        <button onClick={onClose}>Close</button>
      </aside>
    );
  }

  const saved = pretty(json['inputs']);
  const fieldDrafts: Record<string, string> = {};
  for (const key of Object.keys(drafts)) if (key.startsWith(`${nodeId}#`)) fieldDrafts[key.slice(nodeId.length + 1)] = drafts[key]!;
  const text = drafts[nodeId] ?? saved;

  const onInputs = (typed: string): void => {
    if (typed === saved) {
      setDraft(nodeId, undefined);
      setParseError(undefined);
      return;
    }
    setDraft(nodeId, typed);
    let value: Json | undefined;
    try {
      value = typed.trim() === '' ? undefined : (JSON.parse(typed) as Json);
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
      return;
    }
    setParseError(undefined);
    const ok = dispatch([{ kind: 'replaceDefinition', definition: setInputs(definition, nodeId, value) }]) !== undefined;
    if (ok) setDraft(nodeId, undefined);
  };

  const rename = (): void => {
    const to = nameText.trim();
    if (to === name || to === '') return setNameText(name);
    const ok = isTrigger
      ? !Object.prototype.hasOwnProperty.call(triggers, to) && dispatch([{ kind: 'setTrigger', name, trigger: null }, { kind: 'setTrigger', name: to, trigger: json }]) !== undefined
      : dispatch([{ kind: 'renameAction', from: name, to }]) !== undefined;
    if (ok) onSelect(`${isTrigger ? 'trigger' : 'action'}:${to}`);
    else setNameText(name);
  };

  /** One field's edit as a merge patch on the node (a trigger is replaced whole). */
  const write = (path: readonly string[], value: Json | undefined): void => {
    const patch = patchAt(json, path, value);
    if (isTrigger) {
      const next = applyMergePatch(json, patch);
      if (isObject(next)) dispatch([{ kind: 'setTrigger', name, trigger: next }]);
    } else dispatch([{ kind: 'updateAction', name, patch }]);
  };

  const runAfter = site && isObject(json['runAfter']) ? json['runAfter'] : undefined;
  const toggleStatus = (predecessor: string, status: string, on: boolean): void => {
    if (!runAfter) return;
    const next: JsonObject = {};
    for (const key of Object.keys(runAfter)) {
      const current = Array.isArray(runAfter[key]) ? (runAfter[key] as Json[]).filter((s): s is string => typeof s === 'string') : [];
      next[key] = key !== predecessor ? current : on ? RUN_STATUSES.filter((s) => s === status || current.includes(s)) : current.filter((s) => s !== status);
    }
    dispatch([{ kind: 'setRunAfter', name, runAfter: next }]);
  };

  return (
    <aside className="properties" data-testid="properties-panel" aria-label={`Properties of ${name}`}>
      <div className="properties-head">
        <strong>{isTrigger ? 'Trigger' : 'Action'}</strong>
        <span className="card-type">{String(json['type'] ?? '')}</span>
        <button onClick={onClose} aria-label="Close properties" data-testid="close-properties">×</button>
      </div>
      <label className="field">
        Name
        <input
          value={nameText}
          data-testid="property-name"
          onChange={(e) => setNameText(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
            if (e.key === 'Escape') setNameText(name);
          }}
        />
      </label>
      <div className="tabs properties-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'form'} className={tab === 'form' ? 'active' : ''} onClick={() => setTab('form')} data-testid="properties-form-tab">Parameters</button>
        <button role="tab" aria-selected={tab === 'json'} className={tab === 'json' ? 'active' : ''} onClick={() => setTab('json')} data-testid="properties-json-tab">Inputs (JSON)</button>
        <button role="tab" aria-selected={tab === 'settings'} className={tab === 'settings' ? 'active' : ''} onClick={() => setTab('settings')} data-testid="properties-settings-tab">Settings</button>
      </div>
      <ExpressionSourcesContext.Provider value={sources}>
        {tab === 'form' &&
          (connectors === undefined ? (
            <p>Loading the form…</p>
          ) : fields && fields.length > 0 ? (
            <SchemaForm
              key={nodeId}
              fields={fields}
              node={json}
              write={write}
              drafts={fieldDrafts}
              setDraft={(path, t) => setDraft(`${nodeId}#${path}`, t)}
            />
          ) : (
            <p className="hint" data-testid="no-form">No form for type '{type}': edit its inputs in the Inputs (JSON) tab.</p>
          ))}
        {tab === 'settings' && (
          <>
            {runAfter && Object.keys(runAfter).length > 0 && (
              <fieldset className="field run-after" data-testid="run-after">
                <legend>Run after</legend>
                {Object.keys(runAfter).map((predecessor) => {
                  const statuses = Array.isArray(runAfter[predecessor]) ? (runAfter[predecessor] as Json[]) : [];
                  return (
                    <div key={predecessor} className="run-after-row">
                      <span className="run-after-name">{predecessor}</span>
                      {RUN_STATUSES.map((status) => {
                        const checked = statuses.includes(status);
                        return (
                          <label key={status} className="check">
                            <input
                              type="checkbox"
                              checked={checked}
                              disabled={checked && statuses.length === 1}
                              data-testid={`run-after-${predecessor}-${status}`}
                              onChange={(e) => toggleStatus(predecessor, status, e.target.checked)}
                            />
                            {status}
                          </label>
                        );
                      })}
                    </div>
                  );
                })}
              </fieldset>
            )}
            <SettingsSection key={nodeId} node={json} isTrigger={isTrigger} hasRetry={hasRetry} write={write} />
          </>
        )}
      </ExpressionSourcesContext.Provider>
      {tab === 'json' && (
        <div className="field">
          <span>Inputs (JSON)</span>
          <JsonEditor value={text} onChange={onInputs} ariaLabel={`Inputs of ${name}`} testId="inputs-editor" />
          {parseError && <p className="error" role="alert" data-testid="inputs-error">Not applied — {parseError}</p>}
        </div>
      )}
    </aside>
  );
}
