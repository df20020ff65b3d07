/**
 * The effect actions (they reach outside the run and execute in the executor), as an explicit
 * list: Http from its connector, Response, Workflow.
 */
import { httpAction } from '../../connectors/http/http-action.js';
import type { EffectActionDescriptor } from './descriptor.js';
import { responseAction } from './response.js';
import { workflowAction } from './workflow-action.js';

export const effectActions: EffectActionDescriptor[] = [httpAction, responseAction, workflowAction];
