import type { Value } from './value.js';

/**
 * What an expression can read of the run it belongs to. The workflow functions (`triggerBody()`,
 * `variables('x')`, `item()` ...) call this narrow interface and nothing else, so the interpreter,
 * the CLI and the tests each supply the run in their own way without exposing internals.
 * A method returns `undefined` for "there is no such thing here"; the function turns that into
 * the error Logic Apps gives.
 */
export interface RunView {
  /** The trigger record: `name`, `inputs`, `outputs` (`headers`, `body`, ...), `code`, `status` ... */
  trigger(): Value | undefined;
  /** The record of a named action (`name`, `inputs`, `outputs`, `status`, `code`, `startTime` ...). */
  action(name: string): Value | undefined;
  /** The record of the action being evaluated (trackedProperties, Until expressions, unsubscribe). */
  currentAction(): Value | undefined;
  parameter(name: string): Value | undefined;
  variable(name: string): Value | undefined;
  /** Current element of the innermost Foreach, or of Query/Select/Table. */
  item(): Value | undefined;
  /** Current element of the named enclosing Foreach. */
  items(loop: string): Value | undefined;
  /** Current 0-based index of the named enclosing Until (or Foreach). */
  iterationIndex(loop: string): number | undefined;
  /**
   * Records of the top-level actions inside the named Scope/Foreach/Until; without a name, of the
   * container the expression is evaluated in.
   */
  result(scope?: string): Value | undefined;
  workflow(): Value | undefined;
  callbackUrl(): string | undefined;
  appSetting(name: string): Value | undefined;
  /** The current instant as an ISO-8601 string (an injected clock; tests fix it). */
  now(): string;
  /** A uniform random number in [0, 1) (injected so runs can be replayed). */
  random(): number;
  /** A new random GUID in `D` format. */
  newGuid(): string;
}
