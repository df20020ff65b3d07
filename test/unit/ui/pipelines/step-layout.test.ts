import assert from 'node:assert/strict';
import { stepColumns } from '../../../../ui/src/pipelines/step-layout.js';

describe('designer: pipeline step graph columns', function () {
  it('puts each step one column after the deepest step it reads from, keeping the listed order', function () {
    const columns = stepColumns([
      { name: 'report', dependsOn: ['train', 'prep'] },
      { name: 'prep', dependsOn: [] },
      { name: 'train', dependsOn: ['prep'] },
      { name: 'lint', dependsOn: [] },
      { name: 'eval', dependsOn: ['prep'] },
    ]);
    assert.deepEqual(columns, [['prep', 'lint'], ['train', 'eval'], ['report']]);
  });

  it('ignores unknown dependencies and survives a cycle', function () {
    assert.deepEqual(stepColumns([{ name: 'a', dependsOn: ['ghost'] }]), [['a']]);
    const cyclic = stepColumns([{ name: 'a', dependsOn: ['b'] }, { name: 'b', dependsOn: ['a'] }]);
    assert.deepEqual(cyclic.flat().sort(), ['a', 'b']);
  });
});
