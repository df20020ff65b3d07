/**
 * Turns request parts (bodies, query strings) into the typed inputs the services take. Every
 * problem is a 400 naming the property with its pointer, so handlers never validate by hand.
 */
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { isObject, toPlain, type Value } from '../expressions/value.js';
import type { RunStatus } from '../interpreter/run-state.js';
import type { RunQuery, WorkflowState } from '../store/store.js';
import { invalidArgument } from './api-error.js';

/** Letters, digits and `_ . ( ) -`, up to 80 characters: safe in a URL path and a file name. */
const WORKFLOW_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.()-]{0,79}$/;

export interface WorkflowPut {
  definition: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  state?: WorkflowState;
}

export function parseWorkflowName(name: string): string {
  if (!WORKFLOW_NAME.test(name)) {
    throw invalidArgument('/name', `'${name}' is not a valid workflow name: use up to 80 letters, digits and _ . ( ) -, starting with a letter, digit or _`);
  }
  return name;
}

function plainObject(value: Value): Record<string, unknown> {
  return toPlain(value) as Record<string, unknown>;
}

/**
 * `{ definition, parameters?, state? }`; the ARM form `{ properties: { ... } }` is accepted too, so
 * a workflow resource exported from Azure can be sent as it is. Definitions are stored as plain
 * JSON, as the loader reads them.
 */
export function parseWorkflowPut(body: Value | undefined): WorkflowPut {
  if (!isObject(body)) throw invalidArgument('', 'the body must be a JSON object with "definition"');
  const source = body['definition'] === undefined && isObject(body['properties']) ? body['properties'] : body;
  const base = source === body ? '' : '/properties';
  const definition = source['definition'];
  if (definition === undefined) throw invalidArgument(`${base}/definition`, 'is required');
  if (!isObject(definition)) throw invalidArgument(`${base}/definition`, 'must be a JSON object');
  const parameters = source['parameters'];
  if (parameters !== undefined && !isObject(parameters)) throw invalidArgument(`${base}/parameters`, 'must be a JSON object');
  const state = source['state'];
  if (state !== undefined && state !== 'Enabled' && state !== 'Disabled') throw invalidArgument(`${base}/state`, "must be 'Enabled' or 'Disabled'");
  const put: WorkflowPut = { definition: plainObject(definition) };
  if (parameters !== undefined) put.parameters = plainObject(parameters);
  if (state !== undefined) put.state = state;
  return put;
}

const RUN_STATUSES: readonly RunStatus[] = ['Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut'];

function queryText(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`/query/${name}`, 'must be given once');
  return value;
}

function parseTop(text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const top = Number(text);
  if (!/^\d+$/.test(text) || top < 1 || top > max) throw invalidArgument('/query/top', `must be an integer from 1 to ${max}, got '${text}'`);
  return top;
}

function parseTime(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) throw invalidArgument(`/query/${name}`, `must be an ISO 8601 time, got '${text}'`);
  return new Date(ms).toISOString();
}

export const MAX_PAGE_SIZE = 250;

/** `?status=&top=&skipToken=&startTimeFrom=&startTimeTo=` of the runs list. */
export function parseRunQuery(req: Request): RunQuery {
  const query: RunQuery = {};
  const status = queryText(req, 'status');
  if (status !== undefined) {
    const canonical = RUN_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase());
    if (canonical === undefined) throw invalidArgument('/query/status', `must be one of ${RUN_STATUSES.join(', ')}, got '${status}'`);
    query.status = canonical;
  }
  const top = parseTop(queryText(req, 'top'), MAX_PAGE_SIZE);
  if (top !== undefined) query.top = top;
  const skipToken = queryText(req, 'skipToken');
  if (skipToken !== undefined) query.skipToken = skipToken;
  const from = parseTime('startTimeFrom', queryText(req, 'startTimeFrom'));
  if (from !== undefined) query.from = from;
  const to = parseTime('startTimeTo', queryText(req, 'startTimeTo'));
  if (to !== undefined) query.to = to;
  return query;
}

/** `?top=&skipToken=` of trigger histories. */
export function parsePageQuery(req: Request): { top?: number; skipToken?: string } {
  const page: { top?: number; skipToken?: string } = {};
  const top = parseTop(queryText(req, 'top'), MAX_PAGE_SIZE);
  if (top !== undefined) page.top = top;
  const skipToken = queryText(req, 'skipToken');
  if (skipToken !== undefined) page.skipToken = skipToken;
  return page;
}

/**
 * Headers and query of a call, as a request trigger's outputs carry them. They take node's request
 * (express's extends it), so the trigger endpoint outside express builds them the same way.
 */
export function requestHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function requestQueries(req: Request): Record<string, string> {
  return queryValues(req.query);
}

/** A parsed query (`node:querystring`, express's simple parser): repeated names join with `,`. */
export function queryValues(query: Readonly<Record<string, unknown>>): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') queries[name] = value;
    else if (Array.isArray(value)) queries[name] = value.map(String).join(',');
  }
  return queries;
}
