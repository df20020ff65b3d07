/**
 * The `builtin_only` definitions of ../shared/conformance/real-definitions run to a definite status
 * with per-action results, outbound HTTP pointed at a loopback stub (as its README asks).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { httpAction } from '../../connectors/http/http-action.js';
import { loadDefinition } from '../../definitions/load.js';
import type { EffectActionDescriptor } from '../../engine/actions/descriptor.js';
import { isObject, type Value } from '../../engine/expressions/value.js';
import type { TriggerOutputs } from '../../engine/runtime/engine-types.js';
import { runWorkflowOnce } from '../../engine/runtime/run-once.js';
import { sharedDir } from '../helpers/paths.js';

interface ManifestEntry {
  file: string;
  builtin_only: boolean;
  trigger_types: string[];
}

const folder = join(sharedDir(), 'conformance', 'real-definitions');
/** Designer fixtures Azure itself would reject (see the corpus README): they must be rejected, naming the problem. */
const REJECTED: Record<string, RegExp> = {
  '09-all-scope-nodes.json': /var1/,
  '12-run-after-secure-data.json': /Create_a_goal|testVar/,
};
const FINAL = new Set(['Succeeded', 'Failed', 'Cancelled']);
const ACTION_STATUSES = new Set(['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled', 'Aborted']);

describe('conformance: real definitions run', function () {
  this.timeout(60_000);
  if (!existsSync(join(folder, 'manifest.json'))) {
    it.skip(`corpus not found at ${folder}`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as ManifestEntry[];
  let server: Server;
  let stubUrl = '';
  const requests: string[] = [];

  before(async function () {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, value: [], status: 'Succeeded', id: '1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async function () {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The built-in Http action with every URI pointed at the stub (path and query kept). */
  const stubbedHttp = (): EffectActionDescriptor => ({
    type: 'Http',
    kind: 'effect',
    run: (inputs, ctx) => {
      if (!isObject(inputs) || typeof inputs['uri'] !== 'string') return httpAction.run(inputs, ctx);
      let target = `${stubUrl}/`;
      try {
        const url = new URL(inputs['uri']);
        target = `${stubUrl}${url.pathname}${url.search}`;
      } catch {
        // Not an absolute URI (an empty value in a designer fixture): let it reach the stub root.
      }
      return httpAction.run({ ...inputs, uri: target }, ctx);
    },
  });

  for (const entry of manifest.filter((e) => e.builtin_only)) {
    it(entry.file, async function () {
      const definition = JSON.parse(readFileSync(join(folder, entry.file), 'utf8')) as Record<string, unknown>;
      const first = loadDefinition(definition);
      const expectedRejection = REJECTED[entry.file];
      if (expectedRejection !== undefined) {
        assert.equal(first.ok, false, 'Azure would reject this designer fixture');
        if (!first.ok) assert.match(first.issues.map((i) => i.message).join('\n'), expectedRejection);
        return;
      }
      // Parameters a Standard app would take from parameters.json: supply them, pointing at the stub.
      const parameters: Record<string, Value> = {};
      if (!first.ok) {
        for (const issue of first.issues) {
          assert.equal(issue.code, 'UndeclaredParameter', `${issue.pointer}: ${issue.message}`);
          const name = /parameters\('([^']+)'\)/.exec(issue.message)?.[1];
          if (name !== undefined) parameters[name] = stubUrl;
        }
      }
      const trigger: TriggerOutputs = entry.trigger_types[0]?.toLowerCase() === 'request' ? { body: { message: 'hello', when: '2020-01-01T00:00:00Z' } } : { body: { ok: true } };
      const result = await runWorkflowOnce({ definition, parameters, trigger, clock: 'virtual', effects: [stubbedHttp()] });
      assert.ok(FINAL.has(result.status), `run status ${result.status}`);
      const actions = Object.entries(result.actions);
      assert.ok(actions.length > 0, 'per-action results');
      for (const [name, action] of actions) assert.ok(ACTION_STATUSES.has(action.status), `${name}: ${action.status}`);
      for (const [name, action] of actions) {
        if (action.status === 'Failed') assert.ok(action.error?.message, `${name} failed without a message`);
      }
    });
  }
});
