import assert from 'node:assert/strict';
import { searchCatalogue } from '../../../../ui/src/graph/index.js';

const entries = [
  { type: 'Compose', title: 'Compose', description: 'Build a value from inputs' },
  { type: 'Http', title: 'HTTP', description: 'Call any endpoint', keywords: ['request', 'rest'] },
  { type: 'SetVariable', title: 'Set variable', description: 'Change a variable' },
  { type: 'InitializeVariable', title: 'Initialize variable', description: 'Declare a variable' },
];

describe('searchCatalogue', () => {
  it('returns everything for an empty query', () => assert.equal(searchCatalogue(entries, '  ').length, 4));
  it('ranks title prefixes before other matches and needs every word', () => {
    assert.deepEqual(searchCatalogue(entries, 'var').map((e) => e.type), ['SetVariable', 'InitializeVariable']);
    assert.deepEqual(searchCatalogue(entries, 'set var').map((e) => e.type), ['SetVariable']);
    assert.deepEqual(searchCatalogue(entries, 'rest').map((e) => e.type), ['Http']);
    assert.deepEqual(searchCatalogue(entries, 'nothing'), []);
  });
});
