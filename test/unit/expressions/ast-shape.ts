import type { Ast } from '../../../engine/expressions/index.js';
import { toJsonText } from '../../../engine/expressions/index.js';

/** An AST without source spans and raw text, for comparing trees parsed from different texts. */
export function shape(ast: Ast): unknown {
  switch (ast.type) {
    case 'literal':
      return { lit: toJsonText(ast.value), kind: typeof ast.value === 'object' && ast.value !== null ? ast.value.constructor.name : typeof ast.value };
    case 'call':
      return { call: ast.name, args: ast.args.map(shape) };
    case 'access':
      return { target: shape(ast.target), key: shape(ast.key), optional: ast.optional };
  }
}
