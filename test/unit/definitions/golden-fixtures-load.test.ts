import assert from 'node:assert/strict';
import { loadDefinition } from '../../../definitions/load.js';
import { readGoldenFixtures } from '../../helpers/golden-fixture.js';

const STATUSES = new Set(['Succeeded', 'Failed', 'Cancelled']);

describe('golden workflow fixtures', () => {
  const fixtures = readGoldenFixtures();

  it('there are at least 45 of them', () => {
    assert.ok(fixtures.length >= 45, `found ${fixtures.length}`);
  });

  for (const { file, fixture } of fixtures) {
    it(`${file}: is well formed and its definition loads without issues`, () => {
      assert.equal(typeof fixture.description, 'string', 'description');
      assert.ok(fixture.description.length > 20, 'description says what the scenario pins down');
      assert.ok(STATUSES.has(fixture.expected?.status), `expected.status ${String(fixture.expected?.status)}`);
      const external = Object.keys(fixture.parameters ?? {});
      const result = loadDefinition(fixture.definition, { externalParameters: external });
      assert.ok(result.ok, !result.ok ? result.issues.map((i) => `${i.code} ${i.pointer}: ${i.message}`).join('\n') : '');
      for (const name of Object.keys(fixture.expected.actions ?? {})) {
        assert.ok(result.compiled.actions.has(name), `expected.actions names '${name}', which the definition does not have`);
      }
    });
  }
});
