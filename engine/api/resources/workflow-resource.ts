/**
 * A saved workflow as the management API shows it, in the Logic Apps resource shape:
 * `{ name, id, type, properties: { definition, parameters, state, version, createdTime, changedTime } }`.
 * Secure parameter values are redacted here, the one place workflows are serialised.
 */
import type { ValueObject } from '../../expressions/value.js';
import type { WorkflowRecord } from '../../store/store.js';
import { plainValue } from '../json-response.js';
import { versionPath, workflowPath } from './paths.js';
import { redactDefinition, redactParameterValues, secureParameterTypes } from './secure-parameters.js';

function properties(record: WorkflowRecord): ValueObject {
  const definition = plainValue(record.definition);
  const secure = secureParameterTypes(definition);
  return {
    state: record.state,
    version: record.version,
    createdTime: record.createdTime,
    changedTime: record.changedTime,
    definition: redactDefinition(definition, secure),
    parameters: redactParameterValues(plainValue(record.parameters), secure),
  };
}

export function workflowResource(record: WorkflowRecord): ValueObject {
  return { name: record.name, id: workflowPath(record.name), type: 'workflows', properties: properties(record) };
}

export function workflowVersionResource(record: WorkflowRecord): ValueObject {
  return { name: String(record.version), id: versionPath(record.name, record.version), type: 'workflows/versions', properties: properties(record) };
}
