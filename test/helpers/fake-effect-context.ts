/**
 * An EffectContext for testing effect actions outside the executor. The services are the engine's
 * boundary: tests give what respond/invokeWorkflow answer and read what the action asked for.
 */
import type { EffectContext, EffectServices } from '../../engine/actions/descriptor.js';
import type { RunResponse } from '../../engine/interpreter/run-state.js';

export interface RecordingServices extends EffectServices {
  readonly responses: Array<{ runId: string; response: RunResponse }>;
  readonly invocations: Array<Parameters<EffectServices['invokeWorkflow']>[0]>;
}

export function recordingServices(answers: {
  respond?: ReturnType<EffectServices['respond']>;
  invoke?: (request: Parameters<EffectServices['invokeWorkflow']>[0]) => Promise<RunResponse>;
} = {}): RecordingServices {
  const responses: RecordingServices['responses'] = [];
  const invocations: RecordingServices['invocations'] = [];
  return {
    responses,
    invocations,
    respond(runId, response) {
      responses.push({ runId, response });
      return answers.respond ?? 'sent';
    },
    invokeWorkflow(request) {
      invocations.push(request);
      return answers.invoke ? answers.invoke(request) : Promise.resolve({ statusCode: 200, headers: {}, body: null });
    },
  };
}

export function effectContext(overrides: Partial<EffectContext> = {}): EffectContext {
  return {
    runId: 'run-1',
    workflowName: 'parent',
    actionName: 'Action',
    key: 'Action',
    attempt: 1,
    signal: new AbortController().signal,
    services: recordingServices(),
    ...overrides,
  };
}
