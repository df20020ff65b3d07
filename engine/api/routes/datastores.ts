/**
 * `/api/datastores`: the configured datastores, and their files — upload raw bytes (PUT), download
 * (GET), list one folder level (`GET …/files?prefix=folder`). Paths are blob paths inside the
 * datastore: `..`, `.`, absolute paths and backslashes are refused with 400 before any storage is
 * touched, so nothing outside a datastore's root is read or written.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { SluiceError } from '../../errors.js';
import type { Value } from '../../expressions/value.js';
import { unsafeRelativePath } from '../../pipelines/submission.js';
import { ApiError, badRequest } from '../api-error.js';
import { plainValue, sendJson } from '../json-response.js';
import { configuredPipelines, type DatastoreCatalog } from './pipelines-deps.js';
import type { PipelinesDeps } from './pipelines-deps.js';

function catalog(deps: PipelinesDeps | undefined): DatastoreCatalog {
  const datastores = configuredPipelines(deps).datastores;
  if (datastores === undefined) throw new ApiError(404, 'DatastoresNotConfigured', 'Datastores are not configured on this instance.');
  return datastores;
}

function known(datastores: DatastoreCatalog, name: string): void {
  if (!datastores.names().includes(name)) throw new ApiError(404, 'NotFound', `No datastore is named '${name}'; configured: ${datastores.names().join(', ') || 'none'}.`);
}

/** The wildcard's segments (express 5 gives an array) as one checked blob path. */
function blobPath(req: Request): string {
  const raw: unknown = req.params['path'];
  const segments = Array.isArray(raw) ? (raw as string[]) : [String(raw ?? '')];
  const path = segments.join('/');
  if (segments.some((s) => s === '')) throw badRequest('InvalidPath', `'${path}' has an empty segment`);
  const unsafe = unsafeRelativePath(path);
  if (unsafe !== undefined) throw badRequest('InvalidPath', `the path '${path}' ${unsafe}`);
  return path;
}

function checkedPrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const unsafe = unsafeRelativePath(prefix.replace(/\/+$/, ''));
  if (unsafe !== undefined) throw badRequest('InvalidPath', `the prefix '${prefix}' ${unsafe}`);
  return prefix;
}

function route(deps: PipelinesDeps | undefined, body: (req: Request, res: Response, datastores: DatastoreCatalog) => Promise<void> | void): RequestHandler {
  return async (req, res) => body(req, res, catalog(deps));
}

export function registerDatastoreRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  router.get('/api/datastores', route(deps, (_req, res, datastores) => {
    // A datastore whose connection is missing is listed with the reason, not a failure of the whole list.
    const value = datastores.names().map((name): Value => {
      try {
        const store = datastores.open(name);
        return { name, kind: store.kind, container: store.container };
      } catch (err) {
        return { name, error: { code: err instanceof SluiceError ? err.code : 'InternalError', message: err instanceof Error ? err.message : String(err) } };
      }
    });
    sendJson(res, 200, { value });
  }));

  router.get('/api/datastores/:name/files', route(deps, async (req, res, datastores) => {
    const name = req.params['name'] as string;
    known(datastores, name);
    const prefix = req.query['prefix'];
    if (prefix !== undefined && typeof prefix !== 'string') throw badRequest('InvalidArgument', "The query parameter 'prefix' must be given once.");
    const entries = await datastores.open(name).list(checkedPrefix(prefix));
    sendJson(res, 200, { value: plainValue(entries) });
  }));

  router.put('/api/datastores/:name/files/*path', route(deps, async (req, res, datastores) => {
    const name = req.params['name'] as string;
    const path = blobPath(req);
    known(datastores, name);
    const bytes: unknown = req.body;
    const data = Buffer.isBuffer(bytes) ? bytes : Buffer.alloc(0);
    const contentType = req.get('content-type');
    await datastores.open(name).write(path, data, contentType === undefined || contentType === 'application/octet-stream' ? {} : { contentType });
    sendJson(res, 201, { datastore: name, path, size: data.length });
  }));

  router.get('/api/datastores/:name/files/*path', route(deps, async (req, res, datastores) => {
    const name = req.params['name'] as string;
    const path = blobPath(req);
    known(datastores, name);
    const data = await datastores.open(name).read(path);
    res.status(200).type('application/octet-stream').send(data);
  }));
}
