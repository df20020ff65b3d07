/** Workflows and connectors in the management API's Logic Apps resource shape. */
import type { JsonObject, WorkflowDefinition } from '../graph/index';
import { requestJson, type ValidationIssue } from './http';

export type WorkflowState = 'Enabled' | 'Disabled';

export interface WorkflowResource {
  name: string;
  id: string;
  properties: {
    state: WorkflowState;
    version: number;
    createdTime?: string;
    changedTime?: string;
    definition: WorkflowDefinition;
    parameters?: JsonObject;
  };
}

export interface RunSummary {
  name: string;
  properties: { status: string; startTime?: string; endTime?: string };
}

export interface ConnectorType {
  kind: 'trigger' | 'action';
  type: string;
  title: string;
  description: string;
  category: string;
  connector?: string;
  inputSchema?: JsonObject;
}

const path = (name: string): string => `/api/workflows/${encodeURIComponent(name)}`;

export const listWorkflows = async (): Promise<WorkflowResource[]> => (await requestJson<{ value: WorkflowResource[] }>('GET', '/api/workflows')).value;

export const getWorkflow = (name: string): Promise<WorkflowResource> => requestJson('GET', path(name));

/** `ifMatch`: the version edited; a save after someone else's is then a 409 Conflict (HttpError). */
export const putWorkflow = (name: string, definition: WorkflowDefinition, parameters?: JsonObject, ifMatch?: number): Promise<WorkflowResource> =>
  requestJson('PUT', path(name), parameters === undefined ? { definition } : { definition, parameters }, ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` });

/** Every saved version, oldest first (`name` is the version number). */
export const listWorkflowVersions = async (name: string): Promise<WorkflowResource[]> =>
  (await requestJson<{ value: WorkflowResource[] }>('GET', `${path(name)}/versions`)).value;

export const deleteWorkflow = (name: string): Promise<void> => requestJson('DELETE', path(name));

export const setWorkflowState = (name: string, state: WorkflowState): Promise<WorkflowResource> =>
  requestJson('POST', `${path(name)}/${state === 'Enabled' ? 'enable' : 'disable'}`);

export async function lastRun(name: string): Promise<RunSummary | undefined> {
  return (await requestJson<{ value: RunSummary[] }>('GET', `${path(name)}/runs?top=1`)).value[0];
}

/** `POST /api/definitions/validate`: issues come back in a 200, so a check logs no failed request. */
export const validateDefinition = async (definition: WorkflowDefinition): Promise<ValidationIssue[]> =>
  (await requestJson<{ valid: boolean; issues: ValidationIssue[] }>('POST', '/api/definitions/validate', { definition })).issues;

export const listConnectors = async (): Promise<ConnectorType[]> => (await requestJson<{ value: ConnectorType[] }>('GET', '/api/connectors')).value;

/** A new workflow: one Request trigger and no actions. */
export function emptyDefinition(): WorkflowDefinition {
  return {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
    actions: {},
    outputs: {},
  };
}
