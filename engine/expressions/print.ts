/**
 * Prints an AST back to expression text (without the leading `@`). Parsing the printed text gives
 * the same tree again, which the property tests check; designers and error messages use it too.
 */
import type { Ast } from './ast.js';
import type { Template } from './template.js';

export function printExpression(ast: Ast): string {
  switch (ast.type) {
    case 'literal':
      return printLiteral(ast.raw, ast.value);
    case 'call':
      return `${ast.name}(${ast.args.map(printExpression).join(', ')})`;
    case 'access': {
      const target = printExpression(ast.target);
      const q = ast.optional ? '?' : '';
      if (ast.dot && typeof ast.key.type === 'string' && ast.key.type === 'literal') return `${target}${q}.${ast.key.raw}`;
      return `${target}${q}[${printExpression(ast.key)}]`;
    }
  }
}

function printLiteral(raw: string, value: unknown): string {
  if (typeof value === 'string' && !raw.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return raw;
}

/** Prints a parsed string value back to the text it came from (modulo whitespace). */
export function printTemplate(template: Template): string {
  switch (template.kind) {
    case 'literal':
      return template.value.startsWith('@') ? `@${template.value}` : template.value.replace(/@\{/g, '@@{');
    case 'expression':
      return `@${printExpression(template.ast)}`;
    case 'interpolation':
      return template.parts
        .map((part) => (typeof part === 'string' ? part.replace(/@\{/g, '@@{') : `@{${printExpression(part)}}`))
        .join('');
  }
}
