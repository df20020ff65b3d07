/**
 * Sluice started in-process for schedule tests (`startSluice`, no Azurite): a folder datastore
 * `files` stands in for `workspaceblobstore`, and one tiny Python pipeline is published over the
 * management API so schedules have something real to point at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../engine/config.js';
import { startSluice, type RunningSluice } from '../../engine/main.js';

export interface ScheduleStack {
  sluice: RunningSluice;
  url: string;
  /** The published pipeline (name `sched-hello`). */
  pipelineId: string;
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  stop(): Promise<void>;
}

export const PIPELINE_NAME = 'sched-hello';

const definition = {
  name: PIPELINE_NAME,
  defaultDatastore: 'files',
  parameters: {
    greeting: { type: 'string', default: 'hello' },
    input_path: { type: 'datapath', datastore: 'files', path: 'inbox/sample.txt' },
  },
  steps: {
    hello: {
      runtime: 'python',
      script: 'hello.py',
      sourceDirectory: 'src',
      arguments: ['${{parameters.greeting}}', '${{inputs.data}}'],
      inputs: { data: { parameter: 'input_path', mode: 'download' } },
    },
  },
};

const SCRIPT = 'import sys\nprint(sys.argv[1], open(sys.argv[2]).read())\n';

export async function startScheduleStack(): Promise<ScheduleStack> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-schedules-'));
  const base = defaultConfig();
  const config = {
    ...base,
    dataDir: dir,
    port: 0,
    datastores: { files: { kind: 'folder' as const, path: join(dir, 'files') }, workspacefilestore: { kind: 'folder' as const, path: join(dir, 'workspacefiles') } },
  };
  let sluice: RunningSluice;
  try {
    sluice = await startSluice({ config, embeddedAzurite: false });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await fetch(new URL(path, sluice.url), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  };
  const stop = async (): Promise<void> => {
    await sluice.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const published = await api<{ id: string }>('POST', '/api/pipelines', { definition, files: { 'src/hello.py': Buffer.from(SCRIPT).toString('base64') } });
  if (published.status !== 201) {
    await stop();
    throw new Error(`publishing the test pipeline failed: ${published.status} ${JSON.stringify(published.json)}`);
  }
  return { sluice, url: sluice.url, pipelineId: published.json.id, api, stop };
}
