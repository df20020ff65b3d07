/**
 * Failures of the benchmark machinery itself (a server that does not start, a load generator that
 * prints nothing, a wrong answer under load). A stable `code` lets the orchestrating scripts tell
 * "the engine answered wrongly" from "the harness broke" without parsing messages.
 */
export type BenchErrorCode =
  | 'ServerStartFailed'
  | 'ServerExited'
  | 'WrongAnswer'
  | 'LoadFailed'
  | 'NotLoopback'
  | 'BadResults';

export class BenchError extends Error {
  readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BenchError';
    this.code = code;
  }
}

/** Benchmarks only ever load this machine's loopback interface. */
export function assertLoopback(url: string): void {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new BenchError('NotLoopback', `refusing to load a non-loopback target: ${url}`);
}
