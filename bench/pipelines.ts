/**
 * Pipeline runner overhead, with real child processes, SQLite on disk and a folder datastore:
 * - step overhead: a one-step pipeline (python no-op, node no-op) end to end, minus the same
 *   script started directly (the interpreter's own start and run);
 * - a fully reused 10-step pipeline, end to end;
 * - a 20-step chain (node no-ops, each passing a file to the next), end to end.
 * Prints figures; asserts nothing. Goals (issue 5): <= 20 ms per step beyond the interpreter's
 * start; <= 10 ms per reused step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../engine/config.js';
import type { PipelineDefinition } from '../engine/pipelines/definition.js';
import { LocalPipelineRunner } from '../engine/pipelines/runner.js';
import { SqliteStore } from '../engine/store/sqlite-store.js';

const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-pipelines-'));
const src = join(dir, 'src');
mkdirSync(join(src, 'noop'), { recursive: true });
mkdirSync(join(dir, 'files'), { recursive: true });
writeFileSync(join(src, 'noop', 'noop.py'), 'import time\nstart = time.perf_counter()\nelapsed = time.perf_counter() - start\n');
writeFileSync(join(src, 'noop', 'noop.js'), 'const start = performance.now();\nperformance.now() - start;\n');
writeFileSync(join(src, 'noop', 'pass.js'), "const fs = require('node:fs');\nconst [, , input, output] = process.argv;\nfs.writeFileSync(output, (input ? fs.readFileSync(input, 'utf8') : '') + '.');\n");

const config = defaultConfig();
config.datastores = { workspaceblobstore: { kind: 'folder', path: join(dir, 'files') } };
const store = new SqliteStore({ path: join(dir, 'bench.db') });
const runner = new LocalPipelineRunner({ db: store.db, config, workDir: join(dir, 'runs'), computeTargets: { local: { maxNodes: 4 } } });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

async function endToEnd(definition: PipelineDefinition): Promise<number> {
  const start = process.hrtime.bigint();
  const run = await runner.submit({ pipeline: { definition, sourceRoot: src }, experimentName: 'bench' });
  const done = await runner.whenDone(run.id);
  if (done.status !== 'Finished') throw new Error(`bench run ${run.id} ended ${done.status}: ${JSON.stringify(runner.steps(run.id))}`);
  return ms(start);
}

function direct(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: join(src, 'noop'), stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  return ms(start);
}

async function stepOverhead(label: string, runtime: 'python' | 'node', script: string, command: string): Promise<void> {
  const definition: PipelineDefinition = { name: `noop-${runtime}`, steps: { noop: { runtime, script, sourceDirectory: 'noop', allowReuse: false } } };
  await endToEnd(definition); // warm-up
  direct(command, [script]);
  const steps: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    steps.push(await endToEnd(definition));
    bare.push(direct(command, [script]));
  }
  const overhead = median(steps) - median(bare);
  console.log(`${label}: step end to end ${median(steps).toFixed(1)} ms, interpreter run alone ${median(bare).toFixed(1)} ms → overhead ${overhead.toFixed(1)} ms per step (goal ≤ 20)`);
}

function chain(length: number, name: string, allowReuse: boolean): PipelineDefinition {
  const steps: PipelineDefinition['steps'] = {};
  for (let i = 0; i < length; i++) {
    steps[`s${i}`] = {
      runtime: 'node',
      script: 'pass.js',
      sourceDirectory: 'noop',
      allowReuse,
      arguments: i === 0 ? ['', '${{outputs.out}}'] : ['${{inputs.in}}', '${{outputs.out}}'],
      inputs: i === 0 ? {} : { in: { step: `s${i - 1}`, output: 'out' } },
      outputs: { out: {} },
    };
  }
  return { name, steps };
}

async function main(): Promise<void> {
  try {
    await stepOverhead('python no-op', 'python', 'noop.py', 'python3');
    await stepOverhead('node no-op', 'node', 'noop.js', process.execPath);

    const ten = chain(10, 'reused-10', true);
    await endToEnd(ten);
    const reused: number[] = [];
    for (let i = 0; i < REPEAT; i++) reused.push(await endToEnd(ten));
    console.log(`fully reused 10-step pipeline: ${median(reused).toFixed(1)} ms end to end, ${(median(reused) / 10).toFixed(2)} ms per reused step (goal ≤ 10)`);

    const twenty = chain(20, 'chain-20', false);
    await endToEnd(twenty);
    const runs: number[] = [];
    const alone: number[] = [];
    // The same 20 scripts started directly, interleaved with the runs so machine load hits both alike.
    for (let i = 0; i < Math.max(3, Math.floor(REPEAT / 5)); i++) {
      runs.push(await endToEnd(twenty));
      let sum = 0;
      for (let j = 0; j < 20; j++) sum += direct(process.execPath, ['pass.js', '', join(dir, 'scratch.txt')]);
      alone.push(sum);
    }
    const beyond = (median(runs) - median(alone)) / 20;
    console.log(`20-step chain (node, sequential by data): ${median(runs).toFixed(0)} ms end to end (${(median(runs) / 20).toFixed(1)} ms per step), the scripts alone ${median(alone).toFixed(0)} ms → ${beyond.toFixed(1)} ms overhead per step (goal ≤ 20)`);
  } finally {
    await runner.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
