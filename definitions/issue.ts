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
  /** Pipelines (engine/pipelines/load-pipeline.ts): a step input names a step that does not exist. */
  | 'UnknownStep'
  /** A step input consumes an output its producer does not declare (consumed but never produced). */
  | 'UnknownStepOutput'
  /** An input, placeholder or assignment names a pipeline parameter that is not declared. */
  | 'UnknownPipelineParameter'
  /** `${{inputs.x}}` / `${{outputs.y}}` names an input or output the step does not declare. */
  | 'UnknownArgumentReference'
  /** A `${{...}}` placeholder that is malformed or of an unknown kind. */
  | 'InvalidArgumentPlaceholder'
  /** A scalar parameter bound as an input, or a DataPath parameter used as a scalar. */
  | 'InvalidParameterBinding'
  | 'StepCycle'
  /** A parameter default of the wrong type, missing, or a DataPath parameter without datastore/path. */
  | 'InvalidParameterDefault'
  /** `script` missing for python/node, `command` missing for the command runtime, or misplaced. */
  | 'InvalidStepEntryPoint'
  | 'UnknownComputeTarget'
  | 'DuplicateOutputPath'
  /** A datastore path with `..`, an absolute path, a backslash or an unknown `{placeholder}`. */
  | 'InvalidDatastorePath'
  | 'UnknownDatastore'
  /** A step's script or source directory is missing on disk (`sluice pipeline validate`). */
  | 'MissingSourceFile'
  /** A bug in Sluice: something threw where nothing should. */
  | 'InternalError';

export function issue(code: IssueCode, pointer: string, message: string, position?: number): Issue {
  return position === undefined ? { code, pointer, message } : { code, pointer, message, position };
}
