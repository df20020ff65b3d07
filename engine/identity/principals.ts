/**
 * Managed identities as principals. Every workflow has a system-assigned identity; definitions may
 * also name user-assigned identities by their Azure resource id
 * (`/subscriptions/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`).
 *
 * Principal and client ids are name-based UUIDs (RFC 9562 version 5), so nothing is stored: the
 * same workflow name under the same tenant always has the same principal, across restarts and
 * copies of the data folder. Workflow names compare ignoring case (Logic Apps resource names do),
 * and so do resource ids (ARM ids are case-insensitive). A user-assigned identity is a shared
 * resource in Azure, so its ids depend on the resource id only, not on this instance's tenant.
 */
import { createHash } from 'node:crypto';
import { DefinitionError, SluiceError } from '../errors.js';

export interface Principal {
  kind: 'SystemAssigned' | 'UserAssigned';
  /** The identity's object id (`oid`, `sub`). */
  principalId: string;
  /** The identity's application id (`appid`, `client_id`). */
  clientId: string;
  /** The resource the identity belongs to or is (`xms_mirid`). */
  resourceId: string;
  /** System-assigned identities of a workflow: its name. */
  workflowName?: string;
}

/** Which identity a token is asked for; at most one selector is set, none means the system identity. */
export interface IdentitySelector {
  /** A user-assigned identity's resource id (`SystemAssigned` means the system identity). */
  identity?: string;
  principalId?: string;
  clientId?: string;
  /** Whose system-assigned identity; none: the identity of this Sluice instance. */
  workflowName?: string;
}

/** Namespace of every Sluice name-based UUID. */
const SLUICE_NAMESPACE = 'b1d7c9a2-5e4f-4c3b-9a8d-7f6e5d4c3b2a';

const USER_ASSIGNED_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i;

/** A version 5 (SHA-1, name-based) UUID of `name` under `namespace`. */
export function nameBasedUuid(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sluiceUuid(name: string): string {
  return nameBasedUuid(SLUICE_NAMESPACE, name);
}

export function isUserAssignedIdentityId(value: string): boolean {
  return USER_ASSIGNED_ID.test(value.trim());
}

/** The resource group path of this instance's own resources, shaped as ARM ids are. */
function instanceScope(tenantId: string): string {
  return `/subscriptions/${tenantId}/resourceGroups/sluice/providers`;
}

export function systemAssignedPrincipal(tenantId: string, workflowName: string): Principal {
  const key = `${tenantId.toLowerCase()}/workflows/${workflowName.toLowerCase()}`;
  return {
    kind: 'SystemAssigned',
    principalId: sluiceUuid(`principal:${key}`),
    clientId: sluiceUuid(`client:${key}`),
    resourceId: `${instanceScope(tenantId)}/Microsoft.Logic/workflows/${workflowName}`,
    workflowName,
  };
}

/** The identity of the Sluice instance itself (tokens asked for outside any workflow). */
export function instancePrincipal(tenantId: string): Principal {
  const key = `${tenantId.toLowerCase()}/instance`;
  return {
    kind: 'SystemAssigned',
    principalId: sluiceUuid(`principal:${key}`),
    clientId: sluiceUuid(`client:${key}`),
    resourceId: `${instanceScope(tenantId)}/Microsoft.Web/sites/sluice`,
  };
}

export function userAssignedPrincipal(resourceId: string): Principal {
  const id = resourceId.trim();
  if (!isUserAssignedIdentityId(id)) {
    throw new DefinitionError(
      'InvalidArgument',
      `'${resourceId}' is not the resource id of a user-assigned identity (/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}).`,
    );
  }
  const key = id.toLowerCase();
  return { kind: 'UserAssigned', principalId: sluiceUuid(`principal:${key}`), clientId: sluiceUuid(`client:${key}`), resourceId: id };
}

function isSystemAssignedWord(identity: string | undefined): boolean {
  return identity === undefined || identity.trim() === '' || identity.trim().toLowerCase() === 'systemassigned';
}

/**
 * The principals this instance knows. Resolving a workflow or a resource id always works (ids are
 * computed); looking one up by principal or client id finds those resolved or registered before,
 * since a name-based id cannot be turned back into its name.
 */
export class PrincipalDirectory {
  private readonly byId = new Map<string, Principal>();
  readonly instance: Principal;

  constructor(readonly tenantId: string) {
    this.instance = this.remember(instancePrincipal(tenantId));
  }

  registerWorkflow(workflowName: string): Principal {
    return this.remember(systemAssignedPrincipal(this.tenantId, workflowName));
  }

  registerUserAssigned(resourceId: string): Principal {
    return this.remember(userAssignedPrincipal(resourceId));
  }

  /** A principal by its principal (object) id or client id, if known. */
  find(id: string): Principal | undefined {
    return this.byId.get(id.trim().toLowerCase());
  }

  /** The principal a selector names; throws `InvalidArgument` or `NotFound` when it names none. */
  resolve(selector: IdentitySelector): Principal {
    const chosen = [selector.principalId, selector.clientId].filter((v) => v !== undefined).length + (isSystemAssignedWord(selector.identity) ? 0 : 1);
    if (chosen > 1) throw new DefinitionError('InvalidArgument', 'Name one identity only: a resource id, a principal id or a client id.');
    if (!isSystemAssignedWord(selector.identity)) return this.registerUserAssigned(selector.identity!);
    const id = selector.principalId ?? selector.clientId;
    if (id !== undefined) {
      const found = this.find(id);
      if (found === undefined) throw new SluiceError('NotFound', `No managed identity with the id '${id}' is known to this instance.`);
      return found;
    }
    return selector.workflowName === undefined ? this.instance : this.registerWorkflow(selector.workflowName);
  }

  private remember(principal: Principal): Principal {
    this.byId.set(principal.principalId, principal);
    this.byId.set(principal.clientId, principal);
    return principal;
  }
}
