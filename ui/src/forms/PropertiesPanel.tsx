/**
 * The properties of the selected card: its name (a rename follows into runAfter and expressions),
 * its runAfter statuses, and its `inputs` as JSON. Text that does not parse stays in the editor
 * with its error (per card, while the editor is open) and is applied once it parses.
 */
import { useEffect, useState } from 'react';
import { JsonEditor } from '../code/JsonEditor';
import { indexActions, RUN_STATUSES, type DesignerChange, type Json, type JsonObject, type WorkflowDefinition } from '../graph/index';
import { isObject } from '../graph/json';
import { setInputs } from './set-inputs';

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

  if (!json) {
    return (
      <aside className="properties" data-testid="properties-panel">
        <p>Nothing named '{name}' in the definition.</p>
        <button onClick={onClose}>Close</button>
      </aside>
    );
  }

  const saved = pretty(json['inputs']);
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
      <div className="field">
        <span>Inputs (JSON)</span>
        <JsonEditor value={text} onChange={onInputs} ariaLabel={`Inputs of ${name}`} testId="inputs-editor" />
        {parseError && <p className="error" role="alert" data-testid="inputs-error">Not applied — {parseError}</p>}
      </div>
    </aside>
  );
}
