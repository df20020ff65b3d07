/**
 * A trigger's recurrence in its Settings: frequency, interval, and the optional time zone and start
 * time. Each control writes one path under `recurrence` (the panel turns it into a `setTrigger`).
 */
import { isObject, type Json, type JsonObject } from '../graph/json';

interface Props {
  recurrence: JsonObject;
  write: (path: readonly string[], value: Json | undefined) => void;
}

const FREQUENCIES = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month'];

const text = (value: Json | undefined): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

export function RecurrenceSection({ recurrence, write }: Props) {
  const frequency = text(recurrence['frequency']);
  const at = (key: string, value: Json | undefined): void => write(['recurrence', key], value);
  return (
    <fieldset className="field group" data-testid="recurrence">
      <legend>Recurrence</legend>
      <label className="field">
        Frequency
        <select aria-label="Recurrence frequency" data-testid="recurrence-frequency" value={frequency} onChange={(e) => at('frequency', e.target.value)}>
          {!FREQUENCIES.includes(frequency) && <option value={frequency}>{frequency || '(not set)'}</option>}
          {FREQUENCIES.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <label className="field">
        Interval
        <input
          type="number"
          min={1}
          aria-label="Recurrence interval"
          data-testid="recurrence-interval"
          value={text(recurrence['interval'])}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isInteger(n) && n > 0) at('interval', n);
          }}
        />
      </label>
      <label className="field">
        Time zone (optional)
        <input aria-label="Recurrence time zone" data-testid="recurrence-time-zone" placeholder="UTC" value={text(recurrence['timeZone'])} onChange={(e) => at('timeZone', e.target.value === '' ? undefined : e.target.value)} />
      </label>
      <label className="field">
        Start time (optional)
        <input aria-label="Recurrence start time" data-testid="recurrence-start-time" placeholder="2026-01-01T00:00:00Z" value={text(recurrence['startTime'])} onChange={(e) => at('startTime', e.target.value === '' ? undefined : e.target.value)} />
      </label>
    </fieldset>
  );
}

export const recurrenceOf = (node: JsonObject): JsonObject | undefined => (isObject(node['recurrence']) ? node['recurrence'] : undefined);
