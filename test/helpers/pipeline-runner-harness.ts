/**
 * A LocalPipelineRunner over a temp folder: a SQLite store, folder datastores (or Azurite for
 * `workspaceblobstore`), a source root to write step scripts into, and a short kill grace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import type { PipelineDefinition } from '../../engine/pipelines/definition.js';
import { LocalPipelineRunner, type LocalPipelineRunnerOptions } from '../../engine/pipelines/runner.js';
import type { PipelineRunRecord, SubmitRequest } from '../../engine/pipelines/runner-types.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

export interface Harness {
  dir: string;
  sourceRoot: string;
  /** Folder behind `workspacefilestore` (and `workspaceblobstore` unless Azurite is given). */
  files: string;
  config: SluiceConfig;
  store: SqliteStore;
  runner: LocalPipelineRunner;
  write(relative: string, text: string): string;
  read(relative: string): string;
  exists(relative: string): boolean;
  submit(definition: PipelineDefinition, extra?: Partial<SubmitRequest>): Promise<PipelineRunRecord>;
  run(definition: PipelineDefinition, extra?: Partial<SubmitRequest>): Promise<PipelineRunRecord>;
  newRunner(options?: Partial<LocalPipelineRunnerOptions>): LocalPipelineRunner;
  close(): Promise<void>;
}

export function createHarness(options: { azuriteConnectionString?: string; runner?: Partial<LocalPipelineRunnerOptions> } = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipelines-'));
  const sourceRoot = join(dir, 'src');
  const files = join(dir, 'files');
  mkdirSync(sourceRoot, { recursive: true });
  mkdirSync(files, { recursive: true });
  const config = defaultConfig();
  config.dataDir = join(dir, 'data');
  config.datastores = { workspacefilestore: { kind: 'folder', path: files } };
  if (options.azuriteConnectionString !== undefined) {
    config.connections = { azureblob: { connectionString: options.azuriteConnectionString } };
    config.datastores['workspaceblobstore'] = { kind: 'azureblob', connection: 'azureblob', container: `c${Date.now().toString(36)}` };
  } else {
    config.datastores['workspaceblobstore'] = { kind: 'folder', path: files };
  }
  const store = new SqliteStore({ path: join(dir, 'sluice.db') });
  const runners: LocalPipelineRunner[] = [];
  const newRunner = (extra: Partial<LocalPipelineRunnerOptions> = {}): LocalPipelineRunner => {
    const runner = new LocalPipelineRunner({ db: store.db, config, workDir: join(dir, 'runs'), killGraceMs: 500, ...options.runner, ...extra });
    runners.push(runner);
    return runner;
  };
  const runner = newRunner();
  const harness: Harness = {
    dir, sourceRoot, files, config, store, runner, newRunner,
    write(relative, text) {
      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    read: (relative) => readFileSync(join(dir, relative), 'utf8'),
    exists: (relative) => existsSync(join(dir, relative)),
    submit: (definition, extra = {}) => runner.submit({ pipeline: { definition, sourceRoot }, experimentName: 'tests', ...extra }),
    async run(definition, extra = {}) {
      const started = await harness.submit(definition, extra);
      return runner.whenDone(started.id);
    },
    async close() {
      for (const r of runners) await r.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Whether a process is gone (or only a zombie waiting for a reaper that is not ours). */
export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
