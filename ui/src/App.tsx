/** The designer app: a hash router over the workflows list and the workflow editor. */
import { IdentityPage } from './identity/IdentityPage';
import { EditorPage } from './pages/EditorPage';
import { PipelinesPage } from './pipelines/PipelinesPage';
import { WorkflowsPage } from './pages/WorkflowsPage';
import { useRoute } from './router';

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <nav className="topbar">
        <a href="#/" className="brand">Sluice</a>
        <a href="#/">Workflows</a>
        <a href="#/pipelines">Pipelines</a>
        <span className="spacer" />
        <a href="/playground">Expression playground</a>
      </nav>
      {route.page === 'editor' ? (
        <EditorPage name={route.name} />
      ) : route.page === 'identity' ? (
        <IdentityPage name={route.name} />
      ) : route.page === 'pipelines' ? (
        <PipelinesPage tab={route.tab} runId={route.runId} pipelineId={route.pipelineId} />
      ) : (
        <WorkflowsPage />
      )}
    </div>
  );
}
