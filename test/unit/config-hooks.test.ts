/**
 * sluice.config.json `hooks`: read into `{ workflow, trigger }` by hook name, and every malformed
 * entry refused at load time with a DefinitionError that names the file and `/hooks/<name>`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../engine/config.js';
import { DefinitionError } from '../../engine/errors.js';

describe('configuration: hooks', function () {
  let dir: string;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-config-hooks-'));
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  function load(content: unknown): ReturnType<typeof loadConfig> {
    const file = join(dir, 'sluice.config.json');
    writeFileSync(file, JSON.stringify(content));
    return loadConfig({ file, env: {} });
  }

  function refusal(content: unknown): DefinitionError {
    try {
      load(content);
    } catch (err) {
      assert.ok(err instanceof DefinitionError, String(err));
      return err;
    }
    assert.fail('the configuration was accepted');
  }

  it('has no hooks by default', function () {
    assert.deepEqual(load({}).hooks, {});
  });

  it('reads each hook as its workflow and trigger', function () {
    const config = load({ hooks: { w1: { workflow: 'w1', trigger: 'manual' }, 'orders.v2-b_c': { workflow: 'orders', trigger: 'When_a_HTTP_request_is_received' } } });
    assert.deepEqual(config.hooks, {
      w1: { workflow: 'w1', trigger: 'manual' },
      'orders.v2-b_c': { workflow: 'orders', trigger: 'When_a_HTTP_request_is_received' },
    });
  });

  it('refuses a hook name that is not safe in a URL path, naming /hooks/<name>', function () {
    for (const name of ['has space', '-leading', 'a/b', 'é']) {
      const err = refusal({ hooks: { [name]: { workflow: 'w', trigger: 't' } } });
      assert.equal(err.code, 'InvalidArgument');
      assert.ok(err.message.includes(`/hooks/${name}: a hook name is letters, digits, '.', '_' and '-'`), err.message);
      assert.ok(err.message.includes('sluice.config.json'), err.message);
    }
  });

  it('refuses a hook without its trigger or workflow, naming /hooks/<name> and what it got', function () {
    const missing = refusal({ hooks: { w1: { workflow: 'w1' } } });
    assert.ok(missing.message.includes('/hooks/w1: must be {"workflow": "<name>", "trigger": "<name>"}, got {"workflow":"w1"}'), missing.message);
    const empty = refusal({ hooks: { w1: { workflow: '', trigger: 'manual' } } });
    assert.ok(empty.message.includes('/hooks/w1: must be'), empty.message);
    const text = refusal({ hooks: { w1: 'w1/manual' } });
    assert.ok(text.message.includes('/hooks/w1: must be'), text.message);
  });

  it('refuses hooks that are not an object of hooks', function () {
    for (const hooks of [[], 'w1', null]) {
      const err = refusal({ hooks });
      assert.ok(err.message.includes('/hooks must be an object'), err.message);
    }
  });
});
