import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDefinition } from '../../../definitions/load.js';

const folder = fileURLToPath(new URL('../../../../definitions/examples/', import.meta.url));
const read = (file: string): unknown => JSON.parse(readFileSync(folder + file, 'utf8'));

describe('definitions/examples', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.json'));

  it('holds the seed scenario and at least four more workflows', () => {
    assert.ok(files.includes('seed-blob-to-pipeline.json'));
    assert.ok(files.length >= 5);
  });

  for (const file of files) {
    it(`${file} validates`, () => {
      const result = loadDefinition(read(file));
      assert.ok(result.ok, !result.ok ? result.issues.map((i) => `${i.pointer}: ${i.message}`).join('\n') : '');
    });
  }

  it('the seed posts the blob name to a published pipeline endpoint with a managed identity', () => {
    const result = loadDefinition(read('seed-blob-to-pipeline.json'));
    assert.ok(result.ok);
    const d = result.definition as any;
    const [trigger] = Object.values(d.triggers) as any[];
    assert.equal(trigger.type, 'ApiConnection');
    assert.match(trigger.inputs.path, /\/triggers\/batch\/onupdatedfile$/);
    assert.equal(trigger.splitOn, '@triggerBody()');
    const http = d.actions.Submit_pipeline_run;
    assert.equal(http.type, 'Http');
    assert.equal(http.inputs.authentication.type, 'ManagedServiceIdentity');
    // A published pipeline's endpoint, or a pipeline endpoint's stable URL by name (what sluice serve sets up).
    assert.match(d.parameters.pipelineEndpoint.defaultValue, /\/pipelines\/v1\.0\/workspaces\/[^/]+\/PipelineRuns\/(PipelineSubmit\/[^/]+|PipelineEndpointSubmit\/Name\?name=[\w.-]+)$/);
    assert.deepEqual(http.inputs.body.DataPathAssignments.input_datapath, {
      DataStoreName: 'workspaceblobstore',
      RelativePath: "@triggerBody()?['Name']",
    });
  });
});
