/**
 * `sluice pipeline publish|list|run|runs|logs|disable|enable` (`validate` is pipeline-validate.ts,
 * local); these talk to a running Sluice over its management API. Each returns an exit code.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ApiClient, CliError } from './api-client.js';
import { PlainProgress, TableProgress, type ProgressWriter, type StepView } from './run-progress.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  isTty: process.stdout.isTTY === true,
};

interface Published {
  id: string;
  name: string;
  version?: string;
  status: string;
  endpoint: string;
  publishedTime: string;
}

interface RunRecord {
  id: string;
  experimentName: string;
  status: string;
  createdTime: string;
  endTime?: string;
  publishedPipelineId?: string;
  error?: { code: string; message: string };
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.sluice', '__pycache__']);
const TERMINAL = new Set(['Finished', 'Failed', 'Canceled']);

/** Any failure becomes `error: <message>` on stderr and exit code 1. */
export async function guarded(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

async function definitionFile(path: string): Promise<string> {
  if (!(await stat(path)).isDirectory()) return path;
  const names = (await readdir(path)).filter((n) => n.endsWith('.json'));
  if (names.includes('pipeline.json')) return join(path, 'pipeline.json');
  if (names.length === 1) return join(path, names[0]!);
  throw new CliError(`${path}: put the definition in pipeline.json (found ${names.length ? names.join(', ') : 'no .json file'})`);
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
}

async function collectFiles(root: string, dir = root, files: Record<string, string> = {}): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await collectFiles(root, full, files);
    else if (entry.isFile()) files[relative(root, full).split(sep).join('/')] = (await readFile(full)).toString('base64');
  }
  return files;
}

export async function publishCommand(target: string, options: { name?: string; description?: string; version?: string; url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const file = await definitionFile(target);
    const definition = await readJson(file);
    const files = await collectFiles(dirname(file));
    const body = { definition, files, ...pick(options, ['name', 'description', 'version']) };
    const published = await new ApiClient(options.url).json<Published>('POST', '/api/pipelines', body);
    io.out(`published ${published.name} as ${published.id}\nendpoint: ${published.endpoint}\n`);
    return 0;
  });
}

export async function listCommand(options: { url?: string; all?: boolean }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const { value } = await new ApiClient(options.url).json<{ value: Published[] }>('GET', `/api/published-pipelines${options.all === true ? '' : '?activeOnly=true'}`);
    const rows = value.map((p) => [p.id, p.name, p.version ?? '', p.status, p.publishedTime]);
    io.out(table(['ID', 'NAME', 'VERSION', 'STATUS', 'PUBLISHED'], rows));
    return 0;
  });
}

export async function setStatusCommand(id: string, status: 'disable' | 'enable', options: { url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const p = await new ApiClient(options.url).json<Published>('POST', `/api/published-pipelines/${encodeURIComponent(id)}/${status}`);
    io.out(`${p.name} (${p.id}): ${p.status}\n`);
    return 0;
  });
}

function pairs(values: readonly string[], flag: string): [string, string][] {
  return values.map((v) => {
    const at = v.indexOf('=');
    if (at <= 0) throw new CliError(`${flag} '${v}' must be NAME=VALUE`);
    return [v.slice(0, at), v.slice(at + 1)];
  });
}

export interface RunOptions {
  url?: string;
  experiment?: string;
  param?: string[];
  datapath?: string[];
  regenerate?: boolean;
  wait?: boolean;
  pollMs?: number;
}

export async function runCommand(idOrName: string, options: RunOptions, io: Io): Promise<number> {
  return guarded(io, async () => {
    const client = new ApiClient(options.url);
    const pipeline = await client.json<Published>('GET', `/api/published-pipelines/${encodeURIComponent(idOrName)}`);
    const dataPaths: Record<string, { DataStoreName: string; RelativePath: string }> = {};
    for (const [name, where] of pairs(options.datapath ?? [], '--datapath')) {
      const colon = where.indexOf(':');
      if (colon <= 0) throw new CliError(`--datapath '${name}=${where}' must be NAME=DATASTORE:PATH`);
      dataPaths[name] = { DataStoreName: where.slice(0, colon), RelativePath: where.slice(colon + 1) };
    }
    const run = await client.json<RunRecord>('POST', '/api/pipeline-runs', {
      pipelineId: pipeline.id,
      ExperimentName: options.experiment ?? (pipeline.name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[_-]+/, '') || 'Default'),
      ParameterAssignments: Object.fromEntries(pairs(options.param ?? [], '--param')),
      DataPathAssignments: dataPaths,
      RunSource: 'CLI',
      ...(options.regenerate === true ? { RegenerateOutputs: true } : {}),
    });
    io.out(`submitted run ${run.id} of ${pipeline.name} (experiment ${run.experimentName})\n`);
    if (options.wait !== true) return 0;
    const final = await follow(client, run.id, io.isTty ? new TableProgress(io.out) : new PlainProgress(io.out), options.pollMs ?? 500);
    if (final.error !== undefined) io.err(`${final.error.code}: ${final.error.message}\n`);
    return final.status === 'Finished' ? 0 : 1;
  });
}

async function follow(client: ApiClient, runId: string, progress: ProgressWriter, pollMs: number): Promise<RunRecord> {
  for (;;) {
    const run = await client.json<RunRecord>('GET', `/api/pipeline-runs/${runId}`);
    const { value } = await client.json<{ value: StepView[] }>('GET', `/api/pipeline-runs/${runId}/steps`);
    progress.update(value, Date.now());
    if (TERMINAL.has(run.status)) {
      progress.finish(run.id, run.status);
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export async function runsCommand(options: { url?: string; pipeline?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const query = options.pipeline === undefined ? '' : `?pipelineId=${encodeURIComponent(options.pipeline)}`;
    const { value } = await new ApiClient(options.url).json<{ value: RunRecord[] }>('GET', `/api/pipeline-runs${query}`);
    io.out(table(['RUN', 'EXPERIMENT', 'STATUS', 'CREATED', 'PIPELINE'], value.map((r) => [r.id, r.experimentName, r.status, r.createdTime, r.publishedPipelineId ?? ''])));
    return 0;
  });
}

export async function logsCommand(runId: string, step: string | undefined, options: { url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const client = new ApiClient(options.url);
    const logPath = (name: string) => `/api/pipeline-runs/${encodeURIComponent(runId)}/steps/${encodeURIComponent(name)}/logs`;
    if (step !== undefined) {
      io.out(await client.text(logPath(step)));
      return 0;
    }
    const { value } = await client.json<{ value: StepView[] }>('GET', `/api/pipeline-runs/${encodeURIComponent(runId)}/steps`);
    for (const s of value) {
      io.out(`==> ${s.stepName} (${s.status}) <==\n`);
      try {
        io.out(await client.text(logPath(s.stepName)));
      } catch (err) {
        io.out(`(no log: ${(err as Error).message})\n`);
      }
    }
    return 0;
  });
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return line(header) + rows.map(line).join('');
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}


