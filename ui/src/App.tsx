/** The designer app: a hash router over the workflows list and the workflow editor. */
import { EditorPage } from './pages/EditorPage';
import { WorkflowsPage } from './pages/WorkflowsPage';
import { useRoute } from './router';

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <nav className="topbar">
        <a href="#/" className="brand">Sluice</a>
        <a href="#/">Workflows</a>
        <span className="spacer" />
        <a href="/playground">Expression playground</a>
      </nav>
      {route.page === 'editor' ? <EditorPage name={route.name} /> : <WorkflowsPage />}
    </div>
  );
}
