/**
 * The express app `sluice serve` runs: the management API (workflows, triggers, runs), the
 * designer at `/` (last, so it never shadows an API route), the playground page and its services, and the OpenAPI description. One raw-body parser serves every
 * route (bodies are read with the value model's JSON parser); the last middlewares turn unknown
 * routes and every error into `{ code, message, issues? }`.
 */
import express from 'express';
import type { HookConfig } from '../config.js';
import type { EngineService } from '../runtime/engine-types.js';
import type { Store } from '../store/store.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { DEFAULT_MAX_BODY_BYTES, rawBodyParser } from './request-body.js';
import { registerConnectorRoutes, type ConnectorTypes } from './routes/connectors.js';
import { registerIdentityRoutes, type IdentityDeps } from './routes/identity.js';
import { registerOpenApiRoutes } from './routes/openapi.js';
import { registerDatastoreRoutes } from './routes/datastores.js';
import { registerPipelineAmlRoutes } from './routes/pipelines-aml.js';
import type { PipelinesDeps } from './routes/pipelines-deps.js';
import { registerPipelineManagementRoutes } from './routes/pipelines-management.js';
import { registerCallbackUrlRoutes } from './routes/callback-urls.js';
import { registerDesignerRoutes } from './routes/designer.js';
import { registerPlaygroundRoutes } from './routes/playground.js';
import { registerRequestTriggerRoutes } from './routes/request-trigger.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerScheduleRoutes, type ScheduleDeps } from './routes/schedules.js';
import { registerTriggerRoutes } from './routes/triggers.js';
import { registerWorkflowRoutes } from './routes/workflows.js';
import { createTriggerEndpoint, DEFAULT_REQUEST_TRIGGER_TIMEOUT_MS, type TriggerEndpoint } from './trigger-endpoint.js';

export interface AppOptions {
  engine: EngineService;
  store: Store;
  /** Prefix of absolute links (the `Location` of accepted runs); relative when absent. */
  baseUrl?: string;
  /** Largest request body accepted. @default 16 MiB */
  maxBodyBytes?: number;
  /**
   * How long a call to a request trigger waits for the run's Response before it gets 504 (the
   * late Response then fails with ActionResponseTimedOut). @default 120000, Logic Apps' limit
   */
  requestTriggerTimeoutMs?: number;
  /** Managed identity: the token endpoint and JWKS (their routes answer 404 without it). */
  identity?: IdentityDeps;
  /** The connector registry's type declarations, served at `/api/connectors`. */
  connectors?: ConnectorTypes;
  /** Pipelines: the Azure-shaped REST, publishing, runs, datastores (their routes answer 404 without it). */
  pipelines?: PipelinesDeps;
  /** Pipeline schedules (`/api/schedules` answers 404 SchedulesNotConfigured without them). */
  schedules?: ScheduleDeps;
  /** Request triggers served at `/hooks/{name}` without a signature (sluice.config.json `hooks`). */
  hooks?: Readonly<Record<string, HookConfig>>;
  /** The designer's build served at `/`. @default the repository's `ui/dist` */
  designerDir?: string;
  /**
   * The request-trigger endpoint the app's invoke and hook routes hand calls to; the server passes
   * the one it also puts in front of express. @default one made from these options
   */
  triggerEndpoint?: TriggerEndpoint;
}

/** The request-trigger endpoint for these options (its paths are served outside express too). */
export function createAppTriggerEndpoint(options: AppOptions): TriggerEndpoint {
  return createTriggerEndpoint({
    engine: options.engine,
    store: options.store,
    timeoutMs: options.requestTriggerTimeoutMs ?? DEFAULT_REQUEST_TRIGGER_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    hooks: options.hooks,
  });
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Request-trigger calls read their own body, so their routes come before the body parser.
  registerRequestTriggerRoutes(app, options.triggerEndpoint ?? createAppTriggerEndpoint(options));
  app.use(rawBodyParser(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  const deps = { engine: options.engine, store: options.store, baseUrl: (options.baseUrl ?? '').replace(/\/+$/, '') };
  registerPlaygroundRoutes(app);
  registerOpenApiRoutes(app);
  registerConnectorRoutes(app, options.connectors);
  registerWorkflowRoutes(app, deps);
  registerTriggerRoutes(app, deps);
  registerRunRoutes(app, deps);
  registerCallbackUrlRoutes(app, deps);
  registerIdentityRoutes(app, { identity: options.identity, baseUrl: deps.baseUrl });
  registerScheduleRoutes(app, options.schedules);
  registerPipelineAmlRoutes(app, options.pipelines);
  registerPipelineManagementRoutes(app, options.pipelines);
  registerDatastoreRoutes(app, options.pipelines);
  registerDesignerRoutes(app, options.designerDir);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
