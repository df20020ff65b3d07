import assert from 'node:assert/strict';
import { tableAction } from '../../../engine/actions/table.js';
import { runPure } from '../../helpers/fake-action-context.js';

const products = [
  { ID: 0, Product_Name: 'Apples' },
  { ID: 1, Product_Name: 'Oranges' },
];

function body(result: { outputs?: unknown }): string {
  return (result.outputs as { body: string }).body;
}

describe('Table action', () => {
  it('builds a CSV table with automatic columns, CRLF after every row', () => {
    const { result } = runPure(tableAction, { inputs: { format: 'CSV', from: products } });
    assert.equal(result.status, 'Succeeded');
    assert.equal(body(result), 'ID,Product_Name\r\n0,Apples\r\n1,Oranges\r\n');
  });

  it('builds an HTML table with automatic columns', () => {
    const { result } = runPure(tableAction, { inputs: { format: 'html', from: products } });
    assert.equal(
      body(result),
      '<table><thead><tr><th>ID</th><th>Product_Name</th></tr></thead><tbody><tr><td>0</td><td>Apples</td></tr><tr><td>1</td><td>Oranges</td></tr></tbody></table>',
    );
  });

  it('builds custom columns, evaluating each value for each item', () => {
    const columns = [
      { header: 'Stock_ID', value: '@item().ID' },
      { header: 'Description', value: "@concat('Organic ', item().Product_Name)" },
    ];
    const { result } = runPure(tableAction, { inputs: { format: 'CSV', from: products, columns } });
    assert.equal(body(result), 'Stock_ID,Description\r\n0,Organic Apples\r\n1,Organic Oranges\r\n');
  });

  it('takes the union of property names in first-seen order; missing ones are empty cells', () => {
    const { result } = runPure(tableAction, { inputs: { format: 'CSV', from: [{ a: 1 }, { b: true, a: null }, { c: { x: 1 } }] } });
    assert.equal(body(result), 'a,b,c\r\n1,,\r\n,True,\r\n,,"{""x"":1}"\r\n');
  });

  it('quotes CSV fields holding commas, quotes and line breaks (RFC 4180)', () => {
    const { result } = runPure(tableAction, { inputs: { format: 'CSV', from: [{ 'a,b': 'x "y"', n: 'line1\nline2', r: 'cr\r', ok: 'plain' }] } });
    assert.equal(body(result), '"a,b",n,r,ok\r\n"x ""y""","line1\nline2","cr\r",plain\r\n');
  });

  it('escapes HTML in headers and cells', () => {
    const { result } = runPure(tableAction, { inputs: { format: 'HTML', from: [{ '<b>': `Tom & "Jerry" <'s>` }] } });
    assert.equal(body(result), '<table><thead><tr><th>&lt;b&gt;</th></tr></thead><tbody><tr><td>Tom &amp; &quot;Jerry&quot; &lt;&#39;s&gt;</td></tr></tbody></table>');
  });

  it('gives an empty table for an empty array', () => {
    assert.equal(body(runPure(tableAction, { inputs: { format: 'CSV', from: [] } }).result), '');
    assert.equal(body(runPure(tableAction, { inputs: { format: 'HTML', from: [] } }).result), '<table><thead><tr></tr></thead><tbody></tbody></table>');
    const custom = runPure(tableAction, { inputs: { format: 'CSV', from: [], columns: [{ header: 'H', value: '@item()' }] } });
    assert.equal(body(custom.result), 'H\r\n');
  });

  it('lets column entries with the same header share one column', () => {
    const columns = [
      { header: 'Name', value: "@item()?['first']" },
      { header: 'Name', value: "@item()?['nick']" },
      { header: 'N', value: '@item()?[\'n\']' },
    ];
    const { result } = runPure(tableAction, { inputs: { format: 'CSV', from: [{ first: 'Ada', n: 1 }, { nick: 'Bo', n: 2 }], columns } });
    assert.equal(body(result), 'Name,N\r\nAda,1\r\nBo,2\r\n');
  });

  it('fails with clear errors for a bad format, a non-array from, and non-object rows without columns', () => {
    const format = runPure(tableAction, { inputs: { format: 'XLSX', from: [] } });
    assert.match(format.result.error!.message, /must be 'CSV' or 'HTML', got 'XLSX'/);
    const from = runPure(tableAction, { inputs: { format: 'CSV', from: 'x' } });
    assert.equal(from.result.error!.message, "The 'from' property value in the 'table' action inputs is of type 'String'. The value must be an array.");
    const rows = runPure(tableAction, { inputs: { format: 'CSV', from: [{ a: 1 }, 2] } });
    assert.equal(rows.result.status, 'Failed');
    assert.match(rows.result.error!.message, /item at index 1 is of type 'Integer'/);
  });
});
