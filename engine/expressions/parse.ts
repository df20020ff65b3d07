/**
 * Recursive-descent parser for one expression (grammar: spec §6.3 with §11.29/§11.34):
 *
 *   expression := literal | call deref*
 *   call       := identifier '(' ( expression ( ',' expression )* )? ')'
 *   deref      := '?'? ( '.' identifier | '[' expression ']' )
 *
 * There are no operators and no array or object literals; dereferences attach only to call
 * results. Nesting is bounded so hostile input gets an error instead of a stack overflow.
 */
import type { AccessNode, Ast, CallNode, LiteralNode } from './ast.js';
import { ExpressionSyntaxError } from './expression-errors.js';
import { tokenize, type Token, type TokenType } from './tokenize.js';
import { makeFloat, makeInt, type Value } from './value.js';

/** Deepest nesting of calls and brackets accepted; real definitions stay far below it. */
export const MAX_NESTING_DEPTH = 128;

export interface ParseResult {
  readonly ast: Ast;
  /** The token that ended the expression: `eof`, or `}` when parsing an `@{...}` segment. */
  readonly terminator: Token;
}

/**
 * Parses one expression from `text[start, end)`. The expression must be followed by the end of the
 * range or, when `allowBrace`, by the `}` closing an interpolation segment.
 */
export function parseExpressionAt(text: string, start: number, end: number, allowBrace: boolean): ParseResult {
  const parser = new Parser(tokenize(text, start, end));
  const ast = parser.expression(0);
  const terminator = parser.peek();
  if (terminator.type !== 'eof' && !(allowBrace && terminator.type === '}')) {
    parser.unexpected(terminator, allowBrace ? "'}' to close the @{...} segment" : 'the end of the expression');
  }
  return { ast, terminator };
}

/** Parses a bare expression (no leading `@`), e.g. `concat('a', 'b')`. */
export function parseExpression(text: string): Ast {
  return parseExpressionAt(text, 0, text.length, false).ast;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private expect(type: TokenType, what: string): Token {
    const token = this.peek();
    if (token.type !== type) this.unexpected(token, what);
    return this.next();
  }

  unexpected(token: Token, expected: string): never {
    const found = token.type === 'eof' ? 'the end of the expression' : `'${token.text}'`;
    throw new ExpressionSyntaxError(`expected ${expected} at position ${token.start}, found ${found}`, {
      position: token.start,
      length: Math.max(1, token.end - token.start),
    });
  }

  expression(depth: number): Ast {
    if (depth > MAX_NESTING_DEPTH) {
      const token = this.peek();
      throw new ExpressionSyntaxError(
        `expression nested more than ${MAX_NESTING_DEPTH} levels deep at position ${token.start}`,
        { position: token.start },
      );
    }
    const token = this.next();
    switch (token.type) {
      case 'string':
        return literal(token, token.text.slice(1, -1).replace(/''/g, "'"));
      case 'number':
        return literal(token, numberValue(token));
      case 'identifier':
        return this.identifier(token, depth);
      default:
        return this.unexpected(token, 'a function call or a literal');
    }
  }

  private identifier(name: Token, depth: number): Ast {
    if (this.peek().type !== '(') {
      const keyword = name.text.toLowerCase();
      if (keyword === 'true' || keyword === 'false') return literal(name, keyword === 'true');
      if (keyword === 'null') return literal(name, null);
      this.unexpected(this.peek(), `'(' after the function name '${name.text}' (text values are written in single quotes)`);
    }
    this.next();
    const args: Ast[] = [];
    if (this.peek().type !== ')') {
      for (;;) {
        args.push(this.expression(depth + 1));
        if (this.peek().type !== ',') break;
        this.next();
      }
    }
    const close = this.expect(')', `',' or ')' in the arguments of '${name.text}'`);
    const call: CallNode = {
      type: 'call',
      name: name.text,
      args,
      span: { start: name.start, end: close.end },
      nameSpan: { start: name.start, end: name.end },
    };
    return this.derefs(call, depth);
  }

  private derefs(target: Ast, depth: number): Ast {
    let node = target;
    for (;;) {
      const token = this.peek();
      let optional = false;
      if (token.type === '?') {
        optional = true;
        this.next();
        const after = this.peek();
        if (after.type !== '.' && after.type !== '[') this.unexpected(after, "'.' or '[' after '?'");
      } else if (token.type !== '.' && token.type !== '[') {
        return node;
      }
      node = this.peek().type === '.' ? this.dotAccess(node, optional) : this.bracketAccess(node, optional, depth);
    }
  }

  private dotAccess(target: Ast, optional: boolean): AccessNode {
    this.next();
    const name = this.peek();
    if (name.type !== 'identifier' && name.type !== 'number') this.unexpected(name, "a property name after '.'");
    this.next();
    const key: LiteralNode = { type: 'literal', value: name.text, raw: name.text, span: { start: name.start, end: name.end } };
    return { type: 'access', target, key, optional, dot: true, span: { start: target.span.start, end: name.end } };
  }

  private bracketAccess(target: Ast, optional: boolean, depth: number): AccessNode {
    this.next();
    const key = this.expression(depth + 1);
    const close = this.expect(']', "']' to close the index");
    return { type: 'access', target, key, optional, dot: false, span: { start: target.span.start, end: close.end } };
  }

}

function literal(token: Token, value: Value): LiteralNode {
  return { type: 'literal', value, raw: token.text, span: { start: token.start, end: token.end } };
}

function numberValue(token: Token): Value {
  const text = token.text;
  if (/^[+-]?\d+$/.test(text)) {
    const value = makeInt(BigInt(text));
    if (value === undefined) {
      throw new ExpressionSyntaxError(
        `integer literal ${text} at position ${token.start} does not fit in 64 bits (write it as a float, e.g. ${text}.0)`,
        { position: token.start, length: text.length },
      );
    }
    return value;
  }
  return makeFloat(Number(text));
}
