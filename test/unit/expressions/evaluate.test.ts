import assert from 'node:assert/strict';
import { SluiceError } from '../../../engine/errors.js';
import {
  compileTemplate,
  contextView,
  ExpressionEvaluationError,
  Float,
  toJsonText,
  type EvalContext,
  type Value,
} from '../../../engine/expressions/index.js';

function run(text: string, context: EvalContext = {}): Value {
  return compileTemplate(text)(contextView(context));
}

function evalError(text: string, context: EvalContext = {}): ExpressionEvaluationError {
  try {
    run(text, context);
  } catch (err) {
    assert.ok(err instanceof ExpressionEvaluationError, `expected ExpressionEvaluationError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${text} to fail`);
}

const body = { Name: 'data/file-0001.csv', Size: 123, nested: { list: [10, 20, 30] }, nothing: null };

describe('evaluator', function () {
  it('keeps the JSON type of a whole-value expression', function () {
    assert.equal(run("@triggerBody()?['Size']", { triggerBody: body }), 123);
    assert.deepEqual(run('@triggerBody().nested', { triggerBody: body }), { list: [10, 20, 30] });
    assert.equal(run("@triggerBody()['nothing']", { triggerBody: body }), null);
  });

  it('stringifies interpolated values as Logic Apps does', function () {
    const ctx: EvalContext = {
      parameters: { n: 42, f: 2.5, t: true, nil: null, arr: [1, 'a', false], obj: { a: 1, b: [true] }, whole: new Float(3) },
    };
    assert.equal(
      run("n=@{parameters('n')} f=@{parameters('f')} t=@{parameters('t')} nil=[@{parameters('nil')}] whole=@{parameters('whole')}", ctx),
      'n=42 f=2.5 t=True nil=[] whole=3',
    );
    assert.equal(run("@{parameters('arr')}|@{parameters('obj')}", ctx), '[1,"a",false]|{"a":1,"b":[true]}');
    assert.equal(run("@{parameters('n')}", ctx), '42', 'a lone segment still yields a string');
  });

  it('matches property names exactly first, then ignoring case', function () {
    const ctx: EvalContext = { triggerBody: { name: 'lower', NAME: 'upper', Other: 1 } };
    assert.equal(run("@triggerBody()['NAME']", ctx), 'upper');
    assert.equal(run("@triggerBody()['Name']", ctx), 'lower', 'first case-insensitive match in member order');
    assert.equal(run('@triggerBody().other', ctx), 1);
  });

  it('null-safe access yields null for a missing member, a null value or an out-of-range index', function () {
    const ctx: EvalContext = { triggerBody: body };
    assert.equal(run("@triggerBody()?['missing']", ctx), null);
    assert.equal(run("@triggerBody()?['nothing']?['deeper']", ctx), null);
    assert.equal(run("@triggerBody()['nested']['list']?[7]", ctx), null);
    assert.equal(run("@triggerBody()['nested']['list'][2]", ctx), 30);
  });

  it('plain access names what is missing and what exists', function () {
    const missing = evalError("@triggerBody()['missing']", { triggerBody: body });
    assert.match(missing.message, /property 'missing' doesn't exist, available properties are 'Name, Size, nested, nothing'/);
    assert.match(missing.detail, /^The template language expression 'triggerBody\(\)\['missing'\]' cannot be evaluated/);
    assert.match(evalError("@triggerBody()['nothing']['x']", { triggerBody: body }).message, /value is null/);
    assert.match(evalError("@triggerBody()['nested']['list'][3]", { triggerBody: body }).message, /index 3 is outside the bounds \(0 - 2\)/);
    assert.match(evalError("@triggerBody()['Name']['x']", { triggerBody: body }).message, /cannot be selected from a value of type string/);
  });

  it('reports unknown functions and wrong argument counts only when evaluated', function () {
    const unknown = evalError('@noSuchFunction(1)');
    assert.match(unknown.message, /unknown function 'noSuchFunction'/);
    assert.equal(unknown.detail, "The template function 'noSuchFunction' is not defined or not valid.");
    const arity = evalError("@parameters('a', 'b')", { parameters: { a: 1 } });
    assert.equal(arity.message, 'parameters: expects 1 argument, got 2');
    assert.equal(arity.where.position, 1);
  });

  it('matches function names ignoring case', function () {
    assert.equal(run("@PARAMETERS('a')", { parameters: { a: 'x' } }), 'x');
    assert.equal(run("@triggerbody()?['Size']", { triggerBody: body }), 123);
  });

  it('names the function and the argument at fault', function () {
    const err = evalError("@variables(triggerBody()['nested'])", { triggerBody: body });
    assert.equal(err.message, 'variables: argument 1 must be a string, got object');
    assert.equal(err.where.function, 'variables');
    assert.equal(err.where.argument, 1);
    assert.match(err.detail, /expects its first parameter to be a string\. The provided value is of type 'Object'\./);
  });

  it('reads every workflow function from the supplied scope', function () {
    const ctx: EvalContext = {
      trigger: { name: 'manual', outputs: { headers: { 'Content-Type': 'application/json' }, queries: { q: '1' } } },
      triggerBody: { a: 1 },
      actions: { Get: { name: 'Get', status: 'Succeeded', outputs: { statusCode: 200, body: { id: 7 } } } },
      variables: { counter: 3 },
      item: { x: 'it' },
      items: { Loop: 'outer' },
      iterationIndexes: { Until: 2 },
      results: { Try: [{ name: 'A', status: 'Failed' }] },
      workflow: { name: 'wf', run: { name: 'r1' } },
      action: { outputs: { statusCode: 201 } },
      callbackUrl: 'http://127.0.0.1/cb',
      appSettings: { SETTING: 'v' },
    };
    const cases: [string, Value][] = [
      ["@triggerOutputs()['queries']['q']", '1'],
      ["@triggerBody()['a']", 1],
      ['@trigger().name', 'manual'],
      ["@body('Get')['id']", 7],
      ["@outputs('Get')['statusCode']", 200],
      ["@actions('get')['status']", 'Succeeded'],
      ["@variables('counter')", 3],
      ['@item().x', 'it'],
      ["@items('Loop')", 'outer'],
      ["@iterationIndexes('Until')", 2],
      ["@result('Try')[0]['status']", 'Failed'],
      ['@workflow().run.name', 'r1'],
      ["@action()['outputs']['statusCode']", 201],
      ['@listCallbackUrl()', 'http://127.0.0.1/cb'],
      ["@appsetting('SETTING')", 'v'],
    ];
    for (const [text, expected] of cases) assert.deepEqual(run(text, ctx), expected, text);
  });

  it('fails clearly when the scope lacks what a workflow function reads', function () {
    assert.match(evalError("@variables('nope')").message, /variable 'nope', which has not been initialized/);
    assert.match(evalError("@parameters('nope')").message, /parameter 'nope'/);
    assert.match(evalError("@body('Missing')").message, /action 'Missing'/);
    assert.match(evalError('@item()').message, /only available inside a Foreach/);
    assert.match(evalError("@items('L')").message, /names 'L'/);
  });

  it('is deterministic: one compiled expression gives each scope its own answer', function () {
    const compiled = compileTemplate("@{triggerBody()?['Name']}-@{variables('v')}");
    assert.equal(compiled(contextView({ triggerBody: { Name: 'a' }, variables: { v: 1 } })), 'a-1');
    assert.equal(compiled(contextView({ triggerBody: { Name: 'b' }, variables: { v: 2 } })), 'b-2');
  });

  it('never lets an untyped exception escape', function () {
    for (const text of ["@triggerBody()['a']", '@trigger().x', "@body('x')", "@{triggerBody()['a']['b']}"]) {
      assert.throws(() => run(text, { triggerBody: null }), (err: unknown) => err instanceof SluiceError, text);
    }
  });

  it('prints 64-bit integers exactly in JSON text', function () {
    assert.equal(toJsonText(run("@parameters('big')", { parameters: { big: 9223372036854775807n } })), '9223372036854775807');
  });
});
