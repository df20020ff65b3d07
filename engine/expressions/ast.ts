import type { Value } from './value.js';

/** Offsets into the whole string value as it stands in the definition: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LiteralNode {
  readonly type: 'literal';
  readonly value: Value;
  /** The literal's source text, so printing keeps `1.50` and `'it''s'` as written. */
  readonly raw: string;
  readonly span: Span;
}

export interface CallNode {
  readonly type: 'call';
  /** The name as written; matching is case-insensitive. */
  readonly name: string;
  readonly args: readonly Ast[];
  readonly span: Span;
  readonly nameSpan: Span;
}

/** `.name`, `['name']`, `[0]`, and their null-safe `?` forms. */
export interface AccessNode {
  readonly type: 'access';
  readonly target: Ast;
  readonly key: Ast;
  readonly optional: boolean;
  /** Written as `.name` rather than `[...]` (kept for printing). */
  readonly dot: boolean;
  readonly span: Span;
}

export type Ast = LiteralNode | CallNode | AccessNode;

/** Calls every function-call node of the tree, outermost first. */
export function forEachCall(ast: Ast, visit: (call: CallNode) => void): void {
  switch (ast.type) {
    case 'call':
      visit(ast);
      for (const arg of ast.args) forEachCall(arg, visit);
      return;
    case 'access':
      forEachCall(ast.target, visit);
      forEachCall(ast.key, visit);
      return;
    case 'literal':
      return;
  }
}
