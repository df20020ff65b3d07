/** Pipeline schedules (disabled ones too): kind, status, next fire time, last run; enable/disable. */
import { useState } from 'react';
import { listSchedules, setScheduleEnabled, type Schedule } from '../api/pipelines-client';
import { formatStart } from '../runs/run-format';
import { errorText, useLoad } from './use-load';

export function SchedulesTab() {
  const schedules = useLoad(listSchedules, []);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const toggle = async (s: Schedule): Promise<void> => {
    try {
      await setScheduleEnabled(s.id, s.status !== 'Active');
      schedules.reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <div data-testid="schedules-tab">
      {message !== undefined && <div className="error" role="alert">{message}</div>}
      {schedules.error !== undefined && <div className="error">{schedules.error}</div>}
      <table className="pl-table">
        <thead>
          <tr><th>Name</th><th>Kind</th><th>Status</th><th>Next fire</th><th>Last run</th><th /></tr>
        </thead>
        <tbody>
          {(schedules.value ?? []).length === 0 && <tr><td colSpan={6} className="muted">No schedules.</td></tr>}
          {(schedules.value ?? []).map((s) => (
            <tr key={s.id} data-testid={`schedule-row-${s.name}`}>
              <td>{s.name}{s.description !== undefined && <div className="muted">{s.description}</div>}</td>
              <td>
                {s.schedule_type}
                {s.schedule_type === 'DataStore' && <div className="muted">{s.datastore_name}/{s.path_on_datastore ?? ''}</div>}
              </td>
              <td className={`pl-${s.status.toLowerCase()}`}>{s.status}</td>
              <td>{s.schedule_type === 'DataStore' ? 'on change' : formatStart(s.next_fire_time)}</td>
              <td>
                {s.last_run_id === undefined ? '—' : <a href={`#/pipelines/runs/${encodeURIComponent(s.last_run_id)}`}><code>{s.last_run_id.slice(0, 8)}</code></a>}
                {s.last_error?.message !== undefined && <div className="error">{s.last_error.message}</div>}
              </td>
              <td><button type="button" onClick={() => void toggle(s)}>{s.status === 'Active' ? 'Disable' : 'Enable'}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
