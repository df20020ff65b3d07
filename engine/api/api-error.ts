/**
 * Errors the REST API answers with. Every failure leaves the server as `{ code, message, issues? }`
 * (the public surface), so clients branch on `code` and show `message` as it stands.
 */
import type { Issue } from '../../definitions/issue.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly Issue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'NotFound', message);
}

export function badRequest(code: string, message: string, issues?: readonly Issue[]): ApiError {
  return new ApiError(400, code, message, issues);
}

/** A request property that is missing or has the wrong type: one issue with its pointer. */
export function invalidArgument(pointer: string, message: string): ApiError {
  return badRequest('InvalidArgument', `${pointer}: ${message}`, [{ code: 'SchemaViolation', pointer, message }]);
}
