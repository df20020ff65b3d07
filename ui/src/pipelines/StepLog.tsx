/**
 * A step's log, polled every second while the step may still write to it, scrolled to the end as
 * text arrives (unless the reader scrolled up).
 */
import { useEffect, useRef } from 'react';
import { getStepLog } from '../api/pipelines-client';
import { useLoad } from './use-load';

export function StepLog({ runId, step, live }: { runId: string; step: string; live: boolean }) {
  const log = useLoad(() => getStepLog(runId, step), [runId, step, live], () => live);
  const ref = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el !== null && pinned.current) el.scrollTop = el.scrollHeight;
  }, [log.value]);
  return (
    <div className="step-log">
      <h3>Log {live && <span className="muted">(live)</span>}</h3>
      {log.error !== undefined && <div className="error">{log.error}</div>}
      <pre
        ref={ref}
        data-testid={`step-log-${step}`}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
      >
        {log.value === undefined || log.value === '' ? 'No log yet.' : log.value}
      </pre>
    </div>
  );
}
