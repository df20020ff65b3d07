/**
 * Typed errors. Every failure Sluice reports carries a stable `code`, where it happened and whether
 * a retry could help, so callers (the validator, the interpreter, the REST API, IPC) branch on data
 * rather than on `instanceof` or message text.
 */

export type ErrorCode =
  | 'ExpressionSyntaxError'
  | 'ExpressionTooDeep'
  | 'InvalidTemplate'
  | 'DefinitionInvalid'
  | 'InvalidArgument'
  | 'NotFound'
  | 'WorkflowDisabled'
  | 'TooManyRuns'
  | 'Unauthorized'
  | 'IdentityUnavailable'
  | 'ConnectionNotFound'
  | 'StorageUnavailable'
  | 'InternalError';

export interface ErrorLocation {
  /** JSON pointer of the property (RFC 6901) inside a definition or a document. */
  pointer?: string;
  /** 0-based character offset inside the string at `pointer` (or the expression text). */
  position?: number;
  /** Length of the offending text, when known. */
  length?: number;
  /** Name of the function at fault (expression evaluation). */
  function?: string;
  /** 1-based argument index at fault (expression evaluation). */
  argument?: number;
  action?: string;
  run?: string;
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  where?: ErrorLocation;
  retryable: boolean;
}

export class SluiceError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorLocation;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { where?: ErrorLocation; retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.where = options.where ?? {};
    this.retryable = options.retryable ?? false;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, where: this.where, retryable: this.retryable };
  }
}

/** A problem with what the user wrote: a definition, an expression, an argument. Never retried. */
export class DefinitionError extends SluiceError {}

/** An operational failure that may succeed later (network, a busy store). */
export class TransientError extends SluiceError {
  constructor(code: ErrorCode, message: string, options: { where?: ErrorLocation; cause?: unknown } = {}) {
    super(code, message, { ...options, retryable: true });
  }
}

/** A bug in Sluice itself. */
export class InternalError extends SluiceError {
  constructor(message: string, options: { where?: ErrorLocation; cause?: unknown } = {}) {
    super('InternalError', message, options);
  }
}

/** Wraps anything thrown into a SluiceError so nothing untyped escapes a public entry point. */
export function asSluiceError(err: unknown): SluiceError {
  if (err instanceof SluiceError) return err;
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new DefinitionError('ExpressionTooDeep', 'the value is nested too deeply to process', { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(`unexpected failure: ${message}`, { cause: err });
}
