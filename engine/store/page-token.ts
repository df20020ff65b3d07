/**
 * Keyset paging for history lists. A page ends at its last row; the continuation token carries
 * that row's sort key (time, id), so the next page starts strictly after it however many rows were
 * inserted or purged meanwhile. The token is opaque to callers (base64url JSON).
 */
import { DefinitionError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 250;

export interface PagePosition {
  time: string;
  id: string;
}

export function encodeSkipToken(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.time, position.id]), 'utf8').toString('base64url');
}

export function decodeSkipToken(token: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new DefinitionError('InvalidArgument', 'the skip token is not valid');
  }
  return { time: parsed[0], id: parsed[1] };
}

/** The page size asked for: at least 1; more than MAX_PAGE_SIZE reads as MAX_PAGE_SIZE. */
export function pageSize(top: number | undefined): number {
  if (top === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(top) || top < 1) throw new DefinitionError('InvalidArgument', `top must be a positive integer (got ${String(top)})`);
  return Math.min(top, MAX_PAGE_SIZE);
}
