/**
 * A workflow's managed identity: its system-assigned principal id, its role assignments, and the
 * grant that lets it submit pipelines in workspace `local` (what the seed scenario's HTTP action
 * with ManagedServiceIdentity needs before it can call the pipeline endpoint).
 */
import { useState } from 'react';
import { getWorkflowIdentity, grantWorkflowRole, listRoleAssignments, type RoleAssignment, type WorkflowIdentity } from '../api/pipelines-client';
import { errorText, useLoad } from '../pipelines/use-load';
import '../pipelines/pipelines.css';

export const LOCAL_WORKSPACE_SCOPE = '/pipelines/v1.0/workspaces/local';

async function load(workflow: string): Promise<{ identity: WorkflowIdentity; assignments: RoleAssignment[] }> {
  const identity = await getWorkflowIdentity(workflow);
  return { identity, assignments: await listRoleAssignments(identity.principalId) };
}

export function IdentityPage({ name }: { name: string }) {
  const data = useLoad(() => load(name), [name]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const granted = (data.value?.assignments ?? []).some((a) => a.scope === LOCAL_WORKSPACE_SCOPE && a.role === 'submit');

  const grant = async (): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      await grantWorkflowRole(name, LOCAL_WORKSPACE_SCOPE, 'submit');
      data.reload();
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page identity-page" data-testid="identity-page">
      <div className="toolbar">
        <a href={`#/workflows/${encodeURIComponent(name)}`}>← Back to the editor</a>
      </div>
      <h1>Identity of {name}</h1>
      {data.error !== undefined && <div className="error">{data.error}</div>}
      {data.value !== undefined && (
        <>
          <table className="pl-table identity-facts">
            <tbody>
              <tr><th>Type</th><td>{data.value.identity.type}</td></tr>
              <tr><th>Principal id</th><td><code data-testid="identity-principal-id">{data.value.identity.principalId}</code></td></tr>
              {data.value.identity.clientId !== undefined && <tr><th>Client id</th><td><code>{data.value.identity.clientId}</code></td></tr>}
              <tr><th>Tenant id</th><td><code>{data.value.identity.tenantId}</code></td></tr>
            </tbody>
          </table>
          <h2>Role assignments</h2>
          <table className="pl-table" data-testid="role-assignments">
            <thead>
              <tr><th>Role</th><th>Scope</th></tr>
            </thead>
            <tbody>
              {data.value.assignments.length === 0 && <tr><td colSpan={2} className="muted">No role assignments: this workflow's identity may call nothing that checks roles.</td></tr>}
              {data.value.assignments.map((a) => (
                <tr key={`${a.role} ${a.scope}`} data-testid="role-assignment">
                  <td>{a.role}</td>
                  <td><code>{a.scope}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar" style={{ marginTop: 12 }}>
            <button type="button" className="primary" disabled={busy || granted} onClick={() => void grant()} data-testid="grant-submit">
              Allow this workflow to submit pipelines in workspace local
            </button>
            {granted && <span className="muted">Granted: role submit on {LOCAL_WORKSPACE_SCOPE}.</span>}
          </div>
          {message !== undefined && <div className="error" role="alert">{message}</div>}
        </>
      )}
    </div>
  );
}
