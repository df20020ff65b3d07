/**
 * A problem found in a definition. Validators collect every issue instead of stopping at the first,
 * so a user fixes a file in one pass (CONVENTIONS §8). `code` is stable and meant for programs;
 * `message` is for people and names the action, trigger, type or connector at fault.
 */
export interface Issue {
  readonly code: IssueCode;
  /** JSON pointer (RFC 6901) into the document as the caller passed it (wrappers included). */
  readonly pointer: string;
  readonly message: string;
  /** 0-based offset inside the string at `pointer` (expression errors only). */
  readonly position?: number;
}

export type IssueCode =
  /** The JSON Schema of the definition language rejected a value. */
  | 'SchemaViolation'
  /** The document holds no workflow definition (not a definition, workflow.json or ARM resource). */
  | 'NotADefinition'
  /** A value is an unresolved ARM template expression such as `[parameters('x')]`. */
  | 'ArmTemplateExpression'
  | 'UnsupportedTriggerType'
  | 'UnsupportedActionType'
  /** A managed (ApiConnection) or built-in (ServiceProvider) connector operation Sluice lacks. */
  | 'UnsupportedConnector'
  | 'UnknownRunAfterTarget'
  | 'UnknownRunAfterStatus'
  | 'RunAfterCycle'
  | 'DuplicateActionName'
  | 'VariableNotTopLevel'
  | 'DuplicateVariable'
  | 'UndeclaredVariable'
  | 'ExpressionSyntax'
  | 'UnknownFunction'
  | 'WrongArgumentCount'
  /** `parameters('x')` names a parameter the definition does not declare (callers may supply it). */
  | 'UndeclaredParameter'
  /** `body('X')`, `outputs('X')`, ... name an action that does not exist. */
  | 'UnknownActionReference'
  /** runtimeConfiguration.staticResult names an entry missing from staticResults. */
  | 'UnknownStaticResult'
  | 'InvalidParameterValue'
  | 'ResponseWithoutRequestTrigger'
  | 'LimitExceeded'
  /** File-level problems reported by `sluice validate`. */
  | 'FileUnreadable'
  | 'InvalidJson'
  /** A bug in Sluice: something threw where nothing should. */
  | 'InternalError';

export function issue(code: IssueCode, pointer: string, message: string, position?: number): Issue {
  return position === undefined ? { code, pointer, message } : { code, pointer, message, position };
}
