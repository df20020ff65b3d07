/**
 * Triggers: fire one by hand (the body becomes the trigger body) and read its history.
 */
import type { TriggerOutputs } from '../../runtime/engine-types.js';
import type { Page, Store, TriggerHistoryRow } from '../../store/store.js';
import { ApiError } from '../api-error.js';
import { requireTrigger, requireWorkflow } from './lookups.js';
import { detach } from './started-run.js';
import type { ManagementDeps } from './workflow-service.js';

export async function fireTrigger(options: ManagementDeps & { workflowName: string; triggerName: string; outputs: TriggerOutputs }): Promise<{ runId: string }> {
  const workflow = requireWorkflow(options.store, options.workflowName);
  const triggerName = requireTrigger(workflow, options.triggerName);
  if (workflow.state === 'Disabled') {
    throw new ApiError(409, 'WorkflowDisabled', `workflow '${workflow.name}' is disabled: enable it before firing its triggers`);
  }
  const started = await options.engine.startRun({ workflowName: workflow.name, triggerName, outputs: options.outputs });
  detach(started);
  return { runId: started.runId };
}

export async function listTriggerHistories(options: {
  store: Store;
  workflowName: string;
  triggerName: string;
  page: { top?: number; skipToken?: string };
}): Promise<{ triggerName: string; page: Page<TriggerHistoryRow> }> {
  const workflow = requireWorkflow(options.store, options.workflowName);
  const triggerName = requireTrigger(workflow, options.triggerName);
  return { triggerName, page: options.store.listTriggerHistories(workflow.name, triggerName, options.page) };
}
