/** The Pipelines page: tabs for published pipelines and endpoints, runs, schedules and datastores; a run opens its own page. */
import type { PipelinesTab } from '../router';
import { DatastoresTab } from './DatastoresTab';
import { PipelineRunPage } from './PipelineRunPage';
import { PipelineRunsTab } from './PipelineRunsTab';
import { PublishedTab } from './PublishedTab';
import { SchedulesTab } from './SchedulesTab';
import './pipelines.css';

const TABS: readonly { tab: PipelinesTab; label: string }[] = [
  { tab: 'published', label: 'Published pipelines' },
  { tab: 'runs', label: 'Runs' },
  { tab: 'schedules', label: 'Schedules' },
  { tab: 'datastores', label: 'Datastores' },
];

export function PipelinesPage({ tab, runId, pipelineId }: { tab: PipelinesTab; runId?: string; pipelineId?: string }) {
  if (runId !== undefined) return <PipelineRunPage runId={runId} />;
  return (
    <div className="page pipelines-page" data-testid="pipelines-page">
      <h1>Pipelines</h1>
      <nav className="pl-tabs" role="tablist">
        {TABS.map((t) => (
          <a key={t.tab} href={`#/pipelines/${t.tab}`} role="tab" aria-selected={t.tab === tab} className={t.tab === tab ? 'active' : ''} data-testid={`pipelines-tab-${t.tab}`}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'published' && <PublishedTab />}
      {tab === 'runs' && <PipelineRunsTab pipelineId={pipelineId} />}
      {tab === 'schedules' && <SchedulesTab />}
      {tab === 'datastores' && <DatastoresTab />}
    </div>
  );
}
