/**
 * Loads every real Logic Apps definition of ../shared/conformance/real-definitions: each must load
 * or be rejected with messages that name what Sluice lacks (type, connector, ARM expression,
 * missing parameter) — never a crash, never a generic message.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefinition, type Issue } from '../../../definitions/load.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const folder = resolve(repoRoot, '../shared/conformance/real-definitions');

interface Entry {
  file: string;
  trigger_types: string[];
  action_types: string[];
  connectors: string[];
  arm_expressions: boolean;
  builtin_only: boolean;
}

const SUPPORTED_ACTIONS = new Set(
  ['Compose', 'ParseJson', 'Query', 'Select', 'Join', 'Table', 'InitializeVariable', 'SetVariable', 'IncrementVariable',
    'DecrementVariable', 'AppendToArrayVariable', 'AppendToStringVariable', 'If', 'Switch', 'Foreach', 'Until', 'Scope',
    'Terminate', 'Wait', 'Response', 'Http', 'Workflow', 'ApiConnection', 'ApiConnectionWebhook', 'ServiceProvider'].map((t) => t.toLowerCase()),
);

const text = (issues: readonly Issue[]): string => issues.map((i) => `${i.code} ${i.pointer}: ${i.message}`).join('\n');

function undeclaredNames(issues: readonly Issue[]): string[] {
  return issues.flatMap((i) => [...i.message.matchAll(/parameters\('([^']+)'\)/g)].map((m) => m[1]!));
}

describe('real Logic Apps definitions', () => {
  if (!existsSync(folder)) {
    it.skip(`skipped: the corpus folder ${folder} is absent`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Entry[];
  const files = readdirSync(folder).filter((f) => /^\d+-.*\.json$/.test(f)).sort();

  it('has a manifest entry for every file', () => {
    assert.deepEqual(manifest.map((e) => e.file).sort(), files);
  });

  for (const entry of manifest) {
    it(`${entry.file}: loads or is rejected with specific messages`, () => {
      const result = loadDefinition(JSON.parse(readFileSync(join(folder, entry.file), 'utf8')));
      if (result.ok) return;
      const issues = result.issues;
      const all = text(issues);
      assert.ok(issues.length > 0);
      for (const i of issues) {
        assert.notEqual(i.code, 'InternalError', all);
        assert.notEqual(i.code, 'SchemaViolation', `real definitions conform to the language:\n${all}`);
        assert.ok(i.message.length > 20 && i.pointer.startsWith('/'), all);
      }
      if (entry.arm_expressions) assert.ok(issues.some((i) => i.code === 'ArmTemplateExpression'), all);
      for (const type of [...entry.action_types, ...entry.trigger_types]) {
        if (type.startsWith('[') || SUPPORTED_ACTIONS.has(type.toLowerCase()) || ['request', 'recurrence', 'http'].includes(type.toLowerCase())) continue;
        assert.ok(all.toLowerCase().includes(`'${type.toLowerCase()}'`), `no message names type ${type}:\n${all}`);
      }
      for (const connector of entry.connectors) {
        const managed = /^managed:(.+)$/.exec(connector)?.[1];
        const operation = /^serviceProvider:[^/]+\/(.+)$/.exec(connector)?.[1];
        if (managed && managed !== 'azureblob') assert.ok(all.includes(`'${managed}'`), `no message names ${managed}:\n${all}`);
        if (operation && operation !== 'whenABlobIsAddedOrModified') assert.ok(all.includes(`'${operation}'`), `no message names ${operation}:\n${all}`);
      }
    });
  }

  it('rejects the designer fixture 12, naming the missing actions and the twice-initialised variable', () => {
    const result = loadDefinition(JSON.parse(readFileSync(join(folder, '12-run-after-secure-data.json'), 'utf8')));
    assert.ok(!result.ok);
    const all = text(result.issues);
    assert.match(all, /UnknownActionReference .*body\('Create_a_goal'\)/);
    assert.match(all, /UnknownActionReference .*body\('Create_a_goal_2'\)/);
    assert.match(all, /DuplicateVariable .*'testVar'/);
  });

  it('rejects fixture 09 naming the variable that is never initialised', () => {
    const result = loadDefinition(JSON.parse(readFileSync(join(folder, '09-all-scope-nodes.json'), 'utf8')));
    assert.ok(!result.ok);
    assert.ok(result.issues.every((i) => i.code === 'UndeclaredVariable' && i.message.includes("'var1'")), text(result.issues));
  });

  it('loads every built-in-only definition, given the parameters it expects from outside', () => {
    for (const entry of manifest.filter((e) => e.builtin_only && !/^(09|12)-/.test(e.file))) {
      const json: unknown = JSON.parse(readFileSync(join(folder, entry.file), 'utf8'));
      const first = loadDefinition(json);
      if (first.ok) continue;
      assert.ok(first.issues.every((i) => i.code === 'UndeclaredParameter'), `${entry.file}:\n${text(first.issues)}`);
      const again = loadDefinition(json, { externalParameters: undeclaredNames(first.issues) });
      assert.ok(again.ok, `${entry.file} with external parameters:\n${!again.ok && text(again.issues)}`);
    }
  });

  it('tolerates lower-case types, upper-case statuses, evaluatedRecurrence and unicode case names', () => {
    const load = (file: string) => loadDefinition(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    const lower = load('14-mdc-require-secure-transfer.json');
    assert.ok(lower.ok);
    assert.equal(lower.compiled.triggers[0]!.type, 'Recurrence');
    for (const file of ['11-http-trigger-switch-unicode.json', '15-mdc-sync-vm-tags.json', '10-monitoring-view-conditional.json']) {
      const result = load(file);
      assert.ok(result.ok, `${file}: ${!result.ok && text(result.issues)}`);
    }
  });
});
