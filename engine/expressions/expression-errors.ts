import { DefinitionError, type ErrorLocation } from '../errors.js';

/**
 * The text does not parse. `position` is the 0-based offset inside the whole string value as it
 * stands in the definition (so `@` and `@{` count), and the message says what was expected there.
 */
export class ExpressionSyntaxError extends DefinitionError {
  constructor(message: string, where: ErrorLocation & { position: number }) {
    super('ExpressionSyntaxError', message, { where });
  }
  get position(): number {
    return this.where.position!;
  }
}

/**
 * Evaluation failed. `message` names the function and argument in Sluice's words
 * (`length: argument 1 must be an array or a string, got object`); `detail` carries the same fact in
 * the Logic Apps runtime's wording, which the interpreter puts inside its InvalidTemplate error.
 */
export class ExpressionEvaluationError extends DefinitionError {
  readonly detail: string;
  constructor(message: string, options: { detail?: string; where?: ErrorLocation } = {}) {
    super('InvalidTemplate', message, { where: options.where ?? {} });
    this.detail = options.detail ?? message;
  }
}
