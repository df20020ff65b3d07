/**
 * Writes JSON with the value model's own writer: integral floats keep `.0`, 64-bit integers stay
 * exact and member order is kept, so what a client reads is what the workflow saw.
 */
import type { Response } from 'express';
import { toJsonText, type Value, type ValueObject } from '../expressions/value.js';

export function sendJson(res: Response, status: number, body: Value): void {
  const text = toJsonText(body);
  res.status(status).type('application/json; charset=utf-8').send(text);
}

/** Drops members that are `undefined`, so optional properties are absent rather than null. */
export function compact(members: Record<string, Value | undefined>): ValueObject {
  const out: ValueObject = {};
  for (const [key, value] of Object.entries(members)) if (value !== undefined) out[key] = value;
  return out;
}

/** Stored JSON (definitions, parameters) is plain JSON, which is a valid value as it stands. */
export function plainValue(json: unknown): Value {
  return json as Value;
}
