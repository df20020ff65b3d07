/**
 * The expression engine's public surface: parse (with source spans), compile once, evaluate many
 * times against a RunView. Pure: no I/O, no clock or randomness except through the view.
 */
export type { Ast, CallNode, AccessNode, LiteralNode, Span } from './ast.js';
export { forEachCall } from './ast.js';
export { parseExpression, MAX_NESTING_DEPTH } from './parse.js';
export { parseTemplate, mayBeExpression, type Template } from './template.js';
export { compileExpression, evaluate, checkArity, type Evaluator } from './evaluate.js';
export { compileTemplate, compileParsedTemplate, evaluateTemplate } from './compile.js';
export { printExpression, printTemplate } from './print.js';
export { contextView, parseEvalContext, type EvalContext } from './context-view.js';
export { ExpressionSyntaxError, ExpressionEvaluationError } from './expression-errors.js';
export { FUNCTIONS, lookupFunction, type FunctionDef } from './functions/index.js';
export type { RunView } from './run-view.js';
export * from './value.js';
