/**
 * Workflow management: create or replace (every save a version), read, list, delete, enable and
 * disable. Validation is the engine's: a definition that does not load comes back as a 400 with
 * every issue and its pointer.
 */
import type { EngineService } from '../../runtime/engine-types.js';
import type { Store, WorkflowRecord, WorkflowState } from '../../store/store.js';
import { ApiError, badRequest, notFound } from '../api-error.js';
import type { WorkflowPut } from '../parse-request.js';
import { requireWorkflow } from './lookups.js';

export interface ManagementDeps {
  engine: EngineService;
  store: Store;
}

/**
 * `ifMatch` (the version the caller edited, from an `If-Match` header) makes the save conditional:
 * when another save came first it is a 409 Conflict and nothing is saved. Without it the save is
 * unconditional. The check and the save run in one synchronous turn, so no save slips between.
 */
export async function putWorkflow(options: ManagementDeps & { name: string; put: WorkflowPut; ifMatch?: number }): Promise<{ created: boolean; workflow: WorkflowRecord }> {
  const current = options.store.getWorkflow(options.name);
  const existed = current !== undefined;
  if (options.ifMatch !== undefined && current?.version !== options.ifMatch) {
    const now = current === undefined ? 'it does not exist any more' : `version ${current.version} is current`;
    throw new ApiError(409, 'Conflict', `workflow ${options.name} was saved by someone else: ${now}, you edited version ${options.ifMatch}`);
  }
  const result = options.engine.saveWorkflow({ name: options.name, ...options.put });
  if (!result.ok) {
    const count = result.issues.length;
    throw badRequest('DefinitionInvalid', `the definition of workflow '${options.name}' has ${count} issue${count === 1 ? '' : 's'}`, result.issues);
  }
  return { created: !existed, workflow: result.workflow };
}

export async function getWorkflow(options: { store: Store; name: string }): Promise<WorkflowRecord> {
  return requireWorkflow(options.store, options.name);
}

export async function listWorkflows(options: { store: Store }): Promise<WorkflowRecord[]> {
  return options.store.listWorkflows();
}

export async function listWorkflowVersions(options: { store: Store; name: string }): Promise<WorkflowRecord[]> {
  requireWorkflow(options.store, options.name);
  return options.store.listWorkflowVersions(options.name);
}

export async function deleteWorkflow(options: ManagementDeps & { name: string }): Promise<void> {
  requireWorkflow(options.store, options.name);
  if (!options.engine.deleteWorkflow(options.name)) throw notFound(`workflow '${options.name}' not found`);
}

export async function setWorkflowState(options: ManagementDeps & { name: string; state: WorkflowState }): Promise<WorkflowRecord> {
  const workflow = options.engine.setWorkflowState(options.name, options.state);
  if (workflow === undefined) throw notFound(`workflow '${options.name}' not found`);
  return workflow;
}
