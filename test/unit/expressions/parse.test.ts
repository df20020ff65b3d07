import assert from 'node:assert/strict';
import {
  ExpressionSyntaxError,
  Float,
  MAX_NESTING_DEPTH,
  parseExpression,
  parseTemplate,
  type Ast,
} from '../../../engine/expressions/index.js';

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseTemplate(text);
  } catch (err) {
    assert.ok(err instanceof ExpressionSyntaxError, `expected ExpressionSyntaxError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parser', function () {
  it('parses nested calls with spans pointing into the source', function () {
    const ast = parseExpression("concat('a', string(add(1, 2)))");
    assert.equal(ast.type, 'call');
    const call = ast as Extract<Ast, { type: 'call' }>;
    assert.equal(call.name, 'concat');
    assert.equal(call.args.length, 2);
    assert.deepEqual(call.span, { start: 0, end: 30 });
    const inner = call.args[1] as Extract<Ast, { type: 'call' }>;
    assert.equal(inner.name, 'string');
    assert.deepEqual(inner.nameSpan, { start: 12, end: 18 });
  });

  it("unescapes '' inside string literals", function () {
    const ast = parseExpression("concat('it''s', '''')");
    assert.equal(ast.type, 'call');
    const args = (ast as Extract<Ast, { type: 'call' }>).args;
    assert.deepEqual(args.map((a) => (a.type === 'literal' ? a.value : undefined)), ["it's", "'"]);
  });

  it('reads integers, floats, signs, exponents and case-insensitive keywords', function () {
    const values = ['f(42)', 'f(-7)', 'f(+3)', 'f(2.5)', 'f(1.0)', 'f(1e3)', 'f(-.5)', 'f(TRUE)', 'f(False)', 'f(NULL)'].map((t) => {
      const call = parseExpression(t) as Extract<Ast, { type: 'call' }>;
      const lit = call.args[0]!;
      return lit.type === 'literal' ? lit.value : undefined;
    });
    assert.deepEqual(values.slice(0, 4), [42, -7, 3, 2.5]);
    assert.ok(values[4] instanceof Float && values[4].value === 1, 'an integral float literal stays a float');
    assert.ok(values[5] instanceof Float && values[5].value === 1000);
    assert.equal(values[6], -0.5);
    assert.deepEqual(values.slice(7), [true, false, null]);
  });

  it('keeps 64-bit integers exact and rejects larger integer literals', function () {
    const call = parseExpression('f(9223372036854775807)') as Extract<Ast, { type: 'call' }>;
    assert.equal((call.args[0] as Extract<Ast, { type: 'literal' }>).value, 9223372036854775807n);
    assert.throws(() => parseExpression('f(9223372036854775808)'), /does not fit in 64 bits/);
  });

  it('parses member access, indexes and their null-safe forms', function () {
    const ast = parseExpression("body('x')?['items'][0].name?.first");
    const chain: string[] = [];
    let node: Ast = ast;
    while (node.type === 'access') {
      chain.push(`${node.optional ? '?' : ''}${node.dot ? '.' : '[]'}`);
      node = node.target;
    }
    assert.deepEqual(chain.reverse(), ['?[]', '[]', '.', '?.']);
  });

  it('accepts whitespace between tokens, including newlines', function () {
    assert.equal(parseExpression(" add (\n 1 ,\t2 ) ").type, 'call');
  });

  describe('syntax errors give the position and what was expected', function () {
    const cases: [string, number, RegExp][] = [
      ["@concat('a'", 11, /expected ',' or '\)'/],
      ["@concat('a", 8, /unterminated string literal/],
      ['@length("abc")', 8, /single quotes/],
      ['@add(1, 2) x', 11, /the end of the expression/],
      ['@body()?', 8, /'\.' or '\['/],
      ['@foo', 4, /'\(' after the function name 'foo'/],
      ["@string({ 'a': 1 })", 8, /no object literals/],
      ['@', 0, /./],
      ['@1.5.x', 4, /the end of the expression/],
      ["@concat('a')['b'", 16, /'\]'/],
    ];
    for (const [text, position, pattern] of cases) {
      it(JSON.stringify(text), function () {
        if (text === '@') {
          assert.deepEqual(parseTemplate(text), { kind: 'literal', value: '@' });
          return;
        }
        const err = syntaxError(text);
        assert.equal(err.position, position, err.message);
        assert.match(err.message, pattern);
        assert.equal(err.code, 'ExpressionSyntaxError');
      });
    }
  });

  it('rejects nesting deeper than the limit with a clear error, not a stack overflow', function () {
    const depth = 20_000;
    const err = syntaxError(`@${'f('.repeat(depth)}${')'.repeat(depth)}`);
    assert.match(err.message, new RegExp(`nested more than ${MAX_NESTING_DEPTH} levels`));
    const brackets = syntaxError(`@f()${'[f()'.repeat(depth)}${']'.repeat(depth)}`);
    assert.match(brackets.message, /nested more than/);
  });

  it('accepts nesting up to the limit', function () {
    const depth = MAX_NESTING_DEPTH;
    assert.equal(parseTemplate(`@${'f('.repeat(depth)}${')'.repeat(depth)}`).kind, 'expression');
  });
});

describe('templates', function () {
  it('classifies whole-value expressions, escapes and literals', function () {
    assert.equal(parseTemplate("@parameters('a')").kind, 'expression');
    assert.deepEqual(parseTemplate('@@foo'), { kind: 'literal', value: '@foo' });
    assert.deepEqual(parseTemplate('user@example.com'), { kind: 'literal', value: 'user@example.com' });
    assert.deepEqual(parseTemplate(' @x'), { kind: 'literal', value: ' @x' });
    assert.deepEqual(parseTemplate('a/@f()/b'), { kind: 'literal', value: 'a/@f()/b' });
  });

  it('splits interpolations and keeps @@{ as a literal @{', function () {
    const t = parseTemplate("Hi @{variables('n')}! @@{not} @{'}'}");
    assert.equal(t.kind, 'interpolation');
    if (t.kind !== 'interpolation') return;
    assert.deepEqual(
      t.parts.map((p) => (typeof p === 'string' ? p : p.type)),
      ['Hi ', 'call', '! @{not} ', 'literal'],
    );
  });

  it('reports malformed interpolation as a parse error with the segment position', function () {
    assert.equal(syntaxError('abc @{').position, 4);
    assert.match(syntaxError('x @{ }').message, /empty @\{\} segment/);
    assert.equal(syntaxError("x @{concat('a'").position, 2);
    assert.match(syntaxError("x @{concat('a'").message, /unterminated @\{ segment/);
    assert.match(syntaxError('x @{f(), g()} y').message, /'\}' to close/);
  });
});
