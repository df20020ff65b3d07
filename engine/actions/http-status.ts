/**
 * HTTP status codes as Logic Apps names them in an action's `code`: the name of .NET's
 * `HttpStatusCode` member (`OK`, `Created`, `NotFound`, `InternalServerError`), or the number as
 * text when .NET has no name for it. Where .NET has two names for one code (300, 301, 302, 303, 307)
 * the one matching the HTTP reason phrase is used.
 *
 * An HTTP-style action (Http, Workflow) succeeds on 2xx and fails otherwise; 408, 429 and 5xx are
 * worth retrying under the action's retry policy (spec §4.1).
 */
import type { ActionResult } from './descriptor.js';

const NAMES: Record<number, string> = {
  100: 'Continue', 101: 'SwitchingProtocols', 102: 'Processing', 103: 'EarlyHints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'NonAuthoritativeInformation', 204: 'NoContent',
  205: 'ResetContent', 206: 'PartialContent', 207: 'MultiStatus', 208: 'AlreadyReported', 226: 'IMUsed',
  300: 'MultipleChoices', 301: 'MovedPermanently', 302: 'Found', 303: 'SeeOther', 304: 'NotModified',
  305: 'UseProxy', 306: 'Unused', 307: 'TemporaryRedirect', 308: 'PermanentRedirect',
  400: 'BadRequest', 401: 'Unauthorized', 402: 'PaymentRequired', 403: 'Forbidden', 404: 'NotFound',
  405: 'MethodNotAllowed', 406: 'NotAcceptable', 407: 'ProxyAuthenticationRequired', 408: 'RequestTimeout',
  409: 'Conflict', 410: 'Gone', 411: 'LengthRequired', 412: 'PreconditionFailed', 413: 'RequestEntityTooLarge',
  414: 'RequestUriTooLong', 415: 'UnsupportedMediaType', 416: 'RequestedRangeNotSatisfiable',
  417: 'ExpectationFailed', 421: 'MisdirectedRequest', 422: 'UnprocessableEntity', 423: 'Locked',
  424: 'FailedDependency', 426: 'UpgradeRequired', 428: 'PreconditionRequired', 429: 'TooManyRequests',
  431: 'RequestHeaderFieldsTooLarge', 451: 'UnavailableForLegalReasons',
  500: 'InternalServerError', 501: 'NotImplemented', 502: 'BadGateway', 503: 'ServiceUnavailable',
  504: 'GatewayTimeout', 505: 'HttpVersionNotSupported', 506: 'VariantAlsoNegotiates',
  507: 'InsufficientStorage', 508: 'LoopDetected', 510: 'NotExtended', 511: 'NetworkAuthenticationRequired',
};

export function statusCodeName(statusCode: number): string {
  return NAMES[statusCode] ?? String(statusCode);
}

/** 408, 429 and 5xx: the failures a retry policy retries. */
export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 429 || (statusCode >= 500 && statusCode <= 599);
}

/**
 * The result of an HTTP-style action from its final response: Succeeded on 2xx, otherwise Failed
 * with the status name as code. Logic Apps leaves the details of a failed call in `outputs.body`;
 * the `error` here says which status came back, so run history and `result()` show why.
 */
export function resultFromStatus(statusCode: number, outputs: ActionResult['outputs'], what: string): ActionResult {
  const code = statusCodeName(statusCode);
  if (statusCode >= 200 && statusCode <= 299) return { status: 'Succeeded', code, outputs };
  return {
    status: 'Failed',
    code,
    outputs,
    error: { code, message: `${what} failed with status code ${statusCode} '${code}'.` },
    retryable: isRetryableStatus(statusCode),
  };
}
