/**
 * Property tests: the parser's contract holds on any input, not just the cases we thought of.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ExpressionSyntaxError,
  parseTemplate,
  printExpression,
  printTemplate,
  type Ast,
  type Template,
} from '../../../engine/expressions/index.js';
import { shape } from './ast-shape.js';

/** Parses or returns the typed error; anything else fails the property. */
function parseOrError(text: string): Template | ExpressionSyntaxError {
  try {
    return parseTemplate(text);
  } catch (err) {
    if (err instanceof ExpressionSyntaxError) return err;
    throw err;
  }
}

function templateShape(t: Template): unknown {
  switch (t.kind) {
    case 'literal':
      return t;
    case 'expression':
      return { expression: shape(t.ast) };
    case 'interpolation':
      return { parts: t.parts.map((p) => (typeof p === 'string' ? p : shape(p))) };
  }
}

/** Text drawn mostly from the characters the grammar cares about, so it gets past the first token. */
const grammarChar = fc.constantFrom(
  '@', '{', '}', '(', ')', '[', ']', '.', ',', '?', "'", "''", ' ', '-', '+', 'e', '1', '0.5',
  'concat', 'f', 'true', 'null', 'x', '"', '\n', 'é', '😀',
);
const grammarText = fc.array(grammarChar, { maxLength: 400 }).map((parts) => parts.join('').slice(0, 4096));

const identifier = fc.constantFrom('concat', 'f', 'triggerBody', 'body', 'add', 'x1', 'a_b', 'Ünïcode');
const stringLiteral = fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`);
const numberLiteral = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => (Number.isInteger(d) ? `${d}.0` : String(d))).filter((s) => !/e/i.test(s)),
);
const keyword = fc.constantFrom('true', 'false', 'null', 'TRUE', 'Null');

/** Random expression text that is valid by construction. */
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  literal: fc.oneof(stringLiteral, numberLiteral, keyword),
  call: fc
    .tuple(identifier, fc.array(tie('expr') as fc.Arbitrary<string>, { maxLength: 3 }), fc.array(tie('deref') as fc.Arbitrary<string>, { maxLength: 2 }))
    .map(([name, args, derefs]) => `${name}(${args.join(', ')})${derefs.join('')}`),
  deref: fc.oneof(
    fc.tuple(fc.boolean(), identifier).map(([q, name]) => `${q ? '?' : ''}.${name}`),
    fc.tuple(fc.boolean(), fc.oneof(stringLiteral, fc.nat(20).map(String))).map(([q, key]) => `${q ? '?' : ''}[${key}]`),
  ),
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('literal') as fc.Arbitrary<string>, tie('call') as fc.Arbitrary<string>),
})).expr;

describe('parser properties', function () {
  this.timeout(60_000);

  it('on any text up to 4 KB returns a template or a typed syntax error', function () {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 4096 }), fc.string({ unit: 'binary', maxLength: 4096 }), grammarText), (text) => {
        const result = parseOrError(text);
        if (result instanceof ExpressionSyntaxError) {
          assert.ok(result.position >= 0 && result.position <= text.length, `position ${result.position} outside the text`);
          assert.ok(result.message.length > 0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('on the grammar alphabet every outcome is typed, and errors carry a position inside the text', function () {
    fc.assert(
      fc.property(grammarText.map((t) => `@${t}`), (text) => {
        const result = parseOrError(text);
        if (result instanceof ExpressionSyntaxError) assert.ok(result.position <= text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('parses every generated valid expression', function () {
    fc.assert(
      fc.property(expression, (text) => {
        const result = parseOrError(`@${text}`);
        assert.ok(!(result instanceof ExpressionSyntaxError), `${text}: ${result instanceof Error ? result.message : ''}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('printing an AST and parsing it again gives the same AST', function () {
    fc.assert(
      fc.property(expression, (text) => {
        const first = parseTemplate(`@${text}`) as Extract<Template, { kind: 'expression' }>;
        const printed = printExpression(first.ast as Ast);
        const second = parseTemplate(`@${printed}`) as Extract<Template, { kind: 'expression' }>;
        assert.deepEqual(shape(second.ast), shape(first.ast), `${text} printed as ${printed}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips whole strings: literals, escapes and interpolations', function () {
    const piece = fc.oneof(
      expression.map((e) => `@{${e}}`),
      fc.string({ maxLength: 10 }).filter((s) => !s.includes('@')),
      fc.constant('@@{'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), (text) => {
        const first = parseOrError(text);
        if (first instanceof ExpressionSyntaxError) return;
        const again = parseTemplate(printTemplate(first));
        assert.deepEqual(templateShape(again), templateShape(first), text);
      }),
      { numRuns: 2000 },
    );
  });
});
