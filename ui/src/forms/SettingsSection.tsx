/**
 * Settings of the selected card: retry policy, timeout, Foreach concurrency and Sequential, secure
 * inputs/outputs, and for a trigger its recurrence (when it has one), conditions and splitOn. Each control writes one path of the
 * node (a merge patch), like the inputs form.
 */
import { ExpressionInput } from '../expressions/ExpressionInput';
import { isObject, type Json, type JsonObject } from '../graph/json';
import { RecurrenceSection, recurrenceOf } from './RecurrenceSection';
import { textOf, valueAt, valueOfText } from './schema-model';

interface Props {
  node: JsonObject;
  isTrigger: boolean;
  /** The type's inputs take a `retryPolicy` (HTTP-like actions). */
  hasRetry: boolean;
  write: (path: readonly string[], value: Json | undefined) => void;
}

const RETRY_TYPES = ['default', 'none', 'fixed', 'exponential'];

export function SettingsSection({ node, isTrigger, hasRetry, write }: Props) {
  const type = typeof node['type'] === 'string' ? node['type'] : '';
  const retry = valueAt(node, ['inputs', 'retryPolicy']);
  const retryType = isObject(retry) && typeof retry['type'] === 'string' ? retry['type'] : '';
  const secure = valueAt(node, ['runtimeConfiguration', 'secureData', 'properties']);
  const secured = Array.isArray(secure) ? secure.filter((s): s is string => typeof s === 'string') : [];
  const setSecure = (which: string, on: boolean): void => {
    const next = ['inputs', 'outputs'].filter((s) => (s === which ? on : secured.includes(s)));
    write(['runtimeConfiguration', 'secureData'], next.length === 0 ? undefined : { properties: next });
  };
  const recurrence = recurrenceOf(node);
  const conditions = Array.isArray(node['conditions']) ? node['conditions'] : [];
  const conditionTexts = conditions.map((c) => (isObject(c) ? textOf(c['expression']) : textOf(c)));
  const setConditions = (texts: string[]): void =>
    write(['conditions'], texts.length === 0 ? undefined : texts.map((t) => ({ expression: t })));

  return (
    <div className="settings" data-testid="settings">
      {hasRetry && (
        <fieldset className="field group" data-testid="retry-policy">
          <legend>Retry policy</legend>
          <select
            aria-label="Retry policy type"
            data-testid="retry-type"
            value={retryType}
            onChange={(e) => write(['inputs', 'retryPolicy'], e.target.value === '' ? undefined : e.target.value === 'none' || e.target.value === 'default' ? { type: e.target.value } : { ...(isObject(retry) ? retry : {}), type: e.target.value })}
          >
            <option value="">(not set: default)</option>
            {RETRY_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          {(retryType === 'fixed' || retryType === 'exponential') && (
            <>
              <label className="field">Count<ExpressionInput value={textOf(valueAt(retry, ['count']))} ariaLabel="Retry count" testId="retry-count" normalize={(t) => textOf(valueOfText(t, 'number'))} onChange={(t) => write(['inputs', 'retryPolicy', 'count'], valueOfText(t, 'number'))} /></label>
              <label className="field">Interval (ISO 8601)<ExpressionInput value={textOf(valueAt(retry, ['interval']))} ariaLabel="Retry interval" testId="retry-interval" placeholder="PT10S" onChange={(t) => write(['inputs', 'retryPolicy', 'interval'], valueOfText(t, 'text'))} /></label>
            </>
          )}
          {retryType === 'exponential' && (
            <>
              <label className="field">Minimum interval<ExpressionInput value={textOf(valueAt(retry, ['minimumInterval']))} ariaLabel="Minimum retry interval" testId="retry-minimum-interval" placeholder="PT5S" onChange={(t) => write(['inputs', 'retryPolicy', 'minimumInterval'], valueOfText(t, 'text'))} /></label>
              <label className="field">Maximum interval<ExpressionInput value={textOf(valueAt(retry, ['maximumInterval']))} ariaLabel="Maximum retry interval" testId="retry-maximum-interval" placeholder="PT1H" onChange={(t) => write(['inputs', 'retryPolicy', 'maximumInterval'], valueOfText(t, 'text'))} /></label>
            </>
          )}
        </fieldset>
      )}
      {!isTrigger && (
        <label className="field">
          Timeout (ISO 8601)
          <ExpressionInput value={textOf(valueAt(node, ['limit', 'timeout']))} ariaLabel="Timeout" testId="setting-timeout" placeholder="PT1H" onChange={(t) => write(['limit', 'timeout'], valueOfText(t, 'text'))} />
        </label>
      )}
      {type === 'Foreach' && (
        <fieldset className="field group" data-testid="concurrency">
          <legend>Concurrency</legend>
          <label className="check">
            <input type="checkbox" data-testid="setting-sequential" checked={node['operationOptions'] === 'Sequential'} onChange={(e) => write(['operationOptions'], e.target.checked ? 'Sequential' : undefined)} />
            Sequential (one item at a time)
          </label>
          <label className="field">
            Degree of parallelism (1–50)
            <ExpressionInput value={textOf(valueAt(node, ['runtimeConfiguration', 'concurrency', 'repetitions']))} ariaLabel="Degree of parallelism" testId="setting-repetitions" placeholder="20" normalize={(t) => textOf(valueOfText(t, 'number'))} onChange={(t) => write(['runtimeConfiguration', 'concurrency', 'repetitions'], valueOfText(t, 'number'))} />
          </label>
        </fieldset>
      )}
      <fieldset className="field group" data-testid="secure-data">
        <legend>Secure data</legend>
        {['inputs', 'outputs'].map((which) => (
          <label key={which} className="check">
            <input type="checkbox" data-testid={`setting-secure-${which}`} checked={secured.includes(which)} onChange={(e) => setSecure(which, e.target.checked)} />
            Secure {which}
          </label>
        ))}
      </fieldset>
      {isTrigger && (
        <>
          {recurrence && <RecurrenceSection recurrence={recurrence} write={write} />}
          <fieldset className="field group" data-testid="trigger-conditions">
            <legend>Trigger conditions</legend>
            {conditionTexts.map((t, i) => (
              <div key={i} className="key-value-row">
                <ExpressionInput value={t} ariaLabel={`Condition ${i + 1}`} testId={`setting-condition-${i}`} placeholder="@equals(triggerBody()?['status'], 'new')" onChange={(v) => setConditions(conditionTexts.map((c, j) => (j === i ? v : c)))} />
                <button type="button" aria-label={`Remove condition ${i + 1}`} onClick={() => setConditions(conditionTexts.filter((_, j) => j !== i))}>×</button>
              </div>
            ))}
            <button type="button" className="link" data-testid="add-condition" onClick={() => setConditions([...conditionTexts, '@'])}>+ Add condition</button>
          </fieldset>
          <label className="field">
            Split on
            <ExpressionInput value={textOf(node['splitOn'])} ariaLabel="Split on" testId="setting-split-on" placeholder="@triggerBody()" onChange={(t) => write(['splitOn'], valueOfText(t, 'text'))} />
          </label>
        </>
      )}
    </div>
  );
}
