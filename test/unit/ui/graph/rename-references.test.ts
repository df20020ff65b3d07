import assert from 'node:assert/strict';
import { renameInString } from '../../../../ui/src/graph/index.js';

describe('renameInString', () => {
  const cases: [string, string][] = [
    ["@body('A')", "@body('New')"],
    ["@outputs('A')?['A']", "@outputs('New')?['A']"],
    ["@actions('A').status", "@actions('New').status"],
    ["@result('A')", "@result('New')"],
    ["@items('A')", "@items('New')"],
    ["@iterationIndexes('A')", "@iterationIndexes('New')"],
    ["@BODY( 'A' )", "@BODY( 'New' )"],
    ["Hello @{body('A')} and @{ variables('A') } @{triggerBody()?['A']}", "Hello @{body('New')} and @{ variables('A') } @{triggerBody()?['A']}"],
    ["@concat(body('A'), 'A', outputs('A'))", "@concat(body('New'), 'A', outputs('New'))"],
    ["@variables('A')", "@variables('A')"],
    ["@body('AB')", "@body('AB')"],
    ["@@body('A')", "@@body('A')"],
    ["@@{body('A')}", "@@{body('A')}"],
    ["@body('A'", "@body('A'"],
    ['plain A text', 'plain A text'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.equal(renameInString(input, 'A', 'New'), expected));
  }

  it('quotes names holding apostrophes and finds them written doubled', () => {
    assert.equal(renameInString("@body('A')", 'A', "It's"), "@body('It''s')");
    assert.equal(renameInString("@body('It''s')", "It's", 'A'), "@body('A')");
  });
});
