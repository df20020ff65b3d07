/**
 * What the pipeline routes need. Without it (`createApp` given no `pipelines`) every pipeline route
 * answers 404 `PipelinesNotConfigured`.
 */
import type { Datastore } from '../../../connectors/blob/datastore.js';
import type { PrincipalDirectory } from '../../identity/principals.js';
import type { RoleAssignments } from '../../identity/role-assignments.js';
import type { TokenVerifier } from '../../identity/verifier.js';
import type { PipelinePublishing } from '../../pipelines/publishing.js';
import type { PipelineRunner } from '../../pipelines/runner-types.js';
import { ApiError } from '../api-error.js';

export const DEFAULT_PIPELINE_AUDIENCE = 'https://management.azure.com/';

export interface DatastoreCatalog {
  names(): readonly string[];
  /** Throws `ConnectionNotFound` for an unknown name. */
  open(name: string): Datastore;
}

export interface PipelinesDeps {
  runner: PipelineRunner;
  publishing: PipelinePublishing;
  /** Verifies bearer tokens of the Azure-shaped routes. */
  verifier: TokenVerifier;
  roles: RoleAssignments;
  /** The `aud` tokens must carry. @default https://management.azure.com/ */
  audience?: string;
  /** Expected `iss`, when the verifier has none. */
  issuer?: string;
  /** The configured datastores (`/api/datastores`); those routes answer 404 without it. */
  datastores?: DatastoreCatalog;
  /** Resolves workflows' system-assigned identities for `/api/workflows/{name}/identity/role-assignments`. */
  principals?: PrincipalDirectory;
  /** The one workspace name this instance answers to; any name when absent. */
  workspace?: string;
}

export function configuredPipelines(deps: PipelinesDeps | undefined): PipelinesDeps {
  if (deps === undefined) throw new ApiError(404, 'PipelinesNotConfigured', 'Pipelines are not configured on this instance.');
  return deps;
}
