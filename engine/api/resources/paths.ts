/** Resource ids are the API paths that return them, so a client can follow any id it reads. */
const seg = encodeURIComponent;

export const workflowPath = (name: string): string => `/api/workflows/${seg(name)}`;
export const versionPath = (name: string, version: number): string => `${workflowPath(name)}/versions/${version}`;
export const runPath = (name: string, runId: string): string => `${workflowPath(name)}/runs/${seg(runId)}`;
export const actionPath = (name: string, runId: string, action: string): string => `${runPath(name, runId)}/actions/${seg(action)}`;
export const repetitionPath = (name: string, runId: string, action: string, repetition: string): string =>
  `${actionPath(name, runId, action)}/repetitions/${seg(repetition)}`;
export const triggerPath = (name: string, trigger: string): string => `${workflowPath(name)}/triggers/${seg(trigger)}`;
export const triggerHistoryPath = (name: string, trigger: string, id: string): string => `${triggerPath(name, trigger)}/histories/${seg(id)}`;
