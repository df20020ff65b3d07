/**
 * Failures of publishing and submission, carrying the HTTP status they deserve and, for bad
 * request bodies, one detail per offending field (`target` as Azure writes it:
 * `ParameterAssignments.alpha`), so both the Azure-shaped and the management API can name it.
 */
export interface ErrorDetail {
  target: string;
  message: string;
}

export class PublishingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'PublishingError';
  }
}

export function notFoundError(what: string): PublishingError {
  return new PublishingError(404, 'NotFound', what);
}

/** A 400 naming every field at fault; the message lists them so a reader of the message alone knows. */
export function invalidRequest(details: readonly ErrorDetail[]): PublishingError {
  const summary = details.map((d) => `${d.target}: ${d.message}`).join('; ');
  return new PublishingError(400, 'BadRequest', `The request is not valid: ${summary}`, details);
}
